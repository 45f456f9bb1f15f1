package io.regzoo.report;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * The difference of two means (variant − baseline) over seeds, with a 95% confidence interval from
 * Welch's approximation (Welch–Satterthwaite degrees of freedom) and the two-sided Welch t-test
 * p-value. Computed only when both sides have at least two finite values; see {@link #status()}.
 *
 * @param status whether the comparison could be computed
 * @param estimate mean(variant) − mean(baseline); {@code NaN} when a side has no values
 * @param ciLow lower end of the 95% interval of the difference, or {@code NaN}
 * @param ciHigh upper end of that interval, or {@code NaN}
 * @param df Welch–Satterthwaite degrees of freedom, or {@code NaN}
 * @param pValue two-sided Welch t-test p-value, or {@code NaN}
 * @param nVariant number of finite values of the variant
 * @param nBaseline number of finite values of the baseline
 */
public record WelchDifference(Status status, double estimate, double ciLow, double ciHigh, double df, double pValue,
        int nVariant, int nBaseline) {

    /** Whether a comparison was computed. */
    public enum Status {
        /** Interval and p-value computed. */
        COMPUTED,
        /** One side has fewer than two values: no interval, no test. */
        TOO_FEW_SEEDS,
        /** Both sides have no spread at all (every seed gave the same value): no interval, no test. */
        NO_VARIANCE
    }

    /**
     * Compares a variant with the baseline; non-finite values are left out.
     *
     * @param variant the variant's values, one per seed
     * @param baseline the baseline's values, one per seed
     * @return the difference, interval and p-value, or a status saying why not
     */
    public static WelchDifference of(double[] variant, double[] baseline) {
        double[] x = SampleStats.finite(variant);
        double[] y = SampleStats.finite(baseline);
        SampleStats sx = SampleStats.of(x);
        SampleStats sy = SampleStats.of(y);
        double estimate = sx.mean() - sy.mean();
        if (x.length < 2 || y.length < 2) {
            return new WelchDifference(Status.TOO_FEW_SEEDS, estimate, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    x.length, y.length);
        }
        double vx = sx.std() * sx.std() / x.length;
        double vy = sy.std() * sy.std() / y.length;
        double se2 = vx + vy;
        if (se2 == 0) {
            return new WelchDifference(Status.NO_VARIANCE, estimate, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    x.length, y.length);
        }
        double df = se2 * se2 / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        double half = SampleStats.tQuantile(df) * Math.sqrt(se2);
        double p = new TTest().tTest(x, y);
        return new WelchDifference(Status.COMPUTED, estimate, estimate - half, estimate + half, df, p, x.length,
                y.length);
    }

    /** @return true when the interval was computed and lies entirely above or below zero */
    public boolean excludesZero() {
        return status == Status.COMPUTED && (ciLow > 0 || ciHigh < 0);
    }

    /**
     * The same difference with estimate and interval multiplied by a positive factor (e.g. 100 for
     * percentage points); degrees of freedom and p-value unchanged.
     *
     * @param factor the factor, positive
     * @return the scaled difference
     * @throws IllegalArgumentException when the factor is not positive
     */
    public WelchDifference scaled(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor must be positive, got " + factor);
        }
        return new WelchDifference(status, estimate * factor, ciLow * factor, ciHigh * factor, df, pValue, nVariant,
                nBaseline);
    }
}
