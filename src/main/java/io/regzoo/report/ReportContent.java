package io.regzoo.report;

import io.regzoo.experiment.TrialResult;
import io.regzoo.regularize.Knob;
import io.regzoo.experiment.TrialStatus;
import io.regzoo.regularize.SpecJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Everything the writers put on the page, computed once so Markdown and HTML say the same thing. */
final class ReportContent {

    /**
     * Conventions, as Markdown-ish text: {@code `code`} is the only markup. The regularizers' come
     * from their {@link Knob} table ({@link Knob#conventions()}); the statistics' follow.
     */
    static final List<String> CONVENTIONS = Stream.concat(Knob.conventions().stream(), Stream.of(
            "Statistics: mean ± sample standard deviation over seeds; 95% confidence intervals use Student's t with "
                    + "n − 1 degrees of freedom. Differences to the baseline use Welch's interval "
                    + "(Welch–Satterthwaite degrees of freedom) and the two-sided Welch t-test; a difference is "
                    + "called an effect only when its 95% interval excludes 0.",
            "Only trials with status `ok` enter means and tests; diverged and failed trials are counted and listed.",
            "Accuracy differences are in percentage points (pp). The generalization gap is train − test accuracy "
                    + "for classifiers and test − train loss for regressors; test and validation losses are data "
                    + "losses without penalty terms.")).toList();

    final String title;
    final List<TrialResult> trials;
    final List<ModelStats> models;
    final List<ReportChart> charts;
    final Map<String, List<ReportChart>> chartsByModel;
    final List<ReportChart> sweepCharts;
    final List<String> warnings;
    final Map<String, String> provenance;
    final VariantColors colors;

    ReportContent(String title, List<TrialResult> trials, List<SweepCurve> sweeps, List<String> warnings) {
        this.title = title;
        this.trials = List.copyOf(trials);
        this.models = ModelStats.ofAll(trials);
        this.colors = VariantColors.create();
        this.chartsByModel = new LinkedHashMap<>();
        List<ReportChart> all = new ArrayList<>();
        for (ModelStats m : models) {
            m.variants().forEach(v -> colors.of(v.variant()));
            List<ReportChart> cs = Charts.forModel(m, trials, colors);
            chartsByModel.put(m.model(), cs);
            all.addAll(cs);
        }
        this.sweepCharts = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (SweepCurve s : sweeps) {
            String id = "sweep-" + Charts.slug(s.model() + "-" + s.parameter());
            String unique = id;
            for (int i = 2; !ids.add(unique); i++) {
                unique = id + "-" + i;
            }
            sweepCharts.add(Charts.sweep(s, unique));
        }
        all.addAll(sweepCharts);
        this.charts = List.copyOf(all);
        this.warnings = List.copyOf(warnings);
        this.provenance = provenanceOf(trials);
    }

    /** Provenance keys with one value across all trials show it; others say how many values they have. */
    private static Map<String, String> provenanceOf(List<TrialResult> trials) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            Map<String, String> flat = new LinkedHashMap<>(t.provenance().asMap());
            if (t.regularization() != null) {
                flat.put("regularization", SpecJson.toJson(t.regularization()));
            }
            flat.forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, vs) -> {
            if (vs.size() == 1) {
                String v = String.valueOf(vs.iterator().next()).replaceAll("\\s+", " ").trim();
                out.put(k, v.length() > 300 ? v.substring(0, 297) + "... (full value in results.jsonl)" : v);
            } else {
                out.put(k, vs.size() + " distinct values across trials (per trial in results.jsonl)");
            }
        });
        return out;
    }

    String whatWasCompared() {
        Set<Long> seeds = new TreeSet<>();
        trials.forEach(t -> seeds.add(t.seed()));
        long ok = trials.stream().filter(ModelStats::isOk).count();
        long diverged = trials.stream().filter(t -> t.status() == TrialStatus.DIVERGED).count();
        long failed = trials.size() - ok - diverged;
        List<String> ms = new ArrayList<>();
        for (ModelStats m : models) {
            ms.add(m.model() + " (" + m.variants().size() + " variants, " + (m.classifier() ? "classifier" : "regressor")
                    + ", baseline: " + m.baselineVariant() + ")");
        }
        return trials.size() + " trials of " + String.join("; ", ms) + ", over " + seeds.size() + " seed"
                + (seeds.size() == 1 ? "" : "s") + " " + seeds + ". " + ok + " finished, " + diverged + " diverged, "
                + failed + " failed.";
    }

    /** Table rows for one model: one row per variant, cells as display text. */
    static List<List<String>> rows(ModelStats m) {
        List<List<String>> rows = new ArrayList<>();
        for (VariantStats v : m.variants()) {
            List<String> r = new ArrayList<>();
            r.add(v.variant());
            r.add(v.regularization());
            r.add(v.ok() + " / " + v.diverged() + " / " + v.failed());
            if (m.classifier()) {
                r.add(meanStd(v.testAccuracy(), 100, 2));
                r.add(ci(v.testAccuracy(), 100, 2));
                r.add(meanStd(v.trainAccuracy(), 100, 2));
                r.add(meanStd(v.generalizationGap(), 100, 2));
            }
            r.add(meanStd(v.testLoss(), 1, -1));
            if (!m.classifier()) {
                r.add(ci(v.testLoss(), 1, -1));
                r.add(meanStd(v.trainLoss(), 1, -1));
                r.add(meanStd(v.generalizationGap(), 1, -1));
            }
            r.add(meanStd(v.weightNorm(), 1, -1));
            r.add(meanStd(v.nearZeroFraction(), 100, 1));
            r.add(meanStd(v.seconds(), 1, 1));
            r.add(v.verdict());
            rows.add(r);
        }
        return rows;
    }

    /** The table's header, one cell per column, matching {@link #rows(ModelStats)}. */
    static List<String> columns(ModelStats m) {
        List<String> h = new ArrayList<>(List.of("variant", "regularization", "ok / diverged / failed"));
        if (m.classifier()) {
            h.addAll(List.of("test acc. % (mean ± std)", "95% CI", "train acc. %", "gap (pp)", "test loss"));
        } else {
            h.addAll(List.of("test loss (mean ± std)", "95% CI", "train loss", "gap (test − train)"));
        }
        h.addAll(List.of("weight norm", "near-zero weights %", "seconds / trial", "vs baseline"));
        return h;
    }

    static String meanStd(SampleStats s, double scale, int decimals) {
        if (s.n() == 0) {
            return "n/a";
        }
        String m = fmt(s.mean() * scale, decimals);
        return s.n() < 2 ? m + " (n=1)" : m + " ± " + fmt(s.std() * scale, decimals);
    }

    static String ci(SampleStats s, double scale, int decimals) {
        if (s.n() < 2) {
            return s.n() == 0 ? "n/a" : "n<2";
        }
        return "[" + fmt(s.ciLow() * scale, decimals) + ", " + fmt(s.ciHigh() * scale, decimals) + "]";
    }

    /** Fixed decimals, or three significant digits when {@code decimals < 0}. */
    static String fmt(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return decimals < 0 ? ModelStats.Verdicts.num(v)
                : String.format(Locale.ROOT, "%." + decimals + "f", v).replace('-', '\u2212');
    }
}
