package io.regzoo.stats;

/**
 * The values a metric can take, {@code [lower, upper]}; either end may be infinite.
 *
 * @param lower the smallest possible value, or {@code -Infinity}
 * @param upper the largest possible value, or {@code +Infinity}
 */
public record Range(double lower, double upper) {

    /** Fractions such as accuracy, calibration error or the near-zero fraction: [0, 1]. */
    public static final Range UNIT = new Range(0, 1);

    /** Non-negative quantities such as a loss, a weight norm or seconds: [0, ∞). */
    public static final Range NON_NEGATIVE = new Range(0, Double.POSITIVE_INFINITY);

    /** Any real value (e.g. a difference, or a generalization gap): (−∞, ∞). */
    public static final Range REAL = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /**
     * Checks the ends.
     *
     * @param lower the smallest possible value
     * @param upper the largest possible value
     * @throws IllegalArgumentException when an end is NaN or lower ≥ upper
     */
    public Range {
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
            throw new IllegalArgumentException("not a range: [" + lower + ", " + upper + "]");
        }
    }

    /**
     * @param v a value
     * @return true when {@code lower ≤ v ≤ upper}
     */
    public boolean contains(double v) {
        return v >= lower && v <= upper;
    }

    /**
     * @param v a value
     * @return true when {@code lower < v < upper}
     */
    public boolean containsStrictly(double v) {
        return v > lower && v < upper;
    }
}
