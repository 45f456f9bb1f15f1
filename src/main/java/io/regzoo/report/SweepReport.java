package io.regzoo.report;

import io.regzoo.AtomicFiles;
import io.regzoo.experiment.ResultsStore;
import io.regzoo.experiment.SweepOutcome;
import io.regzoo.experiment.SweepRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of a pruning sweep: {@code sweep.md} and {@code sweep.html} beside {@code sweep.json},
 * with the validation curves and the rungs chart ({@link SweepCharts}), a table of every setting's
 * cross-validated score at the highest rung it reached, the compute spent against a full grid, the
 * chosen setting and its refit's test result against the baseline (the refit's own report, with
 * the paired statistics of {@code compare}, is in {@code refit/}).
 */
public final class SweepReport {

    /** The Markdown file. */
    public static final String MARKDOWN = "sweep.md";
    /** The HTML file. */
    public static final String HTML = "sweep.html";

    private SweepReport() {}

    /**
     * Writes the report into the sweep's folder.
     *
     * @param dir the sweep's folder
     * @param o its outcome
     * @return the Markdown file
     */
    public static Path write(Path dir, SweepOutcome o) {
        List<ReportChart> charts = new ArrayList<>();
        charts.add(SweepCharts.rungs(o));
        charts.addAll(SweepCharts.validationCurves(o));
        StringBuilder md = new StringBuilder();
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>regzoo sweep</title>"
                + "<body style=\"font-family:sans-serif;max-width:60em;margin:auto\">");
        String title = "regzoo sweep: " + o.model() + " on " + o.dataset() + ", " + o.scheduler() + ", " + o.folds()
                + "-fold cross-validation";
        md.append("# ").append(title).append("\n\n");
        html.append("<h1>").append(esc(title)).append("</h1>");
        String summary = summary(o);
        md.append(summary).append("\n\n");
        html.append("<p>").append(esc(summary)).append("</p>");
        String refit = refitLine(dir, o);
        if (!refit.isEmpty()) {
            md.append(refit).append("\n\n");
            html.append("<p>").append(esc(refit)).append("</p>");
        }
        for (ReportChart c : charts) {
            String file = c.id() + ".png";
            AtomicFiles.write(dir.resolve(file), c.png());
            md.append("## ").append(c.title()).append("\n\n![").append(c.title()).append("](").append(file)
                    .append(")\n\n").append(c.caption()).append("\n\n");
            html.append("<h2>").append(esc(c.title())).append("</h2><img style=\"max-width:100%\" src=\"").append(file)
                    .append("\" alt=\"").append(esc(c.title())).append("\"><p>").append(esc(c.caption())).append("</p>");
        }
        md.append("## Settings\n\n| setting | epochs | cross-validated ").append(metric(o)).append(" (mean ± SD) | folds |\n"
                + "|---|---:|---:|---|\n");
        html.append("<h2>Settings</h2><table border=1 cellpadding=4 style=\"border-collapse:collapse\"><tr><th>setting"
                + "</th><th>epochs</th><th>").append(metric(o)).append("</th><th>folds</th></tr>");
        for (SweepOutcome.SettingScores s : o.settings()) {
            String score = s.rungs().isEmpty() ? "" : score(o, s.rungs().get(s.rungs().size() - 1));
            String folds = s.rungs().isEmpty() ? "" : s.rungs().get(s.rungs().size() - 1).folds().stream()
                    .map(f -> fmt(o, f)).reduce((a, b) -> a + ", " + b).orElse("");
            String name = s.id() + " " + s.label() + (s.id().equals(o.chosen()) ? " **(chosen)**" : "");
            md.append("| ").append(name).append(" | ").append(s.epochsReached()).append(" | ").append(score)
                    .append(" | ").append(folds).append(" |\n");
            html.append("<tr><td>").append(esc(name.replace("**", ""))).append("</td><td>").append(s.epochsReached())
                    .append("</td><td>").append(score).append("</td><td>").append(folds).append("</td></tr>");
        }
        md.append("\nMethod: each setting's score at a rung is its mean over the ").append(o.folds())
                .append(" held-out folds (stratified for classifiers); ").append(o.scheduler().equals("asha")
                        ? "ASHA promotes the best 1/" + o.eta() + " of the settings complete at a rung (ties to the "
                                + "setting listed first) and continues them from their checkpoints (parameters, "
                                + "updater state, data order); "
                        : "the grid trains every setting for the full budget; ")
                .append("the choice rule is `").append(o.choose()).append("` among the settings that reached ")
                .append(o.rungs().get(o.rungs().size() - 1)).append(" epochs.\n");
        html.append("</table></body>\n");
        AtomicFiles.write(dir.resolve(HTML), html.toString());
        return AtomicFiles.write(dir.resolve(MARKDOWN), md.toString());
    }

    /**
     * One paragraph: compute spent, time, the chosen setting and its cross-validated score.
     *
     * @param o the sweep
     * @return the text
     */
    public static String summary(SweepOutcome o) {
        String chosen = o.chosenSetting().map(s -> "Chosen (" + o.choose() + "): " + s.label() + ", cross-validated "
                + metric(o) + " " + score(o, s.rungs().get(s.rungs().size() - 1)) + " after " + s.epochsReached()
                + " epochs.").orElse(o.finished() ? "No setting reached the top rung." : "Not finished (interrupted): "
                        + "run the same command again to resume.");
        return String.format(Locale.ROOT, "%d settings; %d fold-epochs trained, %.1f%% of the %d a full grid spends; "
                + "%.0f s of training in all (wall %.0f s in this run). %s", o.settings().size(), o.epochsSpent(),
                100.0 * o.epochsSpent() / Math.max(1, o.gridEpochs()), o.gridEpochs(), o.unitSeconds(), o.wallSeconds(),
                chosen);
    }

    /** The refit's verdict on the chosen setting against the baseline, from the refit folder's results. */
    private static String refitLine(Path dir, SweepOutcome o) {
        if (o.refitDir() == null) {
            return "";
        }
        Path results = dir.resolve(o.refitDir()).resolve(ResultsStore.FILE_NAME);
        if (!Files.exists(results)) {
            return "";
        }
        List<ModelStats> stats = ModelStats.ofAll(ResultsFile.read(results).trials());
        for (ModelStats m : stats) {
            for (VariantStats v : m.variants()) {
                if (v.variant().equals(SweepRun.CHOSEN)) {
                    return "Refit on the whole training set with every seed of the spec, scored on the test set: "
                            + v.verdict() + " (full statistics: [" + o.refitDir() + "/report.md](" + o.refitDir()
                            + "/report.md)).";
                }
            }
        }
        return "";
    }

    /**
     * Prints every setting's score and the summary.
     *
     * @param o the sweep
     * @param out where to print
     */
    public static void printTable(SweepOutcome o, PrintWriter out) {
        for (SweepOutcome.SettingScores s : o.settings()) {
            String score = s.rungs().isEmpty() ? "-" : score(o, s.rungs().get(s.rungs().size() - 1));
            out.printf(Locale.ROOT, "  %s %-34s %3d epochs  %s %s%s%n", s.id(), s.label(), s.epochsReached(), metric(o),
                    score, s.id().equals(o.chosen()) ? "   <- chosen" : "");
        }
        out.println(summary(o));
    }

    /**
     * Prints grid and ASHA side by side: fold-epochs, training seconds (summed over units), the
 * sweep's wall time in this run (the refit not included), chosen setting, its score, and
     * whether ASHA's choice is within one standard error of the grid's best at full budget.
     *
     * @param outcomes the sweeps (same space)
     * @param out where to print
     */
    public static void sideBySide(List<SweepOutcome> outcomes, PrintWriter out) {
        out.printf(Locale.ROOT, "  %-9s %12s %9s %8s  %-34s %s%n", "scheduler", "fold-epochs", "train s", "wall s",
                "chosen", "cross-validated score");
        SweepOutcome grid = outcomes.stream().filter(x -> x.scheduler().equals("grid")).findFirst().orElse(null);
        for (SweepOutcome o : outcomes) {
            String ch = o.chosenSetting().map(SweepOutcome.SettingScores::label).orElse("-");
            String sc = o.chosenSetting().map(s -> score(o, s.rungs().get(s.rungs().size() - 1))).orElse("-");
            out.printf(Locale.ROOT, "  %-9s %12d %9.0f %8.0f  %-34s %s%n", o.scheduler(), o.epochsSpent(), o.unitSeconds(),
                    o.wallSeconds(), ch, sc);
        }
        if (grid != null && grid.chosen() != null) {
            for (SweepOutcome o : outcomes) {
                if (o == grid || o.chosen() == null) {
                    continue;
                }
                int top = grid.rungs().get(grid.rungs().size() - 1);
                SweepOutcome.SettingScores best = grid.settings().stream().filter(s -> s.epochsReached() == top)
                        .min((x, y) -> (grid.higherIsBetter() ? -1 : 1) * Double.compare(
                                x.rungs().get(x.rungs().size() - 1).mean(), y.rungs().get(y.rungs().size() - 1).mean()))
                        .orElseThrow();
                SweepOutcome.RungScore b = best.rungs().get(best.rungs().size() - 1);
                SweepOutcome.SettingScores mine = grid.settings().stream().filter(s -> s.id().equals(o.chosen()))
                        .findFirst().orElseThrow();
                SweepOutcome.RungScore m = mine.rungs().get(mine.rungs().size() - 1);
                double se = b.std() / Math.sqrt(grid.folds());
                boolean within = o.higherIsBetter() ? m.mean() >= b.mean() - se : m.mean() <= b.mean() + se;
                out.printf(Locale.ROOT, "  %s's choice scores %s in the full grid; the grid's best %s ± %s (1 SE): %s; "
                        + "%s spent %.1f%% of the grid's epochs%n", o.scheduler(), fmt(o, m.mean()), fmt(o, b.mean()),
                        fmt(o, se), within ? "within one standard error" : "NOT within one standard error",
                        o.scheduler(), 100.0 * o.epochsSpent() / grid.epochsSpent());
            }
        }
    }

    private static String metric(SweepOutcome o) {
        return o.higherIsBetter() ? "val acc" : "val loss";
    }

    private static String score(SweepOutcome o, SweepOutcome.RungScore r) {
        return fmt(o, r.mean()) + " ± " + fmt(o, r.std());
    }

    private static String fmt(SweepOutcome o, Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "n/a";
        }
        return o.higherIsBetter() ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
