package io.regzoo.stats;

import static io.regzoo.stats.ComparisonsTest.bySeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Secondary effects and ECE. Pinned values computed once with NumPy 1.24 / SciPy 1.10.1 (see {@code pinned.py}):
 * <pre>
 * wb = np.array([21.1, 20.8, 21.4]); wv = np.array([12.4, 12.1, 12.6])
 * lr = np.log(wv / wb); lo, hi = stats.t.interval(0.95, 2, loc=lr.mean(), scale=lr.std(ddof=1) / np.sqrt(3))
 * 100 * np.expm1([lr.mean(), lo, hi])   # [-41.39436908656938, -42.33082076617242, -40.44271098717881]
 * </pre>
 * and ECE with Guo et al.'s binning ({@code conf > lo and conf <= hi} over {@code np.linspace(0, 1, 16)}) on
 * 40 Dirichlet(0.6, 0.6, 0.6) rows drawn with {@code np.random.default_rng(7)}: 0.3385583246682038.
 */
class EffectsTest {

    @Test
    void weightNormRelativeChange() {
        Effects.Effect e = Effects.of("|W|", bySeed(12.4, 12.1, 12.6), bySeed(21.1, 20.8, 21.4));
        assertEquals(Difference.Test.PAIRED, e.absolute().test());
        assertEquals(12.366666666666667 - 21.1, e.absolute().estimate(), 1e-12);
        assertEquals(-41.39436908656938, e.relative().percent(), 1e-9);
        assertEquals(-42.33082076617242, e.relative().low(), 1e-9);
        assertEquals(-40.44271098717881, e.relative().high(), 1e-9);
        assertEquals("|W| \u221241% [\u221242, \u221240]", Effects.describe(e));
    }

    @Test
    void noRelativeChangeForValuesThatCanBeNegative() {
        Effects.Effect gap = Effects.of("gap", bySeed(0.01, -0.02, 0.005), bySeed(0.03, 0.04, 0.02));
        assertNull(gap.relative());
        assertEquals("gap \u22120.032 [\u22120.093, +0.030]", Effects.describe(gap));
        Effects.Effect one = Effects.of("loss", bySeed(0.3), bySeed(0.2, 0.25));
        assertEquals("loss +0.075 (no interval: 1 seed)", Effects.describe(one));
    }

    @Test
    void expectedCalibrationErrorMatchesGuoEtAlBinning() {
        assertEquals(0.3385583246682038, Calibration.expectedCalibrationError(EcePinned.PROBS, EcePinned.LABELS),
                1e-12);
    }

    @Test
    void calibrationByHand() {
        // Two bins' worth: 4 examples at confidence 0.95, 3 right (acc 0.75): |0.75 − 0.95| = 0.2, weight 4/6;
        // 2 at 0.55, both right: |1 − 0.55| = 0.45, weight 2/6.
        double[] conf = {0.95, 0.95, 0.95, 0.95, 0.55, 0.55};
        boolean[] ok = {true, true, true, false, true, true};
        assertEquals(4.0 / 6 * 0.2 + 2.0 / 6 * 0.45, Calibration.expectedCalibrationError(conf, ok, 15), 1e-12);
        assertEquals(0, Calibration.expectedCalibrationError(new double[][] {{0, 1}, {1, 0}}, new int[] {1, 0}), 0);
        assertThrows(IllegalArgumentException.class,
                () -> Calibration.expectedCalibrationError(new double[][] {{0.5, 0.5}}, new int[] {2}));
    }
}
