package io.regzoo.report;

import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * What one chart shows, independent of how it is drawn: title, axes (linear or log, optionally
 * clipped, optionally categorical) and series of x/y points with optional lower/upper bounds drawn
 * as a band or as error bars. {@link ChartPng} draws it as a PNG (for {@code report.md}) and
 * {@link ChartScript} embeds it as JSON for the interactive chart of {@code index.html}, so both say
 * the same thing.
 *
 * @param id the chart id (letters, digits, {@code -}), unique within a report
 * @param title the chart's title
 * @param x the horizontal axis
 * @param y the vertical axis
 * @param series the series, drawn in this order
 */
public record ChartModel(String id, String title, Axis x, Axis y, List<Series> series) {

    /**
     * Validates and copies.
     *
     * @param id the chart id
     * @param title the title
     * @param x the horizontal axis
     * @param y the vertical axis
     * @param series the series
     * @throws IllegalArgumentException when the id is not letters, digits and {@code -}
     * @throws NullPointerException when an argument is null
     */
    public ChartModel {
        if (id == null || !id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("chart id must be letters, digits and '-', got " + id);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        series = List.copyOf(series);
    }

    /**
     * Whether any series has a point to draw.
     *
     * @return true when at least one series has a point
     */
    public boolean hasData() {
        return series.stream().anyMatch(s -> s.x().length > 0);
    }

    /** How an axis maps values to positions. */
    public enum Scale {
        /** Linear. */
        LINEAR,
        /** Base-10 logarithmic; only positive values can be placed. */
        LOG
    }

    /**
     * One axis.
     *
     * @param label the axis title ({@code ""} for none)
     * @param scale linear or log
     * @param min the lowest value shown, or {@code null} to fit the data
     * @param max the highest value shown, or {@code null} to fit the data
     * @param integers whether ticks fall on whole numbers only (e.g. epochs)
     * @param categories labels of the positions 1, 2, …, n when the axis is categorical (e.g. one per
     *     variant), else empty
     */
    public record Axis(String label, Scale scale, Double min, Double max, boolean integers, List<String> categories) {

        /**
         * Copies the categories.
         *
         * @param label the title
         * @param scale the scale
         * @param min the lowest value or null
         * @param max the highest value or null
         * @param integers whole-number ticks only
         * @param categories category labels, or empty
         */
        public Axis {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(scale, "scale");
            categories = List.copyOf(categories);
        }

        /**
         * A linear axis fitted to the data.
         *
         * @param label the axis title
         * @return the axis
         */
        public static Axis linear(String label) {
            return new Axis(label, Scale.LINEAR, null, null, false, List.of());
        }

        /**
         * A log axis fitted to the data.
         *
         * @param label the axis title
         * @return the axis
         */
        public static Axis log(String label) {
            return new Axis(label, Scale.LOG, null, null, false, List.of());
        }

        /**
         * A categorical axis: category {@code i} (from 0) sits at x = i + 1.
         *
         * @param label the axis title
         * @param categories the labels
         * @return the axis
         */
        public static Axis categories(String label, List<String> categories) {
            return new Axis(label, Scale.LINEAR, 0.4, categories.size() + 0.6, true, categories);
        }

        /**
         * This axis with whole-number ticks only.
         *
         * @return the axis
         */
        public Axis wholeNumbers() {
            return new Axis(label, scale, min, max, true, categories);
        }

        /**
         * This axis limited to a range (a clipped axis); {@code null} keeps that end fitted to the data.
         *
         * @param min the lowest value shown, or null
         * @param max the highest value shown, or null
         * @return the axis
         */
        public Axis range(Double min, Double max) {
            return new Axis(label, scale, min, max, integers, categories);
        }

        /** @return whether the axis is categorical */
        public boolean categorical() {
            return !categories.isEmpty();
        }
    }

    /** How a series' points are joined. */
    public enum Style {
        /** Straight lines through the points. */
        LINE,
        /** Straight dashed lines (reference lines). */
        DASHED,
        /** Steps (histograms). */
        STEP,
        /** Points only. */
        POINTS
    }

    /** The symbol at each point. */
    public enum Marker {
        /** None. */
        NONE,
        /** A filled circle. */
        CIRCLE,
        /** A diamond (individual seeds, chosen values). */
        DIAMOND
    }

    /** How a series' lower/upper bounds are drawn. */
    public enum Interval {
        /** No bounds. */
        NONE,
        /** A translucent band from lower to upper along the series (ranges, interval bands). */
        BAND,
        /** A vertical bar from lower to upper at each point (confidence intervals, ± std). */
        BARS
    }

    /**
     * One series.
     *
     * @param name the name shown in the legend and the tooltip
     * @param group the series it belongs to: series of one group are shown and hidden together (a
     *     variant's mean and its seeds); usually the variant name
     * @param color its color (the alpha is kept)
     * @param style how points are joined
     * @param marker the symbol at each point
     * @param x the x values
     * @param y the y values, one per x
     * @param lower lower bounds, one per x, or {@code null}
     * @param upper upper bounds, one per x, or {@code null}
     * @param interval how the bounds are drawn
     * @param legend whether the series has its own legend entry
     */
    public record Series(String name, String group, Color color, Style style, Marker marker, double[] x, double[] y,
            double[] lower, double[] upper, Interval interval, boolean legend) {

        /**
         * Validates the lengths.
         *
         * @param name the name
         * @param group the group
         * @param color the color
         * @param style the style
         * @param marker the marker
         * @param x the x values
         * @param y the y values
         * @param lower the lower bounds or null
         * @param upper the upper bounds or null
         * @param interval how bounds are drawn
         * @param legend whether it has a legend entry
         * @throws IllegalArgumentException when lengths differ or only one bound is given
         */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(color, "color");
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
            }
            if ((lower == null) != (upper == null) || lower != null && (lower.length != x.length
                    || upper.length != x.length)) {
                throw new IllegalArgumentException(name + ": lower and upper bounds need one value per x, or none");
            }
            if (lower == null) {
                interval = Interval.NONE;
            }
        }

