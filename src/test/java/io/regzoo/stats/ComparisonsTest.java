package io.regzoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paired and Welch differences against SciPy 1.10.1 (Debian bookworm's python3-scipy), computed once with:
 * <pre>
 * import numpy as np; from scipy import stats
 * base = np.array([98.38, 97.92, 98.06]); wd = np.array([98.44, 97.84, 98.06])
 * stats.ttest_rel(wd, base)                                     # t -0.16439898730532412, p 0.8845299461620979
 * d = wd - base; stats.t.interval(0.95, 2, loc=d.mean(), scale=d.std(ddof=1)/np.sqrt(3))
 *                                                               # (-0.18114676537593014, 0.16781343204259944)
 * stats.ttest_ind(wd, base, equal_var=False)                    # p 0.9775561135494399, df 3.76948278244315,
 *                                                               # CI (-0.6379378871036404, 0.6246045537703192)
 * x = np.array([0.912, 0.905, 0.921, 0.899, 0.915]); y = np.array([0.903, 0.899, 0.910, 0.896, 0.904])
 * stats.ttest_rel(x, y)                                         # t 5.163977794943222, p 0.006679660787491856
 * d = x - y; stats.t.interval(0.95, 4, loc=d.mean(), scale=d.std(ddof=1)/np.sqrt(5))
 *                                                               # (0.0036987497383639345, 0.01230125026163608)
 * a = np.array([19.1, 20.3, 18.7, 21.0, 19.9]); b = np.array([17.2, 18.9, 16.1])
 * stats.ttest_ind(a, b, equal_var=False)                        # t 2.6290682760248014, p 0.07688967697420439
 * </pre>
 * (the whole script is {@code src/test/java/io/regzoo/stats/pinned.py}).
 */
class ComparisonsTest {

    static final double[] DEMO_BASE = {98.38, 97.92, 98.06};
    static final double[] DEMO_WD = {98.44, 97.84, 98.06};

    static Map<Long, Double> bySeed(double... v) {
        Map<Long, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put((long) (i + 1), v[i]);
        }
        return m;
    }

    @Test
    void demoPairedIntervalIsTheIssuesMinus018ToPlus017() {
        Difference d = Comparisons.compare(bySeed(DEMO_WD), bySeed(DEMO_BASE));
        assertEquals(Difference.Test.PAIRED, d.test());
        assertEquals(Difference.Status.COMPUTED, d.status());
        assertEquals(3, d.n());
        assertEquals(0, d.unmatched());
        assertEquals(2.0, d.df(), 0);
        assertEquals(-0.16439898730532412, d.tStatistic(), 1e-9);
        assertEquals(0.8845299461620979, d.pValue(), 1e-9);
        assertEquals(-0.18114676537593014, d.ciLow(), 1e-9);
        assertEquals(0.16781343204259944, d.ciHigh(), 1e-9);
        assertFalse(d.excludesZero());
    }

    @Test
    void demoWelchIsThreePointSixTimesWider() {
        Difference w = Comparisons.welch(DEMO_WD, DEMO_BASE, 0.95);
        assertEquals(Difference.Test.WELCH, w.test());
        assertEquals(-0.03004208840627851, w.tStatistic(), 1e-9);
        assertEquals(0.9775561135494399, w.pValue(), 1e-9);
        assertEquals(3.76948278244315, w.df(), 1e-9);
        assertEquals(-0.6379378871036404, w.ciLow(), 1e-9);
        assertEquals(0.6246045537703192, w.ciHigh(), 1e-9);
        Difference p = Comparisons.paired(DEMO_WD, DEMO_BASE, 0.95);
        assertEquals(3.6, (w.ciHigh() - w.ciLow()) / (p.ciHigh() - p.ciLow()), 0.05);
    }

    @Test
    void clearPairedEffect() {
        double[] x = {0.912, 0.905, 0.921, 0.899, 0.915};
        double[] y = {0.903, 0.899, 0.910, 0.896, 0.904};
        Difference d = Comparisons.paired(x, y, 0.95);
        assertEquals(5.163977794943222, d.tStatistic(), 1e-8);
        assertEquals(0.006679660787491856, d.pValue(), 1e-10);
        assertEquals(0.0036987497383639345, d.ciLow(), 1e-10);
        assertEquals(0.01230125026163608, d.ciHigh(), 1e-10);
        assertTrue(d.excludesZero());
        Difference pp = d.scaled(100);
        assertEquals(0.36987497383639345, pp.ciLow(), 1e-8);
        assertEquals(d.pValue(), pp.pValue(), 0);
    }

    @Test
    void welchWithUnequalSizes() {
        Difference w = Comparisons.welch(new double[] {19.1, 20.3, 18.7, 21.0, 19.9}, new double[] {17.2, 18.9, 16.1},
                0.95);
        assertEquals(2.4, w.estimate(), 1e-12);
        assertEquals(2.6290682760248014, w.tStatistic(), 1e-9);
        assertEquals(0.07688967697420439, w.pValue(), 1e-10);
        assertEquals(3.056122636089143, w.df(), 1e-9);
        assertEquals(5, w.nVariant());
        assertEquals(3, w.nBaseline());
    }

    @Test
    void pairsOnlyMatchingSeedsAndFallsBackToWelchWithFewerThanTwoPairs() {
        Map<Long, Double> v = bySeed(DEMO_WD);
        Map<Long, Double> b = bySeed(DEMO_BASE);
        v.put(9L, 99.0);
        b.put(7L, Double.NaN);
        Difference d = Comparisons.compare(v, b);
        assertEquals(Difference.Test.PAIRED, d.test());
        assertEquals(3, d.n());
        assertEquals(1, d.unmatched(), "seed 9 has no baseline; seed 7's NaN is not a value");
        assertEquals(-0.18114676537593014, d.ciLow(), 1e-9);

        Map<Long, Double> v2 = new LinkedHashMap<>(Map.of(1L, 0.5, 5L, 0.6, 6L, 0.7));
        Map<Long, Double> b2 = new LinkedHashMap<>(Map.of(1L, 0.4, 2L, 0.45, 3L, 0.5));
        Difference w = Comparisons.compare(v2, b2);
        assertEquals(Difference.Test.WELCH, w.test(), "only seed 1 on both sides");
        assertEquals(Comparisons.welch(new double[] {0.5, 0.6, 0.7}, new double[] {0.4, 0.45, 0.5}, 0.95), w);
    }

    @Test
    void pairedDifferencesAreInSeedOrder() {
        Map<Long, Double> v = new LinkedHashMap<>();
        v.put(3L, 1.3);
        v.put(1L, 1.1);
        v.put(2L, 1.2);
        Map<Long, Double> b = Map.of(1L, 1.0, 2L, 1.0, 3L, 1.0);
        double[] d = Comparisons.pairedDifferences(v, b);
        assertEquals(3, d.length);
        assertEquals(0.1, d[0], 1e-12);
        assertEquals(0.2, d[1], 1e-12);
        assertEquals(0.3, d[2], 1e-12);
    }

    @Test
    void tooFewSeedsAndNoSpreadAreSaidNotComputed() {
        Difference one = Comparisons.paired(new double[] {0.01}, 0.95);
        assertEquals(Difference.Status.TOO_FEW_SEEDS, one.status());
        assertEquals(0.01, one.estimate(), 0);
        assertTrue(Double.isNaN(one.pValue()) && Double.isNaN(one.ciLow()));
        Difference same = Comparisons.paired(new double[] {1.5, 2.5}, new double[] {1.0, 2.0}, 0.95);
        assertEquals(Difference.Status.NO_VARIANCE, same.status(), "difference 0.5 on both seeds"
                + " -- " + same);
        Difference welch = Comparisons.welch(new double[] {1}, new double[] {1, 2}, 0.95);
        assertEquals(Difference.Status.TOO_FEW_SEEDS, welch.status());
        assertEquals(Difference.Status.NO_VARIANCE,
                Comparisons.welch(new double[] {1, 1}, new double[] {2, 2}, 0.95).status());
    }

    @Test
    void intervalAtAnotherLevel() {
        Difference d = Comparisons.paired(DEMO_WD, DEMO_BASE, 0.95);
        double[] same = d.interval(0.95);
        assertEquals(d.ciLow(), same[0], 1e-12);
        assertEquals(d.ciHigh(), same[1], 1e-12);
        double[] wider = d.interval(1 - 0.05 / 4);
        assertTrue(wider[0] < d.ciLow() && wider[1] > d.ciHigh());
        assertThrows(IllegalArgumentException.class, () -> d.interval(1));
        assertThrows(IllegalArgumentException.class, () -> Comparisons.paired(new double[] {1, 2}, 0));
    }
}
