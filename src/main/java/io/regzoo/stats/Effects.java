package io.regzoo.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * What a regularizer did to any per-seed metric (weight norm, test loss, near-zero weights, calibration error, …):
 * the paired difference variant − baseline ({@link Comparisons#compare(Map, Map, double)}) and, for positive
 * metrics, the relative change in percent with its interval. The relative change is computed from the per-seed
 * log ratios {@code ln(variant(seed) / baseline(seed))}: their mean m and t interval [a, b] give the change
 * {@code 100·(eᵐ − 1)} % with interval {@code [100·(eᵃ − 1), 100·(eᵇ − 1)]} %, the ratio of geometric means.
 * Working on the log scale keeps the interval valid for a positive quantity (it can never say −120 %).
 */
public final class Effects {

    private Effects() {}

    /**
     * A relative change.
     *
     * @param logRatio the difference of the logs (variant − baseline), paired when possible
     * @param percent the change in percent, {@code 100·(e^estimate − 1)}
     * @param low lower end of its interval in percent ({@code NaN} when not computed)
     * @param high upper end of its interval in percent ({@code NaN} when not computed)
     */
    public record RelativeChange(Difference logRatio, double percent, double low, double high) {}

    /**
     * One metric's effect.
     *
     * @param metric the metric's name, e.g. "|W|"
     * @param absolute the difference variant − baseline in the metric's units
     * @param relative the relative change, or {@code null} when some value is not positive (e.g. a gap that can be
     *     negative, or a fraction that is 0)
     */
    public record Effect(String metric, Difference absolute, RelativeChange relative) {}

    /**
     * The effect of a variant on a metric, at the report's level {@link Comparisons#CONFIDENCE}.
     *
     * @param metric the metric's name
     * @param variantBySeed the variant's value per seed
     * @param baselineBySeed the baseline's value per seed
     * @return the effect
     */
    public static Effect of(String metric, Map<Long, Double> variantBySeed, Map<Long, Double> baselineBySeed) {
        return of(metric, variantBySeed, baselineBySeed, Comparisons.CONFIDENCE);
    }

    /**
     * The effect of a variant on a metric.
     *
     * @param metric the metric's name
     * @param variantBySeed the variant's value per seed
     * @param baselineBySeed the baseline's value per seed
     * @param confidence the confidence level, in (0, 1)
     * @return the effect
     * @throws IllegalArgumentException when the level is not in (0, 1)
     */
    public static Effect of(String metric, Map<Long, Double> variantBySeed, Map<Long, Double> baselineBySeed,
            double confidence) {
        return new Effect(metric, Comparisons.compare(variantBySeed, baselineBySeed, confidence),
                relative(variantBySeed, baselineBySeed, confidence));
    }

    /**
     * The relative change of a positive metric (see the class comment).
     *
     * @param variantBySeed the variant's value per seed
     * @param baselineBySeed the baseline's value per seed
     * @param confidence the confidence level, in (0, 1)
     * @return the change, or {@code null} when a finite value is ≤ 0
     * @throws IllegalArgumentException when the level is not in (0, 1)
     */
    public static RelativeChange relative(Map<Long, Double> variantBySeed, Map<Long, Double> baselineBySeed,
            double confidence) {
        Map<Long, Double> lv = logs(variantBySeed);
        Map<Long, Double> lb = logs(baselineBySeed);
        if (lv == null || lb == null) {
            return null;
        }
        Difference d = Comparisons.compare(lv, lb, confidence);
        return new RelativeChange(d, 100 * Math.expm1(d.estimate()), 100 * Math.expm1(d.ciLow()),
                100 * Math.expm1(d.ciHigh()));
    }

    private static Map<Long, Double> logs(Map<Long, Double> bySeed) {
        Map<Long, Double> out = new HashMap<>();
        for (Map.Entry<Long, Double> e : bySeed.entrySet()) {
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v)) {
                continue;
            }
            if (v <= 0) {
                return null;
            }
            out.put(e.getKey(), Math.log(v));
        }
        return out;
    }

    /**
     * The effect in a few characters: "|W| −41% [−43, −39]" when a relative change with interval exists, else the
     * absolute difference with its interval ("test loss +0.012 [+0.004, +0.020]"), else the estimate alone with the
     * reason ("… (no interval: 1 seed)").
     *
     * @param e the effect
     * @return the words
     */
    public static String describe(Effect e) {
        RelativeChange r = e.relative();
        if (r != null && r.logRatio().status() == Difference.Status.COMPUTED) {
            int d = Wording.decimalsFor(r.low(), r.high(), 1);
            return e.metric() + " " + Wording.signed(r.percent(), d) + "% [" + Wording.signed(r.low(), d) + ", "
                    + Wording.signed(r.high(), d) + "]";
        }
        Difference a = e.absolute();
        if (a.status() == Difference.Status.COMPUTED) {
            int d = Wording.decimalsFor(a.ciLow(), a.ciHigh(), 2);
            return e.metric() + " " + Wording.signed(a.estimate(), d) + " [" + Wording.signed(a.ciLow(), d) + ", "
                    + Wording.signed(a.ciHigh(), d) + "]";
        }
        String why = a.status() == Difference.Status.NO_VARIANCE ? "the same on every seed"
                : a.n() + (a.n() == 1 ? " seed" : " seeds");
        return e.metric() + " " + Wording.signed(a.estimate(), 3) + " (no interval: " + why + ")";
    }
}
