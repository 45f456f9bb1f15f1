package io.regzoo.report;

import io.regzoo.experiment.TrialResult;
import io.regzoo.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart and rendered headless to PNG: learning curves (mean over
 * seeds with a min–max band), the compared metric per variant with 95% confidence intervals, the
 * generalization gap, the weight norm over epochs, weight histograms, and sweep validation curves.
 * Every chart of one report takes its variant colors from one {@link VariantColors}.
 */
public final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Width of every chart, in pixels. */
    public static final int WIDTH = 900;
    /** Height of every chart, in pixels. */
    public static final int HEIGHT = 480;

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
        String m = stats.model();
        String slug = slug(m);
        List<ReportChart> out = new ArrayList<>();
        boolean hasVal = anyFinite(stats, trials, EpochMetrics::valLoss);
        ToDoubleFunction<EpochMetrics> loss = hasVal ? EpochMetrics::valLoss : EpochMetrics::trainLoss;
        String lossName = hasVal ? "validation loss" : "training loss (no validation set)";
        addIfData(out, curve(stats, trials, colors, slug + "-loss-curve", m + ": " + lossName + " per epoch",
                lossName, loss, 1), "Mean over successful seeds (line) with the min–max range over seeds (band). "
                + (hasVal ? "Validation loss is the data loss without penalty terms." : "Training loss includes the "
                + "L1/L2/weight-decay penalty DL4J adds to the score."));
        if (stats.classifier() && anyFinite(stats, trials, EpochMetrics::valAccuracy)) {
            addIfData(out, curve(stats, trials, colors, slug + "-accuracy-curve", m + ": validation accuracy per epoch",
                    "validation accuracy (%)", EpochMetrics::valAccuracy, 100),
                    "Mean over successful seeds (line) with the min–max range over seeds (band).");
        }
        String metric = stats.classifier() ? "test accuracy (%)" : "test loss";
        addIfData(out, perVariant(stats, colors, slug + "-test", m + ": " + stats.primaryMetric() + " per variant",
                metric, stats.classifier() ? 100 : 1, v -> stats.classifier() ? v.testAccuracy() : v.testLoss(),
                trials, t -> stats.classifier() ? t.testAccuracy() : t.testLoss()),
                "Filled circle: mean over successful seeds, vertical line: its 95% confidence interval (inside the "
                + "metric's range; none with fewer than 3 seeds); "
                + "light diamonds: the individual seeds. " + (stats.classifier() ? "Higher is better." : "Lower is better."));
        String gapName = stats.classifier() ? "train − test accuracy (pp)" : "test − train loss";
        addIfData(out, perVariant(stats, colors, slug + "-gap", m + ": generalization gap per variant", gapName,
                stats.classifier() ? 100 : 1, VariantStats::generalizationGap, trials,
                stats.classifier() ? TrialResult::accuracyGap : TrialResult::lossGap),
                "How much better the network does on its training data than on unseen test data; regularization "
                + "usually shrinks this gap. Mean with 95% CI; diamonds are seeds.");
        addIfData(out, curve(stats, trials, colors, slug + "-weight-norm", m + ": weight norm per epoch",
                "L2 norm of the weights", EpochMetrics::weightNorm, 1),
                "‖w‖₂ over all weights (biases and batch-norm statistics excluded): L2 and weight decay pull it down.");
        addIfData(out, histogram(stats, trials, colors, slug + "-weights", m + ": final weights per variant"),
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
        XYChart c = newChart(sweep.model() + ": " + sweep.scoreName() + " vs " + sweep.parameter(), sweep.parameter()
                + " (log scale)", sweep.scoreName());
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setErrorBarsColorSeriesColor(true);
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
        if (!xs.isEmpty()) {
            XYSeries s = c.addSeries("mean ± std over folds", xs, ys, es);
            s.setLineColor(blue);
            s.setMarkerColor(blue);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (Double.isFinite(atZero)) {
                XYSeries zero = c.addSeries(sweep.parameter() + " = 0 (no penalty)",
                        new double[] {xs.stream().mapToDouble(Double::doubleValue).min().orElse(1),
                            xs.stream().mapToDouble(Double::doubleValue).max().orElse(1)},
                        new double[] {atZero, atZero});
                zero.setMarker(SeriesMarkers.NONE);
                zero.setLineStyle(SeriesLines.DASH_DASH);
                zero.setLineColor(Color.GRAY);
            }
            int best = sweep.values().indexOf(sweep.chosen());
            if (best >= 0 && sweep.chosen() > 0 && Double.isFinite(sweep.meanScore().get(best))) {
                XYSeries chosen = c.addSeries("chosen " + sweep.parameter() + " = " + fmt(sweep.chosen()),
                        new double[] {sweep.chosen()}, new double[] {sweep.meanScore().get(best)});
                chosen.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                chosen.setMarker(SeriesMarkers.DIAMOND);
                chosen.setMarkerColor(new Color(0xD5, 0x5E, 0x00));
            }
        }
        return new ReportChart(id, c.getTitle(), "Mean validation score at each swept value with ±1 std error bars "
                + "over folds; " + (sweep.higherIsBetter() ? "higher" : "lower") + " is better. The diamond marks "
                + "the chosen value " + fmt(sweep.chosen()) + (sweep.values().stream().anyMatch(v -> v <= 0)
                ? "; the dashed line is the score at " + sweep.parameter() + " = 0, which a log axis cannot place." : ".")
                , png(c));
    }

    private static void addIfData(List<ReportChart> out, ChartDraft draft, String caption) {
        if (draft != null) {
            out.add(new ReportChart(draft.id, draft.chart.getTitle(), caption, png(draft.chart)));
        }
    }

    /** A chart and its id, before rendering. */
    private record ChartDraft(String id, XYChart chart) {}

    private static ChartDraft curve(ModelStats stats, List<TrialResult> trials, VariantColors colors, String id,
            String title, String yTitle, ToDoubleFunction<EpochMetrics> metric, double scale) {
        XYChart c = newChart(title, "epoch", yTitle);
        boolean any = false;
        for (VariantStats v : stats.variants()) {
            TreeMap<Integer, DescriptiveStatistics> byEpoch = new TreeMap<>();
            for (TrialResult t : okTrials(trials, stats.model(), v.variant())) {
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
            any = true;
            Color col = colors.of(v.variant());
            int n = byEpoch.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] bandX = new double[2 * n];
            double[] bandY = new double[2 * n];
            int i = 0;
            boolean spread = false;
            for (var e : byEpoch.entrySet()) {
                x[i] = e.getKey();
                mean[i] = e.getValue().getMean();
                bandX[i] = e.getKey();
                bandY[i] = e.getValue().getMax();
                bandX[2 * n - 1 - i] = e.getKey();
                bandY[2 * n - 1 - i] = e.getValue().getMin();
                spread |= e.getValue().getN() > 1;
                i++;
            }
            if (spread && n > 1) {
                XYSeries band = c.addSeries(v.variant() + " range", bandX, bandY);
                band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(translucent(col, 45));
                band.setLineColor(translucent(col, 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries line = c.addSeries(v.variant(), x, mean);
            line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            line.setLineColor(col);
            line.setLineWidth(2.5f);
            line.setMarkerColor(col);
            line.setMarker(n <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (!any) {
            return null;
        }
        c.getStyler().setXAxisDecimalPattern("#");
        return new ChartDraft(id, c);
    }

    private static ChartDraft perVariant(ModelStats stats, VariantColors colors, String id, String title, String yTitle,
            double scale, java.util.function.Function<VariantStats, SampleStats> summary, List<TrialResult> trials,
            ToDoubleFunction<TrialResult> perTrial) {
        XYChart c = newChart(title, "", yTitle);
        XYStyler st = c.getStyler();
        st.setLegendVisible(false);
        st.setXAxisTicksVisible(false);
        st.setPlotGridVerticalLinesVisible(false);
        st.setErrorBarsColorSeriesColor(true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<double[]> labelAt = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int k = 0;
        for (VariantStats v : stats.variants()) {
            k++;
            SampleStats s = summary.apply(v);
            labels.add(v.variant() + " (n=" + s.n() + (s.n() > 0 && !s.hasInterval() ? ", no CI" : "") + ")");
            labelAt.add(new double[] {k});
            if (s.n() == 0) {
                continue;
            }
            Color col = colors.of(v.variant());
            XYSeries mean = c.addSeries(v.variant(), new double[] {k}, new double[] {s.mean() * scale});
            mean.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            mean.setMarker(SeriesMarkers.CIRCLE);
            mean.setMarkerColor(col);
            mean.setLineColor(col);
            lo = Math.min(lo, s.mean() * scale);
            hi = Math.max(hi, s.mean() * scale);
            if (s.hasInterval()) {
                // The interval may be lopsided near a bound of the metric (logit/log scale), so draw it as a segment.
                XYSeries ci = c.addSeries(v.variant() + " 95% CI", new double[] {k, k},
                        new double[] {s.ciLow() * scale, s.ciHigh() * scale});
                ci.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                ci.setMarker(SeriesMarkers.NONE);
                ci.setLineColor(col);
                ci.setLineWidth(2f);
                ci.setShowInLegend(false);
                lo = Math.min(lo, s.ciLow() * scale);
                hi = Math.max(hi, s.ciHigh() * scale);
            }
            double[] seedY = ModelStats.okValues(okTrials(trials, stats.model(), v.variant()), perTrial);
            if (seedY.length > 0) {
                double[] seedX = new double[seedY.length];
                for (int i = 0; i < seedY.length; i++) {
                    seedY[i] *= scale;
                    seedX[i] = k + 0.12 + 0.16 * (seedY.length == 1 ? 0.5 : (double) i / (seedY.length - 1));
                    lo = Math.min(lo, seedY[i]);
                    hi = Math.max(hi, seedY[i]);
                }
                XYSeries seeds = c.addSeries(v.variant() + " seeds", seedX, seedY);
                seeds.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                seeds.setMarker(SeriesMarkers.DIAMOND);
                seeds.setMarkerColor(translucent(col, 120));
                seeds.setShowInLegend(false);
            }
        }
        if (!Double.isFinite(lo)) {
            return null;
        }
        double range = hi - lo;
        double pad = range > 0 ? range * 0.15 : Math.max(Math.abs(hi) * 0.05, 1e-3);
        st.setYAxisMin(lo - 1.6 * pad);
        st.setYAxisMax(hi + pad);
        st.setXAxisMin(0.4);
        st.setXAxisMax(stats.variants().size() + 0.6);
        for (int i = 0; i < labels.size(); i++) {
            AnnotationText a = new AnnotationText(labels.get(i), labelAt.get(i)[0], lo - 1.0 * pad, false);
            c.addAnnotation(a);
        }
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        return new ChartDraft(id, c);
    }

    private static ChartDraft histogram(ModelStats stats, List<TrialResult> trials, VariantColors colors, String id,
            String title) {
        List<List<Double>> pooled = new ArrayList<>();
        DescriptiveStatistics all = new DescriptiveStatistics();
        for (VariantStats v : stats.variants()) {
            List<Double> w = new ArrayList<>();
            for (TrialResult t : okTrials(trials, stats.model(), v.variant())) {
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
        XYChart c = newChart(title, "weight value", "fraction of weights per bin");
        c.getStyler().setXAxisDecimalPattern("0.###");
        c.getStyler().setYAxisDecimalPattern("0.###");
        for (int i = 0; i < stats.variants().size(); i++) {
            List<Double> w = pooled.get(i);
            if (w.isEmpty()) {
                continue;
            }
            Histogram h = new Histogram(w, HISTOGRAM_BINS, lo, hi);
            List<Double> frac = new ArrayList<>();
            for (Double count : h.getyAxisData()) {
                frac.add(count / w.size());
            }
            String name = stats.variants().get(i).variant();
            XYSeries s = c.addSeries(name, h.getxAxisData(), frac);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
            Color col = colors.of(name);
            s.setLineColor(col);
            s.setLineWidth(2.5f);
            s.setMarker(SeriesMarkers.NONE);
        }
        return new ChartDraft(id, c);
    }

    static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0xBB, 0xBB, 0xBB));
        st.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        st.setChartTitleBoxVisible(false);
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendBorderColor(Color.WHITE);
        st.setMarkerSize(9);
        st.setChartPadding(12);
        st.setAntiAlias(true);
        return c;
    }

    private static List<TrialResult> okTrials(List<TrialResult> trials, String model, String variant) {
        return trials.stream().filter(t -> t.model().equals(model) && t.variant().equals(variant) && ModelStats.isOk(t))
                .toList();
    }

    private static boolean anyFinite(ModelStats stats, List<TrialResult> trials, ToDoubleFunction<EpochMetrics> f) {
        return trials.stream().filter(t -> t.model().equals(stats.model()) && ModelStats.isOk(t) && t.history() != null)
                .flatMap(t -> t.history().stream()).anyMatch(e -> Double.isFinite(f.applyAsDouble(e)));
    }

    private static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "'", e);
        }
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
