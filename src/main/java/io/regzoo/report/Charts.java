package io.regzoo.report;

import io.regzoo.experiment.TrialResult;
import io.regzoo.report.ChartModel.Series;
import io.regzoo.stats.Difference;
import io.regzoo.train.EpochMetrics;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.knowm.xchart.Histogram;

/**
 * The report's charts, each described once as a {@link ChartModel} and drawn twice: as a PNG by
 * {@link ChartPng} (for {@code report.md}) and interactively in {@code index.html} by
 * {@link ChartScript}. Learning curves (mean over seeds with a min–max band), the compared metric per
 * variant with 95% confidence intervals, the generalization gap, the weight norm over epochs, weight
 * histograms, and sweep validation curves. Every chart of one report takes its variant colors from
 * one {@link VariantColors}.
 *
 * <p>To add a chart: write a method returning a {@link ChartModel} (or {@code null} when there is
 * nothing to draw) and add one {@code add(out, model, caption)} line to {@link #forModel}.
 */
public final class Charts {

    /** Width of every PNG chart, in pixels. */
    public static final int WIDTH = 900;
    /** Height of every PNG chart, in pixels. */
    public static final int HEIGHT = 480;

    /**
     * A curve chart clips its y axis when the full range of the data is more than this many times the range
     * without each variant's first epoch (one variant's early epochs would squeeze the others into a band).
     */
    static final double SQUEEZE = 2.5;

    private static final int HISTOGRAM_BINS = 40;

    private Charts() {}

    /**
     * All charts of one model: validation loss (or training loss when there was no validation set),
     * validation accuracy (classifiers), the compared metric with 95% CIs, the generalization gap,
     * the weight norm over epochs, and the weight histograms. Charts without any data are left out.
     *
     * @param stats the model's statistics
     * @param trials the trials (of any model; only the model's successful ones are plotted)
     * @param colors the report's variant colors
     * @return the charts
     */
    public static List<ReportChart> forModel(ModelStats stats, List<TrialResult> trials, VariantColors colors) {
        String m = stats.label();
        String slug = slug(stats.key());
        List<ReportChart> out = new ArrayList<>();
        boolean hasVal = anyFinite(stats, trials, EpochMetrics::valLoss);
        ToDoubleFunction<EpochMetrics> loss = hasVal ? EpochMetrics::valLoss : EpochMetrics::trainLoss;
        String lossName = hasVal ? "validation loss" : "training loss (no validation set)";
        String band = "Mean over successful seeds (line) with the min–max range over seeds (band).";
        Curve lossCurve = curve(stats, trials, colors, slug + "-loss-curve", m + ": " + lossName + " per epoch",
                lossName, loss, 1, true);
        add(out, lossCurve, band + (lossCurve != null && lossCurve.model.y().scale() == ChartModel.Scale.LOG
                ? " Log y axis, so a variant far above the others (batch norm's first epochs) does not flatten them."
                : "") + " " + (hasVal ? "Validation loss is the data loss without penalty terms." : "Training loss "
                + "is the data loss too: the L1/L2/weight-decay penalty DL4J adds to its score is subtracted."));
        if (stats.classifier() && anyFinite(stats, trials, EpochMetrics::valAccuracy)) {
            add(out, curve(stats, trials, colors, slug + "-accuracy-curve", m + ": validation accuracy per epoch",
                    "validation accuracy (%)", EpochMetrics::valAccuracy, 100, false), band);
        }
        String metric = stats.classifier() ? "test accuracy (%)" : "test loss";
        add(out, perVariant(stats, colors, slug + "-test", m + ": " + stats.primaryMetric() + " per variant",
                metric, stats.classifier() ? 100 : 1, v -> stats.classifier() ? v.testAccuracy() : v.testLoss(),
                trials, t -> stats.classifier() ? t.testAccuracy() : t.testLoss()),
                "Filled circle: mean over successful seeds, vertical line: its 95% confidence interval (inside the "
                + "metric's range; none with fewer than 3 seeds); "
                + "light diamonds: the individual seeds. " + (stats.classifier() ? "Higher is better." : "Lower is better."));
        String gapName = stats.classifier() ? "train − test accuracy (pp)" : "test − train loss";
        add(out, perVariant(stats, colors, slug + "-gap", m + ": generalization gap per variant", gapName,
                stats.classifier() ? 100 : 1, VariantStats::generalizationGap, trials,
                stats.classifier() ? TrialResult::accuracyGap : TrialResult::lossGap),
                "How much better the network does on its training data than on unseen test data; regularization "
                + "usually shrinks this gap. Mean with 95% CI; diamonds are seeds.");
        add(out, curve(stats, trials, colors, slug + "-weight-norm", m + ": weight norm per epoch",
                "L2 norm of the weights", EpochMetrics::weightNorm, 1, false),
                "‖w‖₂ over all weights (biases and batch-norm statistics excluded): L2 and weight decay pull it down.");
        add(out, histogram(stats, trials, colors, slug + "-weights", m + ": final weights per variant"),
                "Distribution of a sample of up to 2,000 final weights per trial, pooled over successful seeds, as "
                + "the fraction of weights per bin (range: 0.5th to 99.5th percentile of all samples). L1 piles weights "
                + "at zero; L2 and weight decay narrow the distribution.");
        return out;
    }

