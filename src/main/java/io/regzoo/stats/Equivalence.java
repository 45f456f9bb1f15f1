package io.regzoo.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * What a comparison established: a difference, equivalence within a margin, or neither. With a margin m (the
 * smallest difference that would matter, e.g. 0.3 pp of accuracy):
 * <ul>
 *   <li>{@link Verdict#DIFFERENT}: the (Holm-adjusted) p-value of "no difference" is at most α;</li>
 *   <li>{@link Verdict#EQUIVALENT}: otherwise, when the (1 − α) interval — the one the report prints — lies
 *       strictly inside (−m, +m). That is the two one-sided tests (TOST) of "difference ≤ −m" and
 *       "difference ≥ +m", each at level α/2 (the conventional TOST uses α per side and a 1 − 2α interval; the
 *       stricter choice makes the rule checkable by eye on the printed interval);</li>
 *   <li>{@link Verdict#INCONCLUSIVE}: neither; the interval still says which differences were ruled out.</li>
 * </ul>
 * Holm is applied to the p-values of "no difference" only; each equivalence claim holds at its own level.
 */
public final class Equivalence {

    /**
     * The recommended default margin for accuracy, as a fraction: 0.003 = 0.3 percentage points, about twice the
     * binomial standard error of one accuracy near 98% on 10,000 test images (0.14 pp), below which a difference
     * measured on one test set is not a claim about the network (see {@code docs/STATISTICS.md}).
     */
    public static final double DEFAULT_ACCURACY_MARGIN = 0.003;

    /** The outcome of a comparison. */
    public enum Verdict {
        /** The difference excludes 0 after multiplicity correction. */
        DIFFERENT,
        /** Not different, and the interval lies within ±margin. */
        EQUIVALENT,
        /** Neither different nor shown equivalent. */
        INCONCLUSIVE,
        /** No interval could be computed (too few seeds or no spread). */
        NOT_TESTED
    }

    /**
     * A comparison's verdict with everything it rests on.
     *
     * @param verdict the verdict
     * @param difference the difference it is based on
     * @param adjustedP the Holm-adjusted p-value of "no difference" ({@code NaN} when not tested)
     * @param familySize number of comparisons in the Holm family (1 when uncorrected)
     * @param margin the equivalence margin m, in the difference's units ({@code NaN}: none)
     * @param tostP the TOST p-value, the larger of the two one-sided p-values ({@code NaN} without margin)
     * @param alpha the level α
     */
    public record Assessment(Verdict verdict, Difference difference, double adjustedP, int familySize, double margin,
            double tostP, double alpha) {

        /** @return true when the printed interval lies strictly inside ±margin (whatever the verdict) */
        public boolean withinMargin() {
            return difference.status() == Difference.Status.COMPUTED && Double.isFinite(margin)
                    && difference.ciLow() > -margin && difference.ciHigh() < margin;
        }

        /** @return true when the unadjusted interval excludes 0 but the adjusted p-value is above α */
        public boolean significantOnlyBeforeCorrection() {
            return verdict != Verdict.DIFFERENT && difference.excludesZero();
        }
    }

    private Equivalence() {}

    /**
     * The TOST p-value for equivalence within ±margin: the larger of {@code P(T > (estimate + m)/se)} (test of
     * "difference ≤ −m") and {@code P(T < (estimate − m)/se)} (test of "difference ≥ +m"), with the difference's
     * own t distribution. This is what statsmodels' {@code ttost_paired} and {@code ttost_ind(usevar='unequal')}
     * return as their first value.
     *
     * @param d the difference
     * @param margin the margin, positive
     * @return the TOST p-value, or {@code NaN} when the difference was not computed
     * @throws IllegalArgumentException when the margin is not positive and finite
     */
    public static double tostPValue(Difference d, double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("margin must be positive and finite, got " + margin);
        }
        if (d.status() != Difference.Status.COMPUTED) {
            return Double.NaN;
        }
        TDistribution t = new TDistribution(d.df());
        double pLower = 1 - t.cumulativeProbability((d.estimate() + margin) / d.standardError());
        double pUpper = t.cumulativeProbability((d.estimate() - margin) / d.standardError());
        return Math.max(pLower, pUpper);
    }

    /**
     * The verdict of one comparison.
     *
     * @param d the difference (its interval should be at level {@code 1 − alpha} for the rule to match the
     *     printed interval)
     * @param adjustedP the Holm-adjusted p-value of "no difference" (the raw p-value for a family of one)
     * @param familySize number of comparisons in the family
     * @param margin the equivalence margin, positive, or {@code NaN} for none (then never EQUIVALENT)
     * @param alpha the level α, in (0, 1)
     * @return the assessment
     * @throws IllegalArgumentException when α is not in (0, 1) or the margin is neither NaN nor positive
     */
    public static Assessment assess(Difference d, double adjustedP, int familySize, double margin, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (!Double.isNaN(margin) && !(margin > 0 && Double.isFinite(margin))) {
            throw new IllegalArgumentException("margin must be positive and finite, or NaN for none, got " + margin);
        }
        if (d.status() != Difference.Status.COMPUTED) {
            return new Assessment(Verdict.NOT_TESTED, d, Double.NaN, familySize, margin, Double.NaN, alpha);
        }
        double tost = Double.isNaN(margin) ? Double.NaN : tostPValue(d, margin);
        Verdict v;
        if (adjustedP <= alpha) {
            v = Verdict.DIFFERENT;
        } else if (tost < alpha / 2) {
            v = Verdict.EQUIVALENT;
        } else {
            v = Verdict.INCONCLUSIVE;
        }
        return new Assessment(v, d, adjustedP, familySize, margin, tost, alpha);
    }

    /**
     * The verdict of a single comparison, uncorrected, at α = 1 − its confidence level.
     *
     * @param d the difference
     * @param margin the margin, positive, or {@code NaN}
     * @return the assessment
     */
    public static Assessment assess(Difference d, double margin) {
        return assess(d, d.pValue(), 1, margin, 1 - d.confidence());
    }

    /**
     * The verdicts of a family (a model's comparisons against its baseline on the primary metric): Holm over the
     * comparisons that could be tested, then {@link #assess(Difference, double, int, double, double)} for each.
     *
     * @param family the differences, one per comparison
     * @param margin the margin, positive, or {@code NaN}
     * @param alpha the family-wise level α, in (0, 1)
     * @return one assessment per comparison, in the same order
     */
    public static List<Assessment> assessFamily(List<Difference> family, double margin, double alpha) {
        double[] p = family.stream().mapToDouble(d -> d.status() == Difference.Status.COMPUTED ? d.pValue()
                : Double.NaN).toArray();
        double[] adj = Holm.adjust(p);
        int k = Holm.familySize(p);
        List<Assessment> out = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            out.add(assess(family.get(i), adj[i], k, margin, alpha));
        }
        return out;
    }
}
