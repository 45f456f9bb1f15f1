package io.regzoo.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The confidence interval of one variant's mean of a metric over seeds, which never leaves the metric's
 * {@link Range}. Method: Student's t interval {@code mean ± t(n−1)·sd/√n} when it fits in the range (the usual
 * interval, and the one the report has always printed); when it would cross an end of the range, the same
 * t interval computed on a scale where the range has no ends — logit of the position inside a two-ended range
 * such as [0, 1], log of the distance to the end of a one-ended range such as [0, ∞) — and mapped back, which
 * cannot cross. If a value lies exactly on an end (e.g. accuracy 1.0) that scale does not exist and the t interval
 * is clipped to the range ({@link Method#T_CLIPPED}).
 *
 * <p>With fewer than {@link #MIN_SEEDS} values there is no interval ({@link Status#TOO_FEW_SEEDS}): with two
 * seeds the 95% t multiplier is 12.7 and the half-width nine standard deviations, which says
 * more about the seed count than about the variant (an accuracy interval printed as [−86, 206] %).
 *
 * @param status whether an interval was computed
 * @param method how it was computed ({@code null} unless {@link Status#COMPUTED})
 * @param n number of finite values
 * @param mean arithmetic mean ({@code NaN} without values)
 * @param std sample standard deviation ({@code NaN} with fewer than two values)
 * @param low lower end of the interval ({@code NaN} unless computed; equals the mean when there is no spread)
 * @param high upper end of the interval
 * @param confidence the confidence level
 * @param range the metric's range
 */
public record MeanInterval(Status status, Method method, int n, double mean, double std, double low, double high,
        double confidence, Range range) {

    /** The fewest seeds for which an interval is printed. */
    public static final int MIN_SEEDS = 3;

    /** Whether an interval was computed. */
    public enum Status {
        /** Interval computed. */
        COMPUTED,
        /** Fewer values than {@link #MIN_SEEDS} (or the minimum asked for): no interval. */
        TOO_FEW_SEEDS,
        /** Every value identical: the interval is that value (no seed-to-seed spread seen). */
        NO_VARIANCE
    }

    /** How a computed interval was obtained. */
    public enum Method {
        /** Student's t on the values themselves. */
        T,
        /** Student's t on the logit of the position in a two-ended range, mapped back. */
        LOGIT_T,
        /** Student's t on the log of the distance to the single finite end, mapped back. */
        LOG_T,
        /** Student's t clipped to the range (a value lies on an end of the range). */
        T_CLIPPED
    }

    /**
     * The interval at the report's level {@link Comparisons#CONFIDENCE} with at least {@link #MIN_SEEDS} values.
     *
     * @param values the values, one per seed; non-finite ones are left out
     * @param range the metric's range
     * @return the interval
     * @throws IllegalArgumentException when a finite value lies outside the range
     */
    public static MeanInterval of(double[] values, Range range) {
        return of(values, range, Comparisons.CONFIDENCE, MIN_SEEDS);
    }

    /**
     * The interval.
     *
     * @param values the values, one per seed; non-finite ones are left out
     * @param range the metric's range
     * @param confidence the confidence level, in (0, 1)
     * @param minSeeds the fewest values for an interval, at least 2
     * @return the interval
     * @throws IllegalArgumentException when a finite value lies outside the range, the level is not in (0, 1) or
     *     {@code minSeeds < 2}
     */
    public static MeanInterval of(double[] values, Range range, double confidence, int minSeeds) {
        Comparisons.checkLevel(confidence);
        if (minSeeds < 2) {
            throw new IllegalArgumentException("an interval needs at least 2 values, asked for " + minSeeds);
        }
        double[] v = Comparisons.finite(values);
        for (double x : v) {
            if (!range.contains(x)) {
                throw new IllegalArgumentException("value " + x + " outside the metric's range " + range);
            }
        }
        SummaryStatistics s = new SummaryStatistics();
        Arrays.stream(v).forEach(s::addValue);
        int n = v.length;
        double mean = n == 0 ? Double.NaN : s.getMean();
        double std = n < 2 ? Double.NaN : s.getStandardDeviation();
        if (n < minSeeds) {
            return new MeanInterval(Status.TOO_FEW_SEEDS, null, n, mean, std, Double.NaN, Double.NaN, confidence,
                    range);
        }
        if (std == 0) {
            return new MeanInterval(Status.NO_VARIANCE, null, n, mean, std, mean, mean, confidence, range);
        }
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double half = t * std / Math.sqrt(n);
        if (range.contains(mean - half) && range.contains(mean + half)) {
            return new MeanInterval(Status.COMPUTED, Method.T, n, mean, std, mean - half, mean + half, confidence,
                    range);
        }
        if (Arrays.stream(v).allMatch(range::containsStrictly)) {
            boolean lowerFinite = Double.isFinite(range.lower());
            boolean upperFinite = Double.isFinite(range.upper());
            Method method = lowerFinite && upperFinite ? Method.LOGIT_T : Method.LOG_T;
            double[] z = Arrays.stream(v).map(x -> toOpen(x, range)).toArray();
            SummaryStatistics sz = new SummaryStatistics();
            Arrays.stream(z).forEach(sz::addValue);
            double hz = t * sz.getStandardDeviation() / Math.sqrt(n);
            double a = fromOpen(sz.getMean() - hz, range);
            double b = fromOpen(sz.getMean() + hz, range);
            // Mapping back reverses the order for a range bounded above only.
            return new MeanInterval(Status.COMPUTED, method, n, mean, std, Math.min(a, b), Math.max(a, b),
                    confidence, range);
        }
        return new MeanInterval(Status.COMPUTED, Method.T_CLIPPED, n, mean, std,
                Math.max(range.lower(), mean - half), Math.min(range.upper(), mean + half), confidence, range);
    }

    /** Maps a value strictly inside the range onto the whole real line. */
    private static double toOpen(double x, Range r) {
        boolean lo = Double.isFinite(r.lower());
        boolean hi = Double.isFinite(r.upper());
        if (lo && hi) {
            double u = (x - r.lower()) / (r.upper() - r.lower());
            return Math.log(u / (1 - u));
        }
        return lo ? Math.log(x - r.lower()) : Math.log(r.upper() - x);
    }

    /** The inverse of {@link #toOpen}. */
    private static double fromOpen(double z, Range r) {
        boolean lo = Double.isFinite(r.lower());
        boolean hi = Double.isFinite(r.upper());
        if (lo && hi) {
            return r.lower() + (r.upper() - r.lower()) / (1 + Math.exp(-z));
        }
        return lo ? r.lower() + Math.exp(z) : r.upper() - Math.exp(z);
    }

    /** @return true when an interval (possibly a single point) can be printed */
    public boolean hasInterval() {
        return status != Status.TOO_FEW_SEEDS;
    }

    /**
     * The same interval with values, range and ends multiplied by a positive factor (e.g. 100 for percent).
     *
     * @param factor the factor, positive and finite
     * @return the scaled interval
     * @throws IllegalArgumentException when the factor is not positive and finite
     */
    public MeanInterval scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be positive and finite, got " + factor);
        }
        return new MeanInterval(status, method, n, mean * factor, std * factor, low * factor, high * factor,
                confidence, new Range(range.lower() * factor, range.upper() * factor));
    }
}
