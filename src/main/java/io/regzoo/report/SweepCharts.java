package io.regzoo.report;

import io.regzoo.experiment.SweepOutcome;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a pruning sweep's report ({@link SweepReport}), drawn as PNGs with the report's
 * chart style ({@link Charts}): a validation curve per rung (mean held-out score against the first
 * knob, one line per value of the second, a ±1 SD fold band as error bars and every fold's score
 * as a faint dot), and the rungs chart (epochs each setting got).
 */
public final class SweepCharts {

    private SweepCharts() {}

    /**
     * The validation curves: one chart per rung that at least two settings completed.
     *
     * @param o the sweep
     * @return the charts, top rung first
     */
    public static List<ReportChart> validationCurves(SweepOutcome o) {
        List<ReportChart> out = new ArrayList<>();
        List<SweepOutcome.SettingScores> ss = o.settings();
        if (ss.isEmpty()) {
            return out;
        }
        List<String> dims = new ArrayList<>(ss.get(0).values().keySet());
        String xDim = dims.get(0);
        String groupDim = dims.size() > 1 ? dims.get(1) : null;
        List<Object> xs = distinct(ss, xDim);
        List<Object> groups = groupDim == null ? java.util.Collections.singletonList(null) : distinct(ss, groupDim);
        String score = o.higherIsBetter() ? "held-out accuracy" : "held-out loss";
        for (int k = o.rungs().size() - 1; k >= 0; k--) {
            int epochs = o.rungs().get(k);
            long n = ss.stream().filter(s -> rung(s, epochs) != null).count();
            if (n < 2) {
                continue;
            }
            XYChart c = ChartPng.styled("Validation curve after " + epochs + " epoch" + (epochs == 1 ? "" : "s"), xDim,
                    score);
            c.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
                int i = (int) Math.round(x);
                return Math.abs(x - i) < 1e-9 && i >= 0 && i < xs.size() ? label(xs.get(i)) : "";
            });
            c.getStyler().setErrorBarsColorSeriesColor(true);
            VariantColors colors = VariantColors.create();
            for (Object g : groups) {
                List<Double> px = new ArrayList<>();
                List<Double> py = new ArrayList<>();
                List<Double> pe = new ArrayList<>();
                List<Double> fx = new ArrayList<>();
                List<Double> fy = new ArrayList<>();
                for (int i = 0; i < xs.size(); i++) {
                    for (SweepOutcome.SettingScores s : ss) {
                        if (!eq(s.values().get(xDim), xs.get(i)) || (g != null && !eq(s.values().get(groupDim), g))) {
                            continue;
                        }
                        SweepOutcome.RungScore r = rung(s, epochs);
                        if (r == null || !Double.isFinite(r.mean())) {
                            continue;
                        }
                        px.add((double) i);
                        py.add(r.mean());
                        pe.add(Double.isFinite(r.std()) ? r.std() : 0);
                        for (Double f : r.folds()) {
                            if (f != null && Double.isFinite(f)) {
                                fx.add((double) i);
                                fy.add(f);
                            }
                        }
                    }
                }
                if (px.isEmpty()) {
                    continue;
                }
                String name = g == null ? "mean ± SD over folds" : groupDim + " = " + label(g);
                Color col = colors.of(name);
                XYSeries line = c.addSeries(name, px, py, pe);
                line.setLineColor(col);
                line.setMarkerColor(col);
                line.setMarker(SeriesMarkers.CIRCLE);
                XYSeries dots = c.addSeries(name + " (folds)", fx, fy);
                dots.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
                dots.setMarker(SeriesMarkers.CIRCLE);
                dots.setMarkerColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 70));
                dots.setShowInLegend(false);
            }
            o.chosenSetting().map(ch -> rung(ch, epochs) == null ? null : ch).ifPresent(ch -> {
                XYSeries star = c.addSeries("chosen: " + ch.label(), new double[] {xs.indexOf(find(xs, ch.values().get(xDim)))},
                        new double[] {rung(ch, epochs).mean()});
                star.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
                star.setMarker(SeriesMarkers.DIAMOND);
                star.setMarkerColor(new Color(0xD5, 0x5E, 0x00));
            });
            out.add(new ReportChart("sweep-validation-e" + epochs, c.getTitle(), String.format(Locale.ROOT,
                    "Mean %s of the %d settings that completed %d epochs (%d folds), against %s%s; error bars ±1 SD "
                            + "over folds, faint dots each fold's score; %s is better.", score, n, epochs, o.folds(),
                    xDim, groupDim == null ? "" : ", one line per " + groupDim,
                    o.higherIsBetter() ? "higher" : "lower"), ChartPng.encode(c)));
        }
        return out;
    }

    /**
     * The rungs chart: the epochs each setting was trained (per fold), the chosen one marked.
     *
     * @param o the sweep
     * @return the chart
     */
    public static ReportChart rungs(SweepOutcome o) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(420)
                .title("Epochs per setting (" + o.scheduler() + ")").xAxisTitle("setting").yAxisTitle("epochs (per fold)")
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setOverlapped(true);
        c.getStyler().setXAxisLabelRotation(60);
        List<String> ids = new ArrayList<>();
        List<Integer> reached = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        for (SweepOutcome.SettingScores s : o.settings()) {
            ids.add(s.label().replace(' ', ','));
            reached.add(s.epochsReached());
            chosen.add(s.id().equals(o.chosen()) ? s.epochsReached() : 0);
        }
        c.addSeries("epochs trained", ids, reached).setFillColor(new Color(0x00, 0x72, 0xB2));
        if (o.chosen() != null) {
            c.addSeries("chosen", ids, chosen).setFillColor(new Color(0xD5, 0x5E, 0x00));
        }
        return new ReportChart("sweep-rungs", c.getTitle(), String.format(Locale.ROOT,
                "Epochs each setting trained on each of the %d folds (rungs %s). In all %d fold-epochs, %.1f%% of the "
                        + "%d a full grid spends.", o.folds(), o.rungs(), o.epochsSpent(),
                100.0 * o.epochsSpent() / o.gridEpochs(), o.gridEpochs()), ChartPng.encode(c));
    }

    private static SweepOutcome.RungScore rung(SweepOutcome.SettingScores s, int epochs) {
        return s.rungs().stream().filter(r -> r.epochs() == epochs).findFirst().orElse(null);
    }

    private static List<Object> distinct(List<SweepOutcome.SettingScores> ss, String dim) {
        Set<String> seen = new LinkedHashSet<>();
        List<Object> out = new ArrayList<>();
        for (SweepOutcome.SettingScores s : ss) {
            Object v = s.values().get(dim);
            if (seen.add(String.valueOf(v))) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean eq(Object a, Object b) {
        return String.valueOf(a).equals(String.valueOf(b));
    }

    private static Object find(List<Object> xs, Object v) {
        return xs.stream().filter(x -> eq(x, v)).findFirst().orElse(v);
    }

    /**
     * A value as a tick label.
     *
     * @param v a number or a name
     * @return e.g. {@code 1e-4}, {@code 0.25}, {@code relu}
     */
    static String label(Object v) {
        return v instanceof Number n ? io.regzoo.sweep.Setting.format(n.doubleValue()) : String.valueOf(v);
    }
}
