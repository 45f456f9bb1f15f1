package io.regzoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The closed form against the mixture it stands for, integrated numerically with SciPy 1.10.1 (section 6 of
 * {@code pinned.py}): {@code M_n(μ) = ∫∫ a^(n−1) Π φ(a(xᵢ − μ) − δ) N(δ; 0, 1/c²) dδ da / ∫ a^(n−1) Π φ(a(xᵢ − μ)) da}
 * with {@code integrate.dblquad}/{@code quad}, and the interval's ends as the roots of {@code M_n(μ) = 1/α} found
 * with {@code optimize.brentq} on that integral:
 * <pre>
 * M([0.06, -0.08, 0.00, 0.05, -0.02], mu=0,   c2=0.1)  # 0.14056152919217643
 * M([0.06, -0.08, 0.00, 0.05, -0.02], mu=0.1, c2=0.1)  # 5.7064341147130495
 * M([0.9, 0.6, 1.3, 0.7, 1.1, 0.8],   mu=0,   c2=0.1)  # 243.56491119271837
 * M([0.9, 0.6, 1.3, 0.7, 1.1, 0.8],   mu=0,   c2=1)    # 48.032969043655456
 * roots of M(xs2, mu, 0.1) = 20                         # (0.37790683875326264, 1.4220931612467373)
 * </pre>
 */
class ConfidenceSequenceTest {

    static final double[] SMALL = {0.06, -0.08, 0.00, 0.05, -0.02};
    static final double[] CLEAR = {0.9, 0.6, 1.3, 0.7, 1.1, 0.8};

    @Test
    void closedFormEqualsTheIntegratedMixture() {
        assertEquals(0.14056152919217643, Math.exp(ConfidenceSequence.logMartingale(SMALL, 5, 0, 0.1)), 1e-10);
        assertEquals(5.7064341147130495, Math.exp(ConfidenceSequence.logMartingale(SMALL, 5, 0.1, 0.1)), 1e-9);
        assertEquals(243.56491119271837, Math.exp(ConfidenceSequence.logMartingale(CLEAR, 6, 0, 0.1)), 1e-7);
        assertEquals(48.032969043655456, Math.exp(ConfidenceSequence.logMartingale(CLEAR, 6, 0, 1)), 1e-8);
    }

    @Test
    void intervalEndsAreWhereTheIntegratedMixtureReachesOneOverAlpha() {
        double[] cs = ConfidenceSequence.interval(CLEAR, 6, 0.05, 0.1);
        assertEquals(0.37790683875326264, cs[0], 1e-8);
        assertEquals(1.4220931612467373, cs[1], 1e-8);
        assertEquals(Math.log(20), ConfidenceSequence.logMartingale(CLEAR, 6, cs[0], 0.1), 1e-9);
        assertEquals(Math.log(20), ConfidenceSequence.logMartingale(CLEAR, 6, cs[1], 0.1), 1e-9);
    }

    @Test
    void startsAtOneAndIsUnboundedWithTooFewValues() {
        assertEquals(0, ConfidenceSequence.logMartingale(new double[] {0.3}, 1, 0, 0.1), 1e-12, "M_1 = 1");
        assertEquals(1, ConfidenceSequence.anytimePValue(new double[] {0.3}, 1, 0.1), 1e-12);
        double[] two = ConfidenceSequence.interval(new double[] {0.3, 0.4}, 2, 0.05, 0.1);
        assertTrue(Double.isInfinite(two[0]) && Double.isInfinite(two[1]), "no bound from 2 values at c² = 0.1");
        double[] three = ConfidenceSequence.interval(new double[] {0.3, 0.4, 0.35}, 3, 0.05, 0.1);
        assertTrue(Double.isFinite(three[0]) && Double.isFinite(three[1]), "a bound from 3");
        // half-width 7.63 sample standard deviations at n = 3 (docs/STATISTICS.md)
        assertEquals(7.63, (three[1] - three[0]) / 2 / 0.05, 0.01);
    }

    @Test
    void pValueAndIntervalAgreeAndTheRunningIntervalNeverWidens() {
        Random r = new Random(5);
        double[] x = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1.2 + r.nextGaussian();
        }
        double prevP = 1;
        double prevWidth = Double.POSITIVE_INFINITY;
        for (int n = 1; n <= x.length; n++) {
            double p = ConfidenceSequence.anytimePValue(x, n, 0.1);
            assertTrue(p <= prevP + 1e-15, "p never increases");
            prevP = p;
            double[] run = ConfidenceSequence.runningInterval(x, n, 0.05, 0.1);
            double width = run[1] - run[0];
            assertTrue(width <= prevWidth, "running interval never widens");
            prevWidth = width;
            boolean excludes = run[0] > 0 || run[1] < 0;
            assertEquals(p <= 0.05, excludes, "0 outside the running interval exactly when p ≤ α, n = " + n);
        }
        assertTrue(prevP < 0.05, "a clear effect of 1.2 sd is found within 30 values");
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> ConfidenceSequence.interval(CLEAR, 7, 0.05, 0.1));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceSequence.interval(CLEAR, 6, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceSequence.logMartingale(CLEAR, 6, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ConfidenceSequence.anytimePValue(new double[] {Double.NaN}, 1, 0.1));
    }
}
