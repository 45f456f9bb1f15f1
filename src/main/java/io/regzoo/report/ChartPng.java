package io.regzoo.report;

import io.regzoo.report.ChartModel.Axis;
import io.regzoo.report.ChartModel.Scale;
import io.regzoo.report.ChartModel.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link ChartModel} with XChart, headless, as a PNG of {@link Charts#WIDTH} ×
 * {@link Charts#HEIGHT} pixels: the static chart of {@code report.md} and the fallback image of
 * {@code index.html}.
 */
final class ChartPng {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Rough width of one character of the tick-label font, for deciding whether category labels fit. */
    private static final double CHAR_PX = 7.5;

    private ChartPng() {}

    /**
     * Renders the chart.
     *
     * @param m the chart
     * @return the PNG bytes
     * @throws UncheckedIOException when XChart cannot encode the image
     */
    static byte[] render(ChartModel m) {
        return encode(chart(m));
    }

    /**
     * The PNG of any XChart chart (the sweep report draws some directly).
     *
     * @param c the chart
     * @return the PNG bytes
     * @throws UncheckedIOException when XChart cannot encode it
     */
    static byte[] encode(Chart<?, ?> c) {
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + c.getTitle() + "'", e);
        }
    }

    /**
     * An empty XChart chart in the report's style: size, fonts, colours, legend outside on the right.
     *
     * @param title the title
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @return the chart
     */
    static XYChart styled(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(xTitle)
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

    /** The XChart chart of a model (before encoding). */
    static XYChart chart(ChartModel m) {
        XYChart c = styled(m.title(), m.x().label(), m.y().label());
        XYStyler st = c.getStyler();
        st.setErrorBarsColorSeriesColor(true);
        xAxis(st, m.x());
        yAxis(st, m.y());
        boolean logY = m.y().scale() == Scale.LOG;
        boolean logX = m.x().scale() == Scale.LOG;
        int legendEntries = 0;
        for (Series s : m.series()) {
            List<double[]> pts = placeable(s, logX, logY);
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
            boolean bounded = s.interval() != ChartModel.Interval.NONE && pts.stream().anyMatch(p -> p.length > 2);
            if (bounded && s.interval() == ChartModel.Interval.BAND && x.length > 1) {
                band(c, s, pts);
            }
            if (bounded && s.interval() == ChartModel.Interval.BARS) {
                bars(c, s, pts);
            }
            XYSeries xs = c.addSeries(s.name(), x, y);
            xs.setLineColor(s.color());
            xs.setLineStyle(SeriesLines.SOLID);
            xs.setMarkerColor(s.color());
            xs.setMarker(marker(s.marker()));
            switch (s.style()) {
                case LINE -> {
                    xs.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                    xs.setLineWidth(2.5f);
                }
                case DASHED -> {
                    xs.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                    xs.setLineStyle(SeriesLines.DASH_DASH);
                }
                case STEP -> {
                    xs.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
                    xs.setLineWidth(2.5f);
                }
                case POINTS -> xs.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                default -> throw new IllegalStateException(s.style().toString());
            }
            boolean inLegend = s.legend() && !m.x().categorical();
            xs.setShowInLegend(inLegend);
            legendEntries += inLegend ? 1 : 0;
        }
        st.setLegendVisible(legendEntries > 0);
        if (m.x().categorical()) {
            categoryLabels(c, m);
        }
        return c;
    }

    /**
     * Category labels inside the plot, under the data, in as many staggered rows as they need not to overlap
     * (XChart cannot rotate them).
     */
    private static void categoryLabels(XYChart c, ChartModel m) {
        List<String> labels = m.x().categories();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : m.series()) {
            for (int i = 0; i < s.y().length; i++) {
                for (double v : s.lower() == null ? new double[] {s.y()[i]}
                        : new double[] {s.y()[i], s.lower()[i], s.upper()[i]}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        double min = m.y().min() != null ? m.y().min() : lo;
        double max = m.y().max() != null ? m.y().max() : hi;
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            return;
        }
        double room = Charts.WIDTH * 0.8 / Math.max(1, labels.size());
        double longest = labels.stream().mapToInt(String::length).max().orElse(0) * CHAR_PX;
        int rows = (int) Math.max(1, Math.min(3, Math.ceil(longest / (room * 0.95))));
        double rowHeight = 20 * (max - min) / (Charts.HEIGHT * 0.75 - 20 * rows);
        double bottom = min - rows * rowHeight;
        c.getStyler().setYAxisMin(bottom);
        c.getStyler().setYAxisMax(max);
        for (int i = 0; i < labels.size(); i++) {
            double y = bottom + (rows - (i % rows) - 0.5) * rowHeight;
            c.addAnnotation(new AnnotationText(labels.get(i), i + 1, y, false));
        }
        c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    }

    /** The points of a series an axis can place: {x, y} or {x, y, lower, upper}; non-finite and (log) ≤ 0 left out. */
    private static List<double[]> placeable(Series s, boolean logX, boolean logY) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            if (!Double.isFinite(x) || !Double.isFinite(y) || logX && x <= 0 || logY && y <= 0) {
                continue;
            }
            if (s.lower() != null && Double.isFinite(s.lower()[i]) && Double.isFinite(s.upper()[i])
                    && !(logY && s.lower()[i] <= 0)) {
                out.add(new double[] {x, y, s.lower()[i], s.upper()[i]});
            } else {
                out.add(new double[] {x, y});
            }
        }
        return out;
    }

    private static void band(XYChart c, Series s, List<double[]> pts) {
        List<double[]> b = pts.stream().filter(p -> p.length > 2).toList();
        if (b.size() < 2 || b.stream().allMatch(p -> p[2] == p[3])) {
            return;
        }
        int n = b.size();
        double[] bx = new double[2 * n];
        double[] by = new double[2 * n];
        for (int i = 0; i < n; i++) {
            bx[i] = b.get(i)[0];
            by[i] = b.get(i)[3];
            bx[2 * n - 1 - i] = b.get(i)[0];
            by[2 * n - 1 - i] = b.get(i)[2];
        }
        XYSeries band = c.addSeries(s.name() + " range", bx, by);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(translucent(s.color(), 45));
        band.setLineColor(translucent(s.color(), 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }

    private static void bars(XYChart c, Series s, List<double[]> pts) {
        int k = 0;
        for (double[] p : pts) {
            if (p.length < 3) {
                continue;
            }
            // Drawn as segments: an interval may be lopsided (logit/log scale), which error bars cannot show.
            XYSeries bar = c.addSeries(s.name() + " interval " + (++k), new double[] {p[0], p[0]},
                    new double[] {p[2], p[3]});
            bar.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(s.color());
            bar.setLineStyle(SeriesLines.SOLID);
            bar.setLineWidth(2f);
            bar.setShowInLegend(false);
        }
    }

    private static void xAxis(XYStyler st, Axis a) {
        st.setXAxisLogarithmic(a.scale() == Scale.LOG);
        if (a.min() != null) {
            st.setXAxisMin(a.min());
        }
        if (a.max() != null) {
            st.setXAxisMax(a.max());
        }
        if (a.categorical()) {
            st.setXAxisTicksVisible(false);
            st.setPlotGridVerticalLinesVisible(false);
        } else if (a.integers()) {
            st.setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                    ? String.valueOf(Math.round(v)) : "");
        }
    }

    private static void yAxis(XYStyler st, Axis a) {
        st.setYAxisLogarithmic(a.scale() == Scale.LOG);
        if (a.scale() == Scale.LOG) {
            st.setYAxisLogarithmicDecadeOnly(false);
        }
        if (a.min() != null) {
            st.setYAxisMin(a.min());
        }
        if (a.max() != null) {
            st.setYAxisMax(a.max());
        }
        if (a.integers()) {
            st.setyAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                    ? String.valueOf(Math.round(v)) : "");
        }
    }

    private static Marker marker(ChartModel.Marker m) {
        return switch (m) {
            case NONE -> SeriesMarkers.NONE;
            case CIRCLE -> SeriesMarkers.CIRCLE;
            case DIAMOND -> SeriesMarkers.DIAMOND;
        };
    }

    private static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha * c.getAlpha() / 255);
    }
}
