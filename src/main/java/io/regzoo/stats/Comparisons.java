package io.regzoo.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Compares a variant with the baseline over seeds. regzoo's runner gives every variant of one seed the same
 * data, initial weights and minibatch order, so the natural comparison is <em>paired</em>: the per-seed
 * differences {@code variant(seed) − baseline(seed)} and a one-sample t-test on them
 * ({@link #paired(double[], double)}). Only when fewer than {@link #MIN_PAIRS} seeds are on both sides does
 * {@link #compare(Map, Map, double)} fall back to Welch's unequal-variance t-test on all values
 * ({@link #welch(double[], double[], double)}), which ignores the pairing. Non-finite values are always left out.
 */
public final class Comparisons {

    /** The confidence level of every interval in the report. */
    public static final double CONFIDENCE = 0.95;

    /** A paired test needs at least this many seeds that both sides have. */
    public static final int MIN_PAIRS = 2;

    private Comparisons() {}

    /**
     * Paired when at least {@link #MIN_PAIRS} seeds have a finite value on both sides (seeds that only one side
     * has are left out and counted in {@link Difference#unmatched()}), else Welch on all finite values.
     *
     * @param variantBySeed the variant's value per seed
     * @param baselineBySeed the baseline's value per seed
     * @param confidence the confidence level of the interval, in (0, 1)
     * @return the difference variant − baseline, saying which test was used
     * @throws IllegalArgumentException when the confidence level is not in (0, 1)
     */
    public static Difference compare(Map<Long, Double> variantBySeed, Map<Long, Double> baselineBySeed,
            double confidence) {
        checkLevel(confidence);
        double[] d = pairedDifferences(variantBySeed, baselineBySeed);
        if (d.length >= MIN_PAIRS) {
            int unmatched = finiteCount(variantBySeed) + finiteCount(baselineBySeed) - 2 * d.length;
            return paired(d, unmatched, confidence);
        }
        return welch(finiteValues(variantBySeed), finiteValues(baselineBySeed), confidence);
    }

    /**
     * {@link #compare(Map, Map, double)} at the report's level {@link #CONFIDENCE}.
     *
     * @param variantBySeed the variant's value per seed
     * @param baselineBySeed the baseline's value per seed
     * @return the difference variant − baseline
     */
    public static Difference compare(Map<Long, Double> variantBySeed, Map<Long, Double> baselineBySeed) {
        return compare(variantBySeed, baselineBySeed, CONFIDENCE);
    }

    /**
     * The per-seed differences {@code variant(seed) − baseline(seed)} of the seeds where both values are
     * finite, in ascending seed order (the order in which the runner adds seeds; the input of
     * {@link SequentialDesign}).
     *
     * @param variantBySeed the variant's value per seed
     * @param baselineBySeed the baseline's value per seed
     * @return the differences, possibly empty
     */
    public static double[] pairedDifferences(Map<Long, Double> variantBySeed, Map<Long, Double> baselineBySeed) {
        return new TreeMap<>(variantBySeed).entrySet().stream()
                .filter(e -> e.getValue() != null && Double.isFinite(e.getValue()))
                .filter(e -> {
                    Double b = baselineBySeed.get(e.getKey());
                    return b != null && Double.isFinite(b);
                })
                .mapToDouble(e -> e.getValue() - baselineBySeed.get(e.getKey())).toArray();
    }

    /**
     * The paired t-test of two arrays aligned by seed ({@code variant[i]} and {@code baseline[i]} are the same
     * seed); pairs with a non-finite value are left out.
     *
     * @param variant the variant's values
     * @param baseline the baseline's values, same length
     * @param confidence the confidence level, in (0, 1)
     * @return the paired difference
     * @throws IllegalArgumentException when the lengths differ or the level is not in (0, 1)
     */
    public static Difference paired(double[] variant, double[] baseline, double confidence) {
        if (variant.length != baseline.length) {
            throw new IllegalArgumentException(
                    "paired arrays differ in length: " + variant.length + " vs " + baseline.length);
        }
        double[] d = new double[variant.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = variant[i] - baseline[i];
        }
        return paired(d, confidence);
    }

    /**
     * The paired t-test on per-seed differences: estimate = mean difference, standard error = sd/√n, n − 1
     * degrees of freedom. Non-finite differences are left out.
     *
     * @param differences the per-seed differences variant − baseline
     * @param confidence the confidence level, in (0, 1)
     * @return the difference; {@link Difference.Status#TOO_FEW_SEEDS} with fewer than {@link #MIN_PAIRS},
     *     {@link Difference.Status#NO_VARIANCE} when all differences are equal
     * @throws IllegalArgumentException when the level is not in (0, 1)
     */
    public static Difference paired(double[] differences, double confidence) {
        return paired(differences, 0, confidence);
    }

    private static Difference paired(double[] differences, int unmatched, double confidence) {
        checkLevel(confidence);
        double[] d = finite(differences);
        SummaryStatistics s = summary(d);
        int n = d.length;
        if (n < MIN_PAIRS) {
            return Difference.notComputed(Difference.Test.PAIRED, Difference.Status.TOO_FEW_SEEDS, n, n, unmatched,
                    n == 0 ? Double.NaN : s.getMean(), confidence);
        }
        double sd = s.getStandardDeviation();
        if (sd == 0) {
            return Difference.notComputed(Difference.Test.PAIRED, Difference.Status.NO_VARIANCE, n, n, unmatched,
                    s.getMean(), confidence);
        }
        return Difference.computed(Difference.Test.PAIRED, n, n, unmatched, s.getMean(), sd / Math.sqrt(n), n - 1,
                confidence);
    }

    /**
     * Welch's unequal-variance t-test: estimate = mean(variant) − mean(baseline), standard error
     * {@code √(s²ᵥ/nᵥ + s²_b/n_b)}, Welch–Satterthwaite degrees of freedom. Non-finite values are left out.
     *
     * @param variant the variant's values, one per seed
     * @param baseline the baseline's values, one per seed
     * @param confidence the confidence level, in (0, 1)
     * @return the difference; {@link Difference.Status#TOO_FEW_SEEDS} when a side has fewer than two values,
     *     {@link Difference.Status#NO_VARIANCE} when neither side has any spread
     * @throws IllegalArgumentException when the level is not in (0, 1)
     */
    public static Difference welch(double[] variant, double[] baseline, double confidence) {
        checkLevel(confidence);
        double[] x = finite(variant);
        double[] y = finite(baseline);
        SummaryStatistics sx = summary(x);
        SummaryStatistics sy = summary(y);
        double estimate = x.length == 0 || y.length == 0 ? Double.NaN : sx.getMean() - sy.getMean();
        if (x.length < 2 || y.length < 2) {
            return Difference.notComputed(Difference.Test.WELCH, Difference.Status.TOO_FEW_SEEDS, x.length,
                    y.length, 0, estimate, confidence);
        }
        double vx = sx.getVariance() / x.length;
        double vy = sy.getVariance() / y.length;
        double se2 = vx + vy;
        if (se2 == 0) {
            return Difference.notComputed(Difference.Test.WELCH, Difference.Status.NO_VARIANCE, x.length, y.length,
                    0, estimate, confidence);
        }
        double df = se2 * se2 / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        return Difference.computed(Difference.Test.WELCH, x.length, y.length, 0, estimate, Math.sqrt(se2), df,
                confidence);
    }

    static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    private static double[] finiteValues(Map<Long, Double> bySeed) {
        return new TreeMap<>(bySeed).values().stream().filter(v -> v != null && Double.isFinite(v))
                .mapToDouble(Double::doubleValue).toArray();
    }

    private static int finiteCount(Map<Long, Double> bySeed) {
        return (int) bySeed.values().stream().filter(v -> v != null && Double.isFinite(v)).count();
    }

    private static SummaryStatistics summary(double[] v) {
        SummaryStatistics s = new SummaryStatistics();
        for (double x : v) {
            s.addValue(x);
        }
        return s;
    }

    static void checkLevel(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidence);
        }
    }
}
