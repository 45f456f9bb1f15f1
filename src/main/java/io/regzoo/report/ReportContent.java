package io.regzoo.report;

import io.regzoo.experiment.Suite;
import io.regzoo.experiment.TrialResult;
import io.regzoo.regularize.Knob;
import io.regzoo.experiment.TrialStatus;
import io.regzoo.regularize.SpecJson;
import io.regzoo.stats.Difference;
import io.regzoo.stats.Wording;
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
            "Statistics (every number is explained in `docs/STATISTICS.md` of the regzoo sources): mean ± sample "
                    + "standard deviation over seeds. A variant's 95% interval is Student's t, computed on the logit "
                    + "scale (fractions such as accuracy) or the log scale (losses, norms) when the plain t interval "
                    + "would leave the metric's range, so it never does; with fewer than 3 seeds there is none "
                    + "(\"needs 3 seeds\").",
            "Comparisons with the baseline are paired by seed: the runner gives every variant of one seed the same "
                    + "data, initial weights and minibatch order, so the paired t-test on the per-seed differences "
                    + "variant − baseline (n − 1 degrees of freedom) is used wherever at least 2 seeds are on both "
                    + "sides; seeds only one side has are left out and counted as unmatched. Welch's t-test "
                    + "(Welch–Satterthwaite degrees of freedom) is the fall-back for fewer than 2 shared seeds. Each "
                    + "verdict says which test it used (\"paired, 3 seeds\" or \"Welch, 3 vs 2 seeds\").",
            "Multiplicity: the family is one model's comparisons of its variants with its baseline on the primary "
                    + "metric (test accuracy for classifiers, test loss for regressors); their p-values are "
                    + "Holm–Bonferroni adjusted (\"Holm p\"), and a variant is called different from the baseline "
                    + "only when its Holm p is at most 0.05. Secondary effects are not corrected.",
            "Margin and equivalence: with a margin m, a comparison that is not different is called \"equivalent "
                    + "within ±m\" when its 95% interval lies inside (−m, +m) — two one-sided tests (TOST) at 2.5% "
                    + "each, so the rule can be checked on the printed interval — and otherwise \"inconclusive\": "
                    + "the seeds were too few or too noisy to tell, and the interval states which differences were "
                    + "ruled out. Without a margin a non-significant comparison is never called equivalent. Default "
                    + "margin for accuracy: ±0.3 pp; a loss has none (spec key `margin`, or `--margin`).",
            "Secondary effects (test loss, train–test gap, weight norm |W|, near-zero weights, and calibration error "
                    + "ECE when the trials record it) are paired differences with 95% intervals; test loss and |W| as "
                    + "relative changes in % (from per-seed log ratios: the change of the geometric mean). They "
                    + "describe what the regularizer did; the verdict line names those whose interval excludes 0.",
            "Batch norm early in training: DL4J (like Keras and PyTorch) starts the running variance at 1 and "
                    + "averages it with decay 0.9, so after a few dozen minibatches the leftover 0.9^steps of that 1 "
                    + "can dwarf a layer's real variance (0.007 after the CNN's first convolution); accuracy measured "
                    + "in inference mode then lags the training loss until about 90 steps have passed. This is "
                    + "expected, not a bug (measured in `docs/BATCHNORM.md`).",
            "Charts: each is drawn from one description twice, as a PNG (report.md) and interactively (index.html: "
                    + "hover for values, click a legend entry to hide a variant, drag to zoom). Loss curves have a log y "
                    + "axis: losses are positive and compared as ratios, and one variant far above the rest early on "
                    + "(batch norm's first-epoch validation loss is about 10 times the others') would squeeze every "
                    + "other curve into one band on a linear axis. Other per-epoch curves (accuracy, weight norm) keep "
                    + "a linear axis, clipped when some variants' first epochs would stretch it to more than "
                    + Charts.SQUEEZE + " times the range of the rest; the caption names every point left outside. "
                    + "A variant keeps its color in every chart and every report (the same name, the same color).",
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
    /** The data-size axis: per model with several training-set sizes, its cells (smallest first) and chart. */
    final List<SizeAxis> sizeAxes;
    final List<String> warnings;
    final Map<String, String> provenance;
    final VariantColors colors;

    final Analysis analysis;

    /** Combinations a suite did not run (no place in the network), by model, in the file's order. */
    final Map<String, List<Suite.NotApplicable>> notApplicable;

    ReportContent(String title, List<TrialResult> trials, List<SweepCurve> sweeps, List<String> warnings,
            Analysis analysis, List<Suite.NotApplicable> notApplicable) {
        this.title = title;
        this.notApplicable = new LinkedHashMap<>();
        notApplicable.forEach(n -> this.notApplicable.computeIfAbsent(n.model(), k -> new ArrayList<>()).add(n));
        this.trials = List.copyOf(trials);
        this.analysis = analysis;
        this.models = ModelStats.ofAll(trials, analysis);
        this.colors = VariantColors.forVariants(models.stream().flatMap(m -> m.variants().stream())
                .map(VariantStats::variant).toList());
        this.chartsByModel = new LinkedHashMap<>();
        List<ReportChart> all = new ArrayList<>();
        for (ModelStats m : models) {
            List<ReportChart> cs = Charts.forModel(m, trials, colors);
            chartsByModel.put(m.key(), cs);
            all.addAll(cs);
        }
        this.sizeAxes = new ArrayList<>();
        Map<String, List<ModelStats>> cellsByModel = new LinkedHashMap<>();
        models.stream().filter(m -> m.trainSize() != null)
                .forEach(m -> cellsByModel.computeIfAbsent(m.model(), k -> new ArrayList<>()).add(m));
        cellsByModel.forEach((model, cells) -> {
            if (cells.size() >= 2) {
                ReportChart ch = Charts.benefitBySize(cells, colors);
                sizeAxes.add(new SizeAxis(model, cells, ch));
                if (ch != null) {
                    all.add(ch);
                }
            }
        });
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

    /**
     * One model's data-size axis.
     *
     * @param model the model
     * @param cells its statistics per training-set size, smallest first
     * @param chart the benefit-by-size chart, or null when no variant has a difference at two sizes
     */
    record SizeAxis(String model, List<ModelStats> cells, ReportChart chart) {

        /** @return the header row: variant, then one column per size */
        List<String> header() {
            List<String> h = new ArrayList<>();
            h.add("variant");
            cells.forEach(m -> h.add(String.format(java.util.Locale.ROOT, "n = %,d", m.trainSize())));
            return h;
        }

        /**
         * @return one row per non-baseline variant: the difference from the baseline on the primary metric with its
         *     interval and Holm p, at each size ("–" where the variant has no result)
         */
        List<List<String>> rows() {
            List<String> names = new ArrayList<>();
            cells.forEach(m -> m.variants().stream().filter(v -> !v.baseline()).forEach(v -> {
                if (!names.contains(v.variant())) {
                    names.add(v.variant());
                }
            }));
            List<List<String>> out = new ArrayList<>();
            for (String n : names) {
                List<String> r = new ArrayList<>();
                r.add(n);
                for (ModelStats m : cells) {
                    r.add(m.variants().stream().filter(v -> v.variant().equals(n)).findFirst()
                            .map(v -> cell(m, v)).orElse("–"));
                }
                out.add(r);
            }
            return out;
        }

        private static String cell(ModelStats m, VariantStats v) {
            io.regzoo.stats.Difference d = v.vsBaseline();
            if (d == null || !Double.isFinite(d.estimate())) {
                return "–";
            }
            double scale = m.classifier() ? 100 : 1;
            String unit = m.classifier() ? " pp" : "";
            if (d.status() != io.regzoo.stats.Difference.Status.COMPUTED) {
                return Verdicts.num(d.estimate() * scale) + unit + " (no interval)";
            }
            int dec = io.regzoo.stats.Wording.decimalsFor(d.ciLow() * scale, d.ciHigh() * scale, 2);
            String p = v.assessment() == null || !Double.isFinite(v.assessment().adjustedP()) ? ""
                    : ", Holm p " + Verdicts.num(v.assessment().adjustedP());
            return io.regzoo.stats.Wording.signed(d.estimate() * scale, dec) + unit + " ["
                    + io.regzoo.stats.Wording.signed(d.ciLow() * scale, dec) + ", "
                    + io.regzoo.stats.Wording.signed(d.ciHigh() * scale, dec) + "]" + p;
        }

        /** @return what the table's numbers are */
        String caption() {
            ModelStats m = cells.get(0);
            return "Difference from `" + m.baselineVariant() + "` in " + m.primaryMetric() + " (variant − baseline"
                    + (m.classifier() ? ", in pp" : "") + ") at each training-set size: mean of the per-seed paired "
                    + "differences, [95% confidence interval], and the Holm-adjusted p-value within that size's family. "
                    + "Every size trains for the same number of epochs, so smaller sets take fewer steps.";
        }
    }

    /**
     * The combinations of a model's section that were not run: for the first section of each model only (on a
     * data-size axis the model has one section per size, and the list would repeat).
     *
     * @param m the section
     * @return the combinations, possibly empty
     */
    List<Suite.NotApplicable> notApplicableFor(ModelStats m) {
        ModelStats first = models.stream().filter(x -> x.model().equals(m.model())).findFirst().orElse(m);
        return first == m ? notApplicable.getOrDefault(m.model(), List.of()) : List.of();
    }

    /** The sentence above a model's not-applicable list. */
    static final String NOT_APPLICABLE_NOTE = "Not applicable (not trained, so outside every comparison and the "
            + "Holm family): the network has no place for these regularizers.";

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
        long diverged = trials.stream().filter(ModelStats::isDiverged).count();
        long failed = trials.size() - ok - diverged;
        List<String> ms = new ArrayList<>();
        for (ModelStats m : models) {
            ms.add(m.label() + " (" + m.variants().size() + " variants, " + (m.classifier() ? "classifier" : "regressor")
                    + ", baseline: " + m.baselineVariant() + ")");
        }
        return trials.size() + " trials of " + String.join("; ", ms) + ", over " + seeds.size() + " seed"
                + (seeds.size() == 1 ? "" : "s") + " " + seeds + ". " + ok + " finished, " + diverged + " diverged, "
                + failed + " failed.";
    }

    /**
     * How one model's variants were compared, one sentence each: test, Holm family, margin and its source, what the
     * verdicts mean, the secondary effects.
     */
    static List<String> method(ModelStats m) {
        List<String> out = new ArrayList<>();
        String metric = m.primaryMetric();
        out.add("Test: paired t-test on the per-seed differences variant − " + m.baselineVariant() + " (Welch's "
                + "t-test where fewer than 2 seeds are shared); each verdict says which.");
        int k = m.familySize();
        out.add("Holm family: " + (k == 0 ? "empty (no comparison could be tested)"
                : k == 1 ? "1 comparison (no correction needed)"
                : "the " + k + " comparisons of " + m.model() + "'s variants with `" + m.baselineVariant() + "`"
                        + (m.trainSize() == null ? "" : " at " + m.trainSize() + " training examples (one family per size)")
                        + " on "
                        + metric + "; \"Holm p\" is the adjusted p-value and \"different\" means Holm p ≤ 0.05")
                + ".");
        Margins.Margin mg = m.margin();
        String unit = m.classifier() ? "pp" : "";
        if (mg.isSet()) {
            String pm = Wording.margin(mg.value() * (m.classifier() ? 100 : 1), unit);
            out.add("Margin: " + pm + " (" + mg.source() + "). A comparison that is not different is \"equivalent "
                    + "within " + pm + "\" when its 95% interval lies inside " + pm + " (TOST), else "
                    + "\"inconclusive\" (the interval says what was ruled out).");
        } else {
            out.add("Margin: " + mg.source() + ". A comparison that is not different is reported with its interval "
                    + "(\"no difference detectable\"), never as equivalent.");
        }
        out.add("Secondary effects (not in the Holm family, not corrected): " + String.join(", ",
                m.variants().stream().flatMap(v -> v.effects().stream()).map(e -> e.effect().metric()).distinct()
                        .toList()) + ".");
        return out;
    }

    /** Table rows for one model: one row per variant (baseline first), cells as display text. */
    static List<List<String>> rows(ModelStats m) {
        boolean ece = hasCalibration(m);
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
            if (ece) {
                r.add(meanStd(v.calibrationError(), 100, 2));
            }
            r.add(meanStd(v.seconds(), 1, 1));
            r.add(difference(m, v));
            r.add(v.vsBaseline() == null ? "" : Verdicts.how(v.vsBaseline()));
            r.add(v.assessment() == null ? "" : pCell(v.vsBaseline().pValue()));
            r.add(v.assessment() == null ? "" : pCell(v.assessment().adjustedP()));
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
        h.addAll(List.of("weight norm", "near-zero weights %"));
        if (hasCalibration(m)) {
            h.add("ECE %");
        }
        h.addAll(List.of("seconds / trial", "Δ " + m.primaryMetric() + (m.classifier() ? " (pp)" : "")
                + " vs baseline, 95% CI", "test", "p", "Holm p", "verdict"));
        return h;
    }

    /** The secondary-effects table of one model: header, then one row per compared variant. */
    static List<List<String>> effectRows(ModelStats m) {
        List<String> metrics = m.variants().stream().flatMap(v -> v.effects().stream()).map(e -> e.effect().metric())
                .distinct().toList();
        List<List<String>> rows = new ArrayList<>();
        if (metrics.isEmpty()) {
            return rows;
        }
        List<String> head = new ArrayList<>(List.of("variant"));
        head.addAll(metrics);
        rows.add(head);
        for (VariantStats v : m.variants()) {
            if (v.baseline() || v.effects().isEmpty()) {
                continue;
            }
            List<String> r = new ArrayList<>(List.of(v.variant()));
            for (String name : metrics) {
                r.add(v.effects().stream().filter(e -> e.effect().metric().equals(name)).findFirst()
                        .map(e -> e.text().substring(name.length()).trim() + (e.measurable() ? " *" : ""))
                        .orElse("n/a"));
            }
            rows.add(r);
        }
        return rows;
    }

    private static boolean hasCalibration(ModelStats m) {
        return m.variants().stream().anyMatch(v -> v.calibrationError().n() > 0);
    }

    /** The difference of the primary metric with its interval, e.g. "+0.01 [−0.18, +0.17]". */
    static String difference(ModelStats m, VariantStats v) {
        Difference d = v.vsBaseline();
        if (d == null || v.ok() == 0) {
            return "";
        }
        double scale = m.classifier() ? 100 : 1;
        if (d.status() != Difference.Status.COMPUTED) {
            return fmt(d.estimate() * scale, -1) + " (no interval)";
        }
        Difference s = d.scaled(scale);
        int dec = Wording.decimalsFor(s.ciLow(), s.ciHigh(), 2);
        return Wording.signed(s.estimate(), dec) + " [" + Wording.signed(s.ciLow(), dec)
                + ", " + Wording.signed(s.ciHigh(), dec) + "]";
    }

    private static String pCell(double p) {
        return Double.isFinite(p) ? Verdicts.p(p).substring(2) : "n/a";
    }

    static String meanStd(SampleStats s, double scale, int decimals) {
        if (s.n() == 0) {
            return "n/a";
        }
        String m = fmt(s.mean() * scale, decimals);
        return s.n() < 2 ? m + " (n=1)" : m + " ± " + fmt(s.std() * scale, decimals);
    }

    static String ci(SampleStats s, double scale, int decimals) {
        if (s.n() == 0) {
            return "n/a";
        }
        if (!s.hasInterval()) {
            return "needs 3 seeds";
        }
        return "[" + fmt(s.ciLow() * scale, decimals) + ", " + fmt(s.ciHigh() * scale, decimals) + "]";
    }

    /** Fixed decimals, or three significant digits when {@code decimals < 0}. */
    static String fmt(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return decimals < 0 ? Verdicts.num(v)
                : String.format(Locale.ROOT, "%." + decimals + "f", v).replace('-', '\u2212');
    }
}
