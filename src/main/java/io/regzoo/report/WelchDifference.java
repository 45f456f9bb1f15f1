package io.regzoo.report;

import io.regzoo.stats.Comparisons;
import io.regzoo.stats.Difference;

/**
 * The difference of two means (variant − baseline) over seeds, with a 95% confidence interval from
 * Welch's approximation (Welch–Satterthwaite degrees of freedom) and the two-sided Welch t-test
 * p-value. Computed only when both sides have at least two finite values; see {@link #status()}. The numbers
 * come from {@link Comparisons#welch(double[], double[], double)}, regzoo's one Welch implementation.
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
        return of(Comparisons.welch(variant, baseline, SampleStats.CONFIDENCE));
    }

    /**
     * The report's view of a Welch difference computed by {@link Comparisons#welch(double[], double[], double)},
     * the one Welch implementation.
     *
     * @param d a difference with {@link Difference.Test#WELCH}
     * @return the same numbers as a {@code WelchDifference}
     * @throws IllegalArgumentException when {@code d} is not a Welch difference
     */
    public static WelchDifference of(Difference d) {
        if (d.test() != Difference.Test.WELCH) {
            throw new IllegalArgumentException("not a Welch difference: " + d.test());
        }
        Status status = switch (d.status()) {
            case COMPUTED -> Status.COMPUTED;
            case TOO_FEW_SEEDS -> Status.TOO_FEW_SEEDS;
            case NO_VARIANCE -> Status.NO_VARIANCE;
        };
        return new WelchDifference(status, d.estimate(), d.ciLow(), d.ciHigh(), d.df(), d.pValue(), d.nVariant(),
                d.nBaseline());
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
