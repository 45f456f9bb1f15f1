package io.regzoo.report;

import io.regzoo.stats.MeanInterval;
import io.regzoo.stats.Range;
import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Mean, sample standard deviation and 95% confidence interval of one metric over seeds.
 * {@link #of(double...)} gives Student's t interval (with one value the standard deviation and interval are
 * {@code NaN}; with none, everything is); {@link #of(Range, double...)}, which the report uses, gives an interval
 * that never leaves the metric's range and none with fewer than {@link MeanInterval#MIN_SEEDS} seeds
 * ({@link MeanInterval}).
 *
 * @param n number of finite values
 * @param mean arithmetic mean
 * @param std sample standard deviation (denominator {@code n − 1})
 * @param ciLow lower end of the 95% confidence interval of the mean, {@code mean − t(0.975, n−1)·std/√n}
 * @param ciHigh upper end of that interval
 * @param min smallest value
 * @param max largest value
 */
public record SampleStats(int n, double mean, double std, double ciLow, double ciHigh, double min, double max) {

    /** The confidence level of every interval in the report. */
    public static final double CONFIDENCE = 0.95;

    /** Statistics of no values: n = 0, everything else {@code NaN}. */
    public static final SampleStats EMPTY =
            new SampleStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * Computes the statistics; non-finite values ({@code NaN}, infinities) are left out.
     *
     * @param values the values, one per seed
     * @return the statistics
     */
    public static SampleStats of(double... values) {
        double[] v = finite(values);
        if (v.length == 0) {
            return EMPTY;
        }
        DescriptiveStatistics d = new DescriptiveStatistics(v);
        double mean = d.getMean();
        if (v.length == 1) {
            return new SampleStats(1, mean, Double.NaN, Double.NaN, Double.NaN, d.getMin(), d.getMax());
        }
        double std = d.getStandardDeviation();
        double half = tQuantile(v.length - 1) * std / Math.sqrt(v.length);
        return new SampleStats(v.length, mean, std, mean - half, mean + half, d.getMin(), d.getMax());
    }

    /**
     * Computes the statistics with the interval of {@link MeanInterval#of(double[], Range)}: inside the metric's
     * range, and {@code NaN} with fewer than {@link MeanInterval#MIN_SEEDS} finite values. Non-finite values are
     * left out; a value outside the range makes the interval an unbounded t interval instead (it cannot be trusted
     * to respect a range the data do not).
     *
     * @param range the values the metric can take, e.g. {@link Range#UNIT} for an accuracy
     * @param values the values, one per seed
     * @return the statistics
     */
    public static SampleStats of(Range range, double... values) {
        SampleStats t = of(values);
        if (t.n() == 0) {
            return t;
        }
        MeanInterval mi;
        try {
            mi = MeanInterval.of(values, range);
        } catch (IllegalArgumentException e) {
            mi = MeanInterval.of(values, Range.REAL);
        }
        return new SampleStats(t.n(), t.mean(), t.std(), mi.low(), mi.high(), t.min(), t.max());
    }

    /** @return true when there are enough seeds for an interval ({@link MeanInterval#MIN_SEEDS}) */
    public boolean hasInterval() {
        return Double.isFinite(ciLow) && Double.isFinite(ciHigh);
    }

    /**
     * The two-sided critical value {@code t(1 − (1 − CONFIDENCE)/2, df)}.
     *
     * @param df degrees of freedom, positive (need not be an integer)
     * @return the quantile, e.g. 4.302653 for df = 2
     */
    public static double tQuantile(double df) {
        return new TDistribution(df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }

    static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    /** @return half the width of the confidence interval, or {@code NaN} with fewer than two values */
    public double ciHalfWidth() {
        return (ciHigh - ciLow) / 2;
    }

    /**
     * The same statistics with every value multiplied by a positive factor (e.g. 100 for percent).
     *
     * @param factor the factor, positive
     * @return the scaled statistics
     * @throws IllegalArgumentException when the factor is not positive
     */
    public SampleStats scaled(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor must be positive, got " + factor);
        }
        return new SampleStats(n, mean * factor, std * factor, ciLow * factor, ciHigh * factor, min * factor,
                max * factor);
    }
}