    /**
     * The validation curve of a sweep: mean score against the swept value on a log axis, with ±1
     * standard deviation error bars, and the chosen value marked.
     *
     * @param sweep the sweep
     * @param id the chart id (letters, digits, {@code -})
     * @return the chart
     */
    public static ReportChart sweep(SweepCurve sweep, String id) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> es = new ArrayList<>();
        double atZero = Double.NaN;
        for (int i = 0; i < sweep.values().size(); i++) {
            double y = sweep.meanScore().get(i);
            if (sweep.values().get(i) <= 0) {
                atZero = y; // no place on a log axis: drawn as a reference line below
                continue;
            }
            if (Double.isFinite(y)) {
                double e = sweep.stdScore().get(i);
                xs.add(sweep.values().get(i));
                ys.add(y);
                es.add(Double.isFinite(e) ? e : 0.0);
            }
        }
        Color blue = VariantColors.create().of("sweep");
        List<Series> series = new ArrayList<>();
        if (!xs.isEmpty()) {
            double[] x = doubles(xs);
            double[] y = doubles(ys);
            double[] lo = new double[y.length];
            double[] hi = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                lo[i] = y[i] - es.get(i);
                hi[i] = y[i] + es.get(i);
            }
            series.add(Series.line("mean ± std over folds", blue, x, y).marker(ChartModel.Marker.CIRCLE)
                    .bounds(lo, hi, ChartModel.Interval.BARS));
            if (Double.isFinite(atZero)) {
                double min = xs.stream().mapToDouble(Double::doubleValue).min().orElse(1);
                double max = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
                series.add(Series.line(sweep.parameter() + " = 0 (no penalty)", Color.GRAY, new double[] {min, max},
                        new double[] {atZero, atZero}).style(ChartModel.Style.DASHED).marker(ChartModel.Marker.NONE));
            }
            int best = sweep.values().indexOf(sweep.chosen());
            if (best >= 0 && sweep.chosen() > 0 && Double.isFinite(sweep.meanScore().get(best))) {
                series.add(Series.points("chosen " + sweep.parameter() + " = " + fmt(sweep.chosen()),
                        new Color(0xD5, 0x5E, 0x00), ChartModel.Marker.DIAMOND, new double[] {sweep.chosen()},
                        new double[] {sweep.meanScore().get(best)}));
            }
        }
        ChartModel model = new ChartModel(id, sweep.model() + ": " + sweep.scoreName() + " vs " + sweep.parameter(),
                ChartModel.Axis.log(sweep.parameter() + " (log scale)"), ChartModel.Axis.linear(sweep.scoreName()),
                series);
        return ReportChart.of(model, "Mean validation score at each swept value with ±1 std error bars "
                + "over folds; " + (sweep.higherIsBetter() ? "higher" : "lower") + " is better. The diamond marks "
                + "the chosen value " + fmt(sweep.chosen()) + (sweep.values().stream().anyMatch(v -> v <= 0)
                ? "; the dashed line is the score at " + sweep.parameter() + " = 0, which a log axis cannot place." : "."));
    }

    /**
     * The data-size axis: each variant's benefit over the baseline on the primary metric against the training-set
     * size (log axis), the paired difference at each size with its 95% confidence interval as error bars, and a
     * dashed line at zero. Benefit means variant − baseline for accuracy (in pp) and baseline − variant for test
     * loss, so above zero is better either way. Sizes where a comparison has no interval are drawn without bars.
     *
     * @param cells one {@link ModelStats} per training-set size of one model (their {@code trainSize} set)
     * @param colors the report's variant colours
     * @return the chart, or {@code null} when no variant has a difference at two sizes or more
     */
    public static ReportChart benefitBySize(List<ModelStats> cells, VariantColors colors) {
        if (cells.isEmpty()) {
            return null;
        }
        ModelStats first = cells.get(0);
        boolean cls = first.classifier();
        double scale = cls ? 100 : 1;
        double sign = cls ? 1 : -1;
        List<String> variants = new ArrayList<>();
        cells.forEach(m -> m.variants().stream().filter(v -> !v.baseline()).forEach(v -> {
            if (!variants.contains(v.variant())) {
                variants.add(v.variant());
            }
        }));
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            String name = variants.get(i);
            // Spread the variants a little along the log axis so their bars do not overlap.
            double offset = Math.pow(1.06, i - (variants.size() - 1) / 2.0);
            List<double[]> points = new ArrayList<>();
            for (ModelStats m : cells) {
                VariantStats v = m.variants().stream().filter(x -> x.variant().equals(name)).findFirst().orElse(null);
                if (v == null || v.vsBaseline() == null || m.trainSize() == null
                        || !Double.isFinite(v.vsBaseline().estimate())) {
                    continue;
                }
                Difference d = v.vsBaseline();
                double y = sign * d.estimate() * scale;
                boolean ci = d.status() == Difference.Status.COMPUTED;
                double a = ci ? sign * d.ciLow() * scale : y;
                double b = ci ? sign * d.ciHigh() * scale : y;
                points.add(new double[] {m.trainSize() * offset, y, Math.min(a, b), Math.max(a, b)});
                minX = Math.min(minX, m.trainSize());
                maxX = Math.max(maxX, m.trainSize());
            }
            if (points.size() < 2) {
                continue;
            }
            series.add(Series.line(name, colors.of(name), column(points, 0), column(points, 1))
                    .marker(ChartModel.Marker.CIRCLE)
                    .bounds(column(points, 2), column(points, 3), ChartModel.Interval.BARS));
        }
        if (series.isEmpty()) {
            return null;
        }
        series.add(Series.line("no difference", Color.GRAY, new double[] {minX / 1.2, maxX * 1.2}, new double[] {0, 0})
                .style(ChartModel.Style.DASHED).marker(ChartModel.Marker.NONE));
        String metric = cls ? "test accuracy − baseline (pp)" : "baseline − test loss";
        ChartModel model = new ChartModel(slug(first.model()) + "-benefit-by-size", first.model() + ": benefit over "
                + first.baselineVariant() + " by training-set size", ChartModel.Axis.log("training examples (log scale)"),
                ChartModel.Axis.linear(metric), series);
        return ReportChart.of(model, "Each point is the paired difference between a variant and "
                + first.baselineVariant() + " at one training-set size (mean over the seeds both have), with its 95% "
                + "confidence interval (not Holm-adjusted) as the bar; above the dashed line the variant did better "
                + (cls ? "(higher test accuracy)" : "(lower test loss)") + ". Variants are spread slightly along the "
                + "axis so their bars do not hide each other; the sizes are the listed ones.");
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).toArray();
    }

    /** Adds a chart with data, rendered, with its caption; {@code null} or an empty chart is left out. */
    private static void add(List<ReportChart> out, ChartModel model, String caption) {
        if (model != null && model.hasData()) {
            out.add(ReportChart.of(model, caption));
        }
    }

    /** Adds a curve chart; its caption gets the curve's note on a clipped axis. */
    private static void add(List<ReportChart> out, Curve curve, String caption) {
        if (curve != null) {
            add(out, curve.model, caption + curve.note);
        }
    }

    /** A curve chart and what its caption must add (which points a clipped axis leaves out). */
    record Curve(ChartModel model, String note) {}

    private static Curve curve(ModelStats stats, List<TrialResult> trials, VariantColors colors, String id,
            String title, String yTitle, ToDoubleFunction<EpochMetrics> metric, double scale, boolean logIfPositive) {
        List<Series> series = new ArrayList<>();
        boolean positive = true;
        for (VariantStats v : stats.variants()) {
            TreeMap<Integer, DescriptiveStatistics> byEpoch = new TreeMap<>();
            for (TrialResult t : okTrials(trials, stats, v.variant())) {
                if (t.history() == null) {
                    continue;
                }
                for (EpochMetrics e : t.history()) {
                    double y = metric.applyAsDouble(e) * scale;
                    if (Double.isFinite(y)) {
                        byEpoch.computeIfAbsent(e.epoch(), k -> new DescriptiveStatistics()).addValue(y);
                    }
                }
            }
            if (byEpoch.isEmpty()) {
                continue;
            }
            int n = byEpoch.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            int i = 0;
            boolean spread = false;
            for (var e : byEpoch.entrySet()) {
                x[i] = e.getKey();
                mean[i] = e.getValue().getMean();
                lo[i] = e.getValue().getMin();
                hi[i] = e.getValue().getMax();
                positive &= lo[i] > 0;
                spread |= e.getValue().getN() > 1;
                i++;
            }
            Series s = Series.line(v.variant(), colors.of(v.variant()), x, mean);
            series.add(spread ? s.bounds(lo, hi, ChartModel.Interval.BAND) : s);
        }
        if (series.isEmpty()) {
            return null;
        }
        ChartModel.Axis xAxis = ChartModel.Axis.linear("epoch").wholeNumbers();
        if (logIfPositive && positive) {
            return new Curve(new ChartModel(id, title, xAxis, ChartModel.Axis.log(yTitle + " (log scale)"), series), "");
        }
        return clipped(new ChartModel(id, title, xAxis, ChartModel.Axis.linear(yTitle), series), yTitle);
    }

    /**
     * The chart with its y axis clipped when one variant's early epochs would squeeze the others: the points after
     * each series' first epoch always count; a first epoch counts while the range stays within {@link #SQUEEZE}
     * times the range without first epochs (nearest first); the axis then spans the points that count, and the note
     * names the ones outside.
     */
    static Curve clipped(ChartModel m, String yTitle) {
        double lateLo = Double.POSITIVE_INFINITY;
        double lateHi = Double.NEGATIVE_INFINITY;
        double allLo = Double.POSITIVE_INFINITY;
        double allHi = Double.NEGATIVE_INFINITY;
        List<double[]> first = new ArrayList<>(); // {lo, hi} of each series' first point
        for (Series s : m.series()) {
            for (int i = 0; i < s.x().length; i++) {
                double lo = s.lower() == null ? s.y()[i] : Math.min(s.y()[i], s.lower()[i]);
                double hi = s.upper() == null ? s.y()[i] : Math.max(s.y()[i], s.upper()[i]);
                allLo = Math.min(allLo, lo);
                allHi = Math.max(allHi, hi);
                if (i == 0) {
                    first.add(new double[] {lo, hi});
                } else {
                    lateLo = Math.min(lateLo, lo);
                    lateHi = Math.max(lateHi, hi);
                }
            }
        }
        double late = lateHi - lateLo;
        if (!(late > 0) || !(allHi - allLo > SQUEEZE * late)) {
            return new Curve(m, "");
        }
        double lo = lateLo;
        double hi = lateHi;
        final double mid = (lateLo + lateHi) / 2;
        first.sort(java.util.Comparator.comparingDouble(p -> Math.max(Math.abs(p[0] - mid), Math.abs(p[1] - mid))));
        for (double[] p : first) {
            if (Math.max(hi, p[1]) - Math.min(lo, p[0]) <= SQUEEZE * late) {
                lo = Math.min(lo, p[0]);
                hi = Math.max(hi, p[1]);
            }
        }
        double pad = 0.06 * (hi - lo);
        Double min = allLo < lo ? lo - pad : null;
        Double max = allHi > hi ? hi + pad : null;
        List<String> outside = new ArrayList<>();
        for (Series s : m.series()) {
            for (int i = 0; i < s.x().length; i++) {
                double y = s.y()[i];
                if (min != null && y < min || max != null && y > max) {
                    outside.add(s.name() + " at epoch " + Math.round(s.x()[i]) + " (" + Verdicts.num(y) + ")");
                }
            }
        }
        String range = min != null && max != null ? "[" + Verdicts.num(min) + ", " + Verdicts.num(max) + "]"
                : min != null ? "start at " + Verdicts.num(min) : "end at " + Verdicts.num(max);
        String note = " The y axis is clipped (" + range.replaceFirst("^\\[", "to [") + ") so that one variant's first "
                + "epoch does not squeeze the others" + (outside.isEmpty() ? "; only the range bands reach beyond it."
                : "; outside it: " + String.join(", ", outside) + ".") + " In index.html hovering shows every value.";
        return new Curve(new ChartModel(m.id(), m.title(), m.x(), m.y().range(min, max), m.series()), note);
    }

    private static ChartModel perVariant(ModelStats stats, VariantColors colors, String id, String title, String yTitle,
            double scale, java.util.function.Function<VariantStats, SampleStats> summary, List<TrialResult> trials,
            ToDoubleFunction<TrialResult> perTrial) {
        List<Series> series = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (VariantStats v : stats.variants()) {
            k++;
            SampleStats s = summary.apply(v);
            labels.add(v.variant() + " (n=" + s.n() + (s.n() > 0 && !s.hasInterval() ? ", no CI" : "") + ")");
            if (s.n() == 0) {
                continue;
            }
            Color col = colors.of(v.variant());
            Series mean = Series.points(v.variant(), col, ChartModel.Marker.CIRCLE, new double[] {k},
                    new double[] {s.mean() * scale});
            lo = Math.min(lo, s.mean() * scale);
            hi = Math.max(hi, s.mean() * scale);
            if (s.hasInterval()) {
                mean = mean.bounds(new double[] {s.ciLow() * scale}, new double[] {s.ciHigh() * scale},
                        ChartModel.Interval.BARS);
                lo = Math.min(lo, s.ciLow() * scale);
                hi = Math.max(hi, s.ciHigh() * scale);
            }
            series.add(mean);
            double[] seedY = ModelStats.okValues(okTrials(trials, stats, v.variant()), perTrial);
            if (seedY.length > 0) {
                double[] seedX = new double[seedY.length];
                for (int i = 0; i < seedY.length; i++) {
                    seedY[i] *= scale;
                    seedX[i] = k + 0.12 + 0.16 * (seedY.length == 1 ? 0.5 : (double) i / (seedY.length - 1));
                    lo = Math.min(lo, seedY[i]);
                    hi = Math.max(hi, seedY[i]);
                }
                series.add(Series.points(v.variant() + " seeds", translucent(col, 120), ChartModel.Marker.DIAMOND,
                        seedX, seedY).partOf(v.variant()));
            }
        }
        if (series.isEmpty()) {
            return null;
        }
        double range = hi - lo;
        double pad = range > 0 ? range * 0.15 : Math.max(Math.abs(hi) * 0.05, 1e-3);
        return new ChartModel(id, title, ChartModel.Axis.categories("", labels),
                ChartModel.Axis.linear(yTitle).range(lo - pad, hi + pad), series);
    }

    private static ChartModel histogram(ModelStats stats, List<TrialResult> trials, VariantColors colors, String id,
            String title) {
        List<List<Double>> pooled = new ArrayList<>();
        DescriptiveStatistics all = new DescriptiveStatistics();
        for (VariantStats v : stats.variants()) {
            List<Double> w = new ArrayList<>();
            for (TrialResult t : okTrials(trials, stats, v.variant())) {
                if (t.weightSample() != null) {
                    for (Double d : t.weightSample()) {
                        if (d != null && Double.isFinite(d)) {
                            w.add(d);
                            all.addValue(d);
                        }
                    }
                }
            }
            pooled.add(w);
        }
        if (all.getN() == 0) {
            return null;
        }
        double lo = all.getPercentile(0.5);
        double hi = all.getPercentile(99.5);
        if (!(hi > lo)) {
            lo -= 1e-3;
            hi += 1e-3;
        }
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < stats.variants().size(); i++) {
            List<Double> w = pooled.get(i);
            if (w.isEmpty()) {
                continue;
            }
            Histogram h = new Histogram(w, HISTOGRAM_BINS, lo, hi);
            double[] frac = h.getyAxisData().stream().mapToDouble(c -> c / w.size()).toArray();
            String name = stats.variants().get(i).variant();
            series.add(Series.line(name, colors.of(name), doubles(h.getxAxisData()), frac)
                    .style(ChartModel.Style.STEP).marker(ChartModel.Marker.NONE));
        }
        return new ChartModel(id, title, ChartModel.Axis.linear("weight value"),
                ChartModel.Axis.linear("fraction of weights per bin"), series);
    }

    private static double[] doubles(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<TrialResult> okTrials(List<TrialResult> trials, ModelStats stats, String variant) {
        return trials.stream().filter(t -> stats.covers(t) && t.variant().equals(variant) && ModelStats.isOk(t))
                .toList();
    }

    private static boolean anyFinite(ModelStats stats, List<TrialResult> trials, ToDoubleFunction<EpochMetrics> f) {
        return trials.stream().filter(t -> stats.covers(t) && ModelStats.isOk(t) && t.history() != null)
                .flatMap(t -> t.history().stream()).anyMatch(e -> Double.isFinite(f.applyAsDouble(e)));
    }

    private static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /**
     * A name turned into an id fragment: lower case letters, digits and {@code -}.
     *
     * @param name any name
     * @return the slug, never empty
     */
    public static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "x" : s;
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(Double.toString(v)).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
    }
}
