package io.regzoo.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The difference of a metric between a variant and the baseline (variant − baseline) over seeds,
 * with a confidence interval and a two-sided p-value for "no difference", and which test produced
 * them. Built by {@link Comparisons}.
 *
 * @param test which test was used
 * @param status whether interval and p-value could be computed
 * @param nVariant values of the variant that were used (for {@link Test#PAIRED}: the number of pairs)
 * @param nBaseline values of the baseline that were used (for {@link Test#PAIRED}: the number of pairs)
 * @param unmatched seeds that only one side has and that the paired test therefore left out (0 for Welch)
 * @param estimate the estimated difference: mean of the per-seed differences (paired), or difference of the
 *     means (Welch); {@code NaN} when a side has no values
 * @param standardError standard error of the estimate, or {@code NaN}
 * @param df degrees of freedom of the t distribution used (paired: n − 1; Welch: Welch–Satterthwaite), or
 *     {@code NaN}
 * @param ciLow lower end of the confidence interval, or {@code NaN}
 * @param ciHigh upper end of the confidence interval, or {@code NaN}
 * @param pValue two-sided p-value of the t-test of "the difference is 0", or {@code NaN}
 * @param confidence the confidence level of the interval, e.g. 0.95
 */
public record Difference(Test test, Status status, int nVariant, int nBaseline, int unmatched, double estimate,
        double standardError, double df, double ciLow, double ciHigh, double pValue, double confidence) {

    /** Which test produced a difference. */
    public enum Test {
        /** Paired t-test on the per-seed differences of the seeds both sides have. */
        PAIRED("paired t-test"),
        /** Welch's unequal-variance t-test on the two sides' values (seeds not matched). */
        WELCH("Welch t-test");

        private final String label;

        Test(String label) {
            this.label = label;
        }

        /** @return the test's name in words, e.g. "paired t-test" */
        public String label() {
            return label;
        }
    }

    /** Whether a difference was computed. */
    public enum Status {
        /** Interval and p-value computed. */
        COMPUTED,
        /** Too few values (fewer than two pairs, or fewer than two values on a side): no interval, no test. */
        TOO_FEW_SEEDS,
        /** No spread at all (every difference, or every value on both sides, identical): no interval, no test. */
        NO_VARIANCE
    }

    /**
     * A difference without interval and test.
     *
     * @param test the test that would have been used
     * @param status why there is no interval ({@link Status#TOO_FEW_SEEDS} or {@link Status#NO_VARIANCE})
     * @param nVariant values of the variant
     * @param nBaseline values of the baseline
     * @param unmatched seeds left out of pairing
     * @param estimate the estimate, or {@code NaN}
     * @param confidence the confidence level
     * @return the difference
     */
    static Difference notComputed(Test test, Status status, int nVariant, int nBaseline, int unmatched,
            double estimate, double confidence) {
        return new Difference(test, status, nVariant, nBaseline, unmatched, estimate, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, confidence);
    }

    /**
     * A computed difference: interval {@code estimate ± t(1 − (1 − confidence)/2, df)·se} and the two-sided
     * p-value {@code 2·P(T_df > |estimate/se|)}.
     *
     * @param test the test
     * @param nVariant values of the variant
     * @param nBaseline values of the baseline
     * @param unmatched seeds left out of pairing
     * @param estimate the estimate
     * @param se its standard error, positive
     * @param df degrees of freedom, positive
     * @param confidence the confidence level
     * @return the difference
     */
    static Difference computed(Test test, int nVariant, int nBaseline, int unmatched, double estimate, double se,
            double df, double confidence) {
        TDistribution t = new TDistribution(df);
        double half = t.inverseCumulativeProbability(1 - (1 - confidence) / 2) * se;
        double p = 2 * t.cumulativeProbability(-Math.abs(estimate / se));
        return new Difference(test, Status.COMPUTED, nVariant, nBaseline, unmatched, estimate, se, df,
                estimate - half, estimate + half, Math.min(1, p), confidence);
    }

    /** @return the number of pairs for a paired test, else the smaller of the two sides' counts */
    public int n() {
        return Math.min(nVariant, nBaseline);
    }

    /** @return true when the interval was computed and lies entirely above or below zero */
    public boolean excludesZero() {
        return status == Status.COMPUTED && (ciLow > 0 || ciHigh < 0);
    }

    /** @return {@code estimate / standardError}, or {@code NaN} when not computed */
    public double tStatistic() {
        return status == Status.COMPUTED ? estimate / standardError : Double.NaN;
    }

    /**
     * The interval at another confidence level (e.g. {@code 1 − α/k} for a Bonferroni-adjusted interval).
     *
     * @param level the confidence level, in (0, 1)
     * @return {@code {low, high}}; both {@code NaN} when not computed
     * @throws IllegalArgumentException when the level is not in (0, 1)
     */
    public double[] interval(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        if (status != Status.COMPUTED) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double half = new TDistribution(df).inverseCumulativeProbability(1 - (1 - level) / 2) * standardError;
        return new double[] {estimate - half, estimate + half};
    }

    /**
     * The same difference with estimate, standard error and interval multiplied by a positive factor (e.g. 100
     * for percentage points); degrees of freedom and p-value unchanged.
     *
     * @param factor the factor, positive
     * @return the scaled difference
     * @throws IllegalArgumentException when the factor is not positive
     */
    public Difference scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be positive and finite, got " + factor);
        }
        return new Difference(test, status, nVariant, nBaseline, unmatched, estimate * factor,
                standardError * factor, df, ciLow * factor, ciHigh * factor, pValue, confidence);
    }
}
