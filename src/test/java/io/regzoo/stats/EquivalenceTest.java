package io.regzoo.stats;

import static io.regzoo.stats.ComparisonsTest.DEMO_BASE;
import static io.regzoo.stats.ComparisonsTest.DEMO_WD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TOST against statsmodels 0.13.5, computed once with (see {@code pinned.py}):
 * <pre>
 * from statsmodels.stats.weightstats import ttost_paired, ttost_ind
 * ttost_paired(wd, base, -0.3, 0.3)                   # demo data, pp: p 0.009290289579982382
 *     # (7.233555441435735, 0.009290289579982382, 2.0), (-7.562353416046382, 0.008520080353708654, 2.0)
 * ttost_ind(wd, base, -0.3, 0.3, usevar='unequal')    # p 0.13036218581698616
 * ttost_paired(x, y, -0.01, 0.01)                     # five seeds: p 0.13313231398315592
 * ttost_paired(x, y, -0.02, 0.02)                     # p 0.0007482405279501714
 * ttost_ind(a, b, -3, 3, usevar='unequal')            # p 0.2785707172272383
 * </pre>
 */
class EquivalenceTest {

    static final double[] FIVE_X = {0.912, 0.905, 0.921, 0.899, 0.915};
    static final double[] FIVE_Y = {0.903, 0.899, 0.910, 0.896, 0.904};

    @Test
    void tostMatchesStatsmodels() {
        Difference demo = Comparisons.paired(DEMO_WD, DEMO_BASE, 0.95);
        assertEquals(0.009290289579982382, Equivalence.tostPValue(demo, 0.3), 1e-9);
        Difference demoWelch = Comparisons.welch(DEMO_WD, DEMO_BASE, 0.95);
        assertEquals(0.13036218581698616, Equivalence.tostPValue(demoWelch, 0.3), 1e-9);
        Difference five = Comparisons.paired(FIVE_X, FIVE_Y, 0.95);
        assertEquals(0.13313231398315592, Equivalence.tostPValue(five, 0.01), 1e-9);
        assertEquals(0.0007482405279501714, Equivalence.tostPValue(five, 0.02), 1e-10);
        Difference w = Comparisons.welch(new double[] {19.1, 20.3, 18.7, 21.0, 19.9}, new double[] {17.2, 18.9, 16.1},
                0.95);
        assertEquals(0.2785707172272383, Equivalence.tostPValue(w, 3), 1e-9);
    }

    @Test
    void demoIsEquivalentWithinPointThreePpPairedButInconclusiveWelch() {
        Equivalence.Assessment a = Equivalence.assess(Comparisons.paired(DEMO_WD, DEMO_BASE, 0.95), 0.3);
        assertEquals(Equivalence.Verdict.EQUIVALENT, a.verdict());
        assertTrue(a.withinMargin());
        assertEquals("test accuracy equivalent within \u00b10.3 pp: the difference is between \u22120.18 and +0.17 pp"
                + " (paired t-test, 3 seeds)", Wording.verdict(a, "test accuracy", "pp"));
        Equivalence.Assessment w = Equivalence.assess(Comparisons.welch(DEMO_WD, DEMO_BASE, 0.95), 0.3);
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, w.verdict());
        assertEquals("test accuracy inconclusive: the difference is between \u22120.64 and +0.62 pp (Welch t-test, "
                + "3 vs 3 seeds), which rules out neither 0 nor \u00b10.3 pp", Wording.verdict(w, "test accuracy", "pp"));
        Equivalence.Assessment none = Equivalence.assess(Comparisons.paired(DEMO_WD, DEMO_BASE, 0.95), Double.NaN);
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, none.verdict(), "no margin, no equivalence");
        assertTrue(Wording.verdict(none, "test accuracy", "pp").startsWith("no difference in test accuracy detectable"));
    }

    @Test
    void equivalenceIsExactlyThePrintedIntervalInsideTheMargin() {
        Difference five = Comparisons.paired(FIVE_X, FIVE_Y, 0.95);
        // 95% CI [0.0037, 0.0123]: inside ±0.0124, not inside ±0.0122.
        double alpha = 0.05;
        assertTrue(Equivalence.tostPValue(five, 0.0124) < alpha / 2);
        assertFalse(Equivalence.tostPValue(five, 0.0122) < alpha / 2);
        assertEquals(Equivalence.Verdict.EQUIVALENT, Equivalence.assess(five, 1, 2, 0.0124, alpha).verdict());
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, Equivalence.assess(five, 1, 2, 0.0122, alpha).verdict());
    }

    @Test
    void holmFamilyDecidesDifferent() {
        Difference five = Comparisons.paired(FIVE_X, FIVE_Y, 0.95); // p = 0.00668
        Difference demo = Comparisons.paired(DEMO_WD, DEMO_BASE, 0.95).scaled(0.01); // fractions, p = 0.885
        Difference untested = Comparisons.paired(new double[] {0.01}, 0.95);
        List<Equivalence.Assessment> a = Equivalence.assessFamily(List.of(five, demo, untested), 0.003, 0.05);
        assertEquals(2, a.get(0).familySize());
        assertEquals(2 * 0.006679660787491856, a.get(0).adjustedP(), 1e-10);
        assertEquals(Equivalence.Verdict.DIFFERENT, a.get(0).verdict());
        assertEquals(Equivalence.Verdict.EQUIVALENT, a.get(1).verdict());
        assertEquals(Equivalence.Verdict.NOT_TESTED, a.get(2).verdict());
        String s = Wording.verdict(Equivalence.assessFamily(List.of(five.scaled(100), demo), 0.3, 0.05).get(0),
                "test accuracy", "pp");
        assertEquals("test accuracy +0.80 pp, between +0.37 and +1.23 pp (paired t-test, 5 seeds; p = 0.007; "
                + "Holm-adjusted p = 0.013 over 2 comparisons)", s);
        assertEquals("test accuracy: not enough seeds for an interval (1 seed; a test needs at least 2 on each side)",
                Wording.verdict(a.get(2), "test accuracy", "pp"));
    }

    @Test
    void significantBeforeButNotAfterCorrectionIsInconclusiveAndSaysSo() {
        Difference five = Comparisons.paired(FIVE_X, FIVE_Y, 0.95).scaled(100);
        Equivalence.Assessment a = Equivalence.assess(five, 0.0267, 4, 0.3, 0.05);
        assertEquals(Equivalence.Verdict.DIFFERENT, a.verdict());
        Equivalence.Assessment b = Equivalence.assess(five, 0.09, 4, 0.3, 0.05);
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, b.verdict());
        assertTrue(b.significantOnlyBeforeCorrection());
        assertTrue(Wording.verdict(b, "test accuracy", "pp").endsWith(
                "which excludes 0 but is not significant after Holm correction over 4 comparisons (adjusted p = 0.090)"),
                Wording.verdict(b, "test accuracy", "pp"));
    }

    @Test
    void badArguments() {
        Difference d = Comparisons.paired(FIVE_X, FIVE_Y, 0.95);
        assertThrows(IllegalArgumentException.class, () -> Equivalence.tostPValue(d, 0));
        assertThrows(IllegalArgumentException.class, () -> Equivalence.assess(d, 0.1, 1, -1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> Equivalence.assess(d, 0.1, 1, 0.1, 1.5));
    }
}
