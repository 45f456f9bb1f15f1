package io.regzoo.stats;

/**
 * An anytime-valid confidence sequence for the mean μ of normally distributed per-seed differences with unknown
 * variance: a sequence of intervals {@code CS₁, CS₂, …} such that, with probability at least {@code 1 − α}, μ
 * lies in <em>every</em> one of them at once. A decision taken at any look, or after as many looks as one likes,
 * is therefore covered, which is what makes adding seeds until the answer is clear safe.
 *
 * <p>The construction (Lai 1976; in this form Wang and Ramdas 2023, "Anytime-valid t-tests and confidence
 * sequences for Gaussian means with unknown variance", the test martingale in the scale-invariant filtration):
 * for a candidate mean μ, with {@code S = Σ(xᵢ − μ)}, {@code V = Σ(xᵢ − μ)²} over the first n values, the
 * likelihood ratio of the scale-invariant part of the data ("the data up to a common unknown scale σ") for an
 * effect size δ = (true mean − μ)/σ against δ = 0, averaged over a normal prior δ ~ N(0, 1/c²), is
 * <pre>
 *   M_n(μ) = √(c² / (n + c²)) · ( V / (V − S²/(n + c²)) )^(n/2).
 * </pre>
 * When μ is the true mean, {@code M_n(μ)} is a non-negative martingale with {@code M₁ = 1}, so by Ville's
 * inequality {@code P(M_n(μ) ≥ 1/α for some n) ≤ α}. The confidence sequence is
 * {@code CS_n = {μ : M_n(μ) < 1/α}}, which is the interval {@code x̄ ± √((L − 1)·Q / (n·A))} with
 * {@code Q = Σ(xᵢ − x̄)²}, {@code L = (√((n + c²)/c²)/α)^(2/n)}, {@code A = 1 − L·c²/(n + c²)}, and the whole line
 * while {@code A ≤ 0} (too few values for a bound at this level). The anytime-valid p-value of "μ = 0" is
 * {@code min(1, min over k ≤ n of 1/M_k(0))}. Both are exact for normal differences and need nothing but the
 * list of differences, in the order they arrived.
 *
 * <p>The prior precision c² only tunes where the sequence is tightest; every choice is valid. The default
 * {@link #DEFAULT_PRIOR_PRECISION} = 0.1 gives a finite interval from 3 values on at α = 0.05 (half-widths
 * 7.6, 3.3, 2.4, 2.0, 1.3, 0.85 standard deviations at n = 3, 4, 5, 6, 10, 20, against 2.5, 1.6, 1.2, 1.05, 0.72,
 * 0.47 for a fixed-n t interval: the price of being allowed to look after every seed).
 */
public final class ConfidenceSequence {

    /** The default prior precision c² (prior standard deviation of the effect size 1/√0.1 ≈ 3.2). */
    public static final double DEFAULT_PRIOR_PRECISION = 0.1;

    private ConfidenceSequence() {}

    /**
     * The natural log of the mixture martingale {@code M_n(μ)} over the first n values.
     *
     * @param x the differences, in arrival order
     * @param n how many of them to use, 1 ≤ n ≤ x.length
     * @param mu the candidate mean
     * @param c2 the prior precision c², positive
     * @return {@code ln M_n(μ)}; when every value equals μ exactly, {@code ln √(c²/(n + c²))} (no evidence)
     * @throws IllegalArgumentException when n or c² is out of range
     */
    public static double logMartingale(double[] x, int n, double mu, double c2) {
        check(x, n, c2);
        double mean = mean(x, n);
        double q = centred(x, n, mean);
        double s = n * (mean - mu);
        double v = q + s * s / n;
        double b = q + s * s * c2 / (n * (n + c2));
        double prior = 0.5 * Math.log(c2 / (n + c2));
        if (v == 0) {
            return prior;
        }
        return prior + 0.5 * n * Math.log(v / b);
    }

    /**
     * The interval {@code CS_n} (not intersected with earlier ones).
     *
     * @param x the differences, in arrival order
     * @param n how many of them to use, 1 ≤ n ≤ x.length
     * @param alpha the error probability α, in (0, 1)
     * @param c2 the prior precision c², positive
     * @return {@code {low, high}}, {@code {-∞, +∞}} while there are too few values for a bound
     * @throws IllegalArgumentException when n, α or c² is out of range
     */
    public static double[] interval(double[] x, int n, double alpha, double c2) {
        check(x, n, c2);
        checkAlpha(alpha);
        double mean = mean(x, n);
        double q = centred(x, n, mean);
        double logL = (2.0 / n) * (0.5 * Math.log((n + c2) / c2) - Math.log(alpha));
        double l = Math.exp(logL);
        double a = 1 - l * c2 / (n + c2);
        if (!(a > 0)) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        double half = Math.sqrt(Math.expm1(logL) * q / (n * a));
        return new double[] {mean - half, mean + half};
    }

    /**
     * The intersection of {@code CS_1 … CS_n}: also covers μ at every n with probability ≥ 1 − α, and never
     * widens. When the intersection is empty (possible only if coverage already failed, or the differences are
     * far from normal) the latest interval {@code CS_n} is returned.
     *
     * @param x the differences, in arrival order
     * @param n how many of them to use, 1 ≤ n ≤ x.length
     * @param alpha the error probability α, in (0, 1)
     * @param c2 the prior precision c², positive
     * @return {@code {low, high}}
     * @throws IllegalArgumentException when n, α or c² is out of range
     */
    public static double[] runningInterval(double[] x, int n, double alpha, double c2) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= n; k++) {
            double[] ci = interval(x, k, alpha, c2);
            lo = Math.max(lo, ci[0]);
            hi = Math.min(hi, ci[1]);
        }
        return lo <= hi ? new double[] {lo, hi} : interval(x, n, alpha, c2);
    }

    /**
     * The anytime-valid p-value of "the mean difference is 0" after n values: {@code min(1, min over k ≤ n of
     * 1/M_k(0))}. Under that hypothesis {@code P(p ≤ u at some n) ≤ u} for every u, so it can be checked after
     * every seed, and it never increases.
     *
     * @param x the differences, in arrival order
     * @param n how many of them to use, 1 ≤ n ≤ x.length
     * @param c2 the prior precision c², positive
     * @return the p-value, in (0, 1]
     * @throws IllegalArgumentException when n or c² is out of range
     */
    public static double anytimePValue(double[] x, int n, double c2) {
        double maxLog = 0;
        for (int k = 1; k <= n; k++) {
            maxLog = Math.max(maxLog, logMartingale(x, k, 0, c2));
        }
        return Math.exp(-maxLog);
    }

    private static double mean(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }

    private static double centred(double[] x, int n, double mean) {
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += (x[i] - mean) * (x[i] - mean);
        }
        return q;
    }

    private static void check(double[] x, int n, double c2) {
        if (n < 1 || n > x.length) {
            throw new IllegalArgumentException("n must be in [1, " + x.length + "], got " + n);
        }
        if (!(c2 > 0) || Double.isInfinite(c2)) {
            throw new IllegalArgumentException("prior precision must be positive and finite, got " + c2);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("difference " + i + " is not finite: " + x[i]);
            }
        }
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }
}