        /**
         * A line through the points, with circles when there are at most 30 of them.
         *
         * @param name the name (also the group)
         * @param color the color
         * @param x the x values
         * @param y the y values
         * @return the series
         */
        public static Series line(String name, Color color, double[] x, double[] y) {
            return new Series(name, name, color, Style.LINE, x.length <= 30 ? Marker.CIRCLE : Marker.NONE, x, y, null,
                    null, Interval.NONE, true);
        }

        /**
         * Points only.
         *
         * @param name the name (also the group)
         * @param color the color
         * @param marker the symbol
         * @param x the x values
         * @param y the y values
         * @return the series
         */
        public static Series points(String name, Color color, Marker marker, double[] x, double[] y) {
            return new Series(name, name, color, Style.POINTS, marker, x, y, null, null, Interval.NONE, true);
        }

        /**
         * This series with lower/upper bounds.
         *
         * @param lower the lower bounds
         * @param upper the upper bounds
         * @param how band or bars
         * @return the series
         */
        public Series bounds(double[] lower, double[] upper, Interval how) {
            return new Series(name, group, color, style, marker, x, y, lower, upper, how, legend);
        }

        /**
         * This series in another group, without its own legend entry (it follows the group's).
         *
         * @param group the group, e.g. the variant
         * @return the series
         */
        public Series partOf(String group) {
            return new Series(name, group, color, style, marker, x, y, lower, upper, interval, false);
        }

        /**
         * This series with another style.
         *
         * @param style the style
         * @return the series
         */
        public Series style(Style style) {
            return new Series(name, group, color, style, marker, x, y, lower, upper, interval, legend);
        }

        /**
         * This series with another marker.
         *
         * @param marker the marker
         * @return the series
         */
        public Series marker(Marker marker) {
            return new Series(name, group, color, style, marker, x, y, lower, upper, interval, legend);
        }
    }
}
