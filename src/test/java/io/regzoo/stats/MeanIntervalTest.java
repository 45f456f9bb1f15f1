package io.regzoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Per-variant intervals. Pinned values from SciPy 1.10.1 (see {@code pinned.py}):
 * <pre>
 * acc3 = np.array([0.999, 0.990, 0.9995]); h = stats.t.ppf(0.975, 2) * acc3.std(ddof=1) / np.sqrt(3)
 * (acc3.mean() - h, acc3.mean() + h)          # (0.9828856260485785, 1.009447707284755): crosses 1
 * z = np.log(acc3 / (1 - acc3)); hz = stats.t.ppf(0.975, 2) * z.std(ddof=1) / np.sqrt(3)
 * expit(z.mean() - hz), expit(z.mean() + hz)  # (0.9211799962905444, 0.9999655636240469)
 * </pre>
 */
class MeanIntervalTest {

    @Test
    void plainTIntervalWhenItFits() {
        double[] v = {0.95, 0.94, 0.96};
        MeanInterval m = MeanInterval.of(v, Range.UNIT);
        assertEquals(MeanInterval.Status.COMPUTED, m.status());
        assertEquals(MeanInterval.Method.T, m.method());
        double half = 4.302652729911275 * 0.01 / Math.sqrt(3);
        assertEquals(0.95 - half, m.low(), 1e-9);
        assertEquals(0.95 + half, m.high(), 1e-9);
    }

    @Test
    void logitWhenTheTIntervalWouldCrossOne() {
        MeanInterval m = MeanInterval.of(new double[] {0.999, 0.990, 0.9995}, Range.UNIT);
        assertEquals(MeanInterval.Method.LOGIT_T, m.method());
        assertEquals(0.9211799962905444, m.low(), 1e-9);
        assertEquals(0.9999655636240469, m.high(), 1e-9);
        MeanInterval pct = MeanInterval.of(new double[] {99.9, 99.0, 99.95}, new Range(0, 100));
        assertEquals(92.11799962905444, pct.low(), 1e-7);
    }

    @Test
    void fewerThanThreeSeedsGiveNoInterval() {
        // The issue's [−86.22, 206.02] % came from a t interval over 2 seeds.
        MeanInterval m = MeanInterval.of(new double[] {0.3, 0.9}, Range.UNIT);
        assertEquals(MeanInterval.Status.TOO_FEW_SEEDS, m.status());
        assertNull(m.method());
        assertEquals(0.6, m.mean(), 1e-12);
        assertTrue(Double.isNaN(m.low()));
        assertEquals(MeanInterval.Status.TOO_FEW_SEEDS, MeanInterval.of(new double[0], Range.UNIT).status());
        assertEquals(MeanInterval.Status.COMPUTED,
                MeanInterval.of(new double[] {0.3, 0.9}, Range.UNIT, 0.95, 2).status(), "when asked for");
    }

    @Test
    void valuesOnTheBoundAreClippedAndNoSpreadIsAPoint() {
        MeanInterval m = MeanInterval.of(new double[] {1.0, 0.99, 0.98}, Range.UNIT);
        assertEquals(MeanInterval.Method.T_CLIPPED, m.method());
        assertEquals(1.0, m.high(), 0);
        MeanInterval same = MeanInterval.of(new double[] {1.0, 1.0, 1.0}, Range.UNIT);
        assertEquals(MeanInterval.Status.NO_VARIANCE, same.status());
        assertEquals(1.0, same.low(), 0);
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of(new double[] {1.2, 0.9, 0.8}, Range.UNIT));
    }

    @Test
    void logScaleForANonNegativeMetricNearZero() {
        MeanInterval m = MeanInterval.of(new double[] {0.001, 0.02, 0.004}, Range.NON_NEGATIVE);
        assertEquals(MeanInterval.Method.LOG_T, m.method());
        assertTrue(m.low() > 0 && m.high() > m.low());
    }

    @Test
    void neverLeavesTheRange() {
        Random r = new Random(17);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 3 + r.nextInt(4);
            double centre = r.nextDouble();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.min(1, Math.max(0, centre + 0.2 * r.nextGaussian()));
            }
            MeanInterval m = MeanInterval.of(v, Range.UNIT);
            assertTrue(m.low() >= 0 && m.high() <= 1 && m.low() <= m.high(), java.util.Arrays.toString(v) + m);
        }
    }
}
