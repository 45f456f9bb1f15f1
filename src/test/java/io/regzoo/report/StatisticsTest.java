package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.TrialResult;
import io.regzoo.stats.Comparisons;
import io.regzoo.stats.Difference;
import io.regzoo.stats.Equivalence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's numbers against independent recomputation: plain formulas, t quantiles from a table
 * (t(0.975, 2) = 4.302653, t(0.975, 4) = 2.776445, t(0.975, 3.0561) = 3.149638), Welch p-values from
 * SciPy's {@code ttest_ind(x, y, equal_var=False)} (the same as R's {@code t.test(x, y)}) and paired p-values from
 * SciPy's {@code ttest_rel}.
 */
class StatisticsTest {

    private static final double T_975_DF2 = 4.302653;
    private static final double T_975_DF4 = 2.776445;

    @TempDir
    Path dir;

    private static double mean(double... v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double... v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    @Test
    void reportNumbersEqualRecomputationFromResultsJsonl() {
        double[] base = {0.90, 0.92, 0.91};
        double[] l2 = {0.95, 0.94, 0.96};
        double[] baseTrain = {0.99, 0.98, 0.995};
        double[] l2Train = {0.97, 0.965, 0.975};
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trials.add(Fixtures.classifier("mlp", "baseline", i + 1, baseTrain[i], base[i]));
            trials.add(Fixtures.classifier("mlp", "l2", i + 1, l2Train[i], l2[i]));
        }
        Path f = dir.resolve("results.jsonl");
        ResultsFile.write(f, trials);
        List<ModelStats> models = ModelStats.ofAll(ResultsFile.read(f).trials());

        assertEquals(1, models.size());
        ModelStats m = models.get(0);
        assertTrue(m.classifier());
        assertEquals("baseline", m.baselineVariant());
        VariantStats b = m.variants().get(0);
        VariantStats v = m.variants().get(1);
        assertTrue(b.baseline());
        assertNull(b.vsBaseline());

        // mean, std, t-interval of test accuracy
        assertEquals(3, v.testAccuracy().n());
        assertEquals(mean(l2), v.testAccuracy().mean(), 1e-12);
        assertEquals(sd(l2), v.testAccuracy().std(), 1e-12);
        double half = T_975_DF2 * sd(l2) / Math.sqrt(3);
        assertEquals(mean(l2) - half, v.testAccuracy().ciLow(), 1e-6);
        assertEquals(mean(l2) + half, v.testAccuracy().ciHigh(), 1e-6);
        assertEquals(mean(base), b.testAccuracy().mean(), 1e-12);
        assertEquals(mean(baseTrain), b.trainAccuracy().mean(), 1e-12);

        // generalization gap = train − test, per seed, then averaged
        double[] gap = new double[3];
        for (int i = 0; i < 3; i++) {
            gap[i] = baseTrain[i] - base[i];
        }
        assertEquals(mean(gap), b.generalizationGap().mean(), 1e-12);
        assertEquals(sd(gap), b.generalizationGap().std(), 1e-12);

        // weight norm 12.5 + seed, seconds 6 + seed (see Fixtures)
        assertEquals(14.5, v.weightNorm().mean(), 1e-12);
        assertEquals(8.0, v.seconds().mean(), 1e-12);

        // The same seeds on both sides: the comparison is paired. Per-seed differences 0.05, 0.02, 0.05:
        // mean 0.04, sd √0.0003, se 0.01, t = 4, df = 2; two-sided p for df = 2 is 1 − t/√(t² + 2)
        // (SciPy ttest_rel gives 0.0571909584179366).
        Difference d = v.vsBaseline();
        assertEquals(Difference.Test.PAIRED, d.test());
        assertEquals(Difference.Status.COMPUTED, d.status());
        assertEquals(3, d.n());
        assertEquals(0.04, d.estimate(), 1e-12);
        assertEquals(0.01, d.standardError(), 1e-12);
        assertEquals(2.0, d.df(), 1e-12);
        assertEquals(0.04 - T_975_DF2 * 0.01, d.ciLow(), 1e-6);
        assertEquals(0.04 + T_975_DF2 * 0.01, d.ciHigh(), 1e-6);
        assertEquals(1 - 4 / Math.sqrt(18), d.pValue(), 1e-12);
        assertEquals(0.0571909584179366, d.pValue(), 1e-12);
        // Pairing does not help on these numbers (the differences vary as much as the accuracies) and costs two
        // degrees of freedom, so the paired test does not call it different; the Welch test that the report used to
        // print would have (p = 0.008, df = 4, SciPy ttest_ind(equal_var=False)).
        Difference welch = Comparisons.welch(l2, base, 0.95);
        double se = Math.sqrt(sd(l2) * sd(l2) / 3 + sd(base) * sd(base) / 3);
        assertEquals(4.0, welch.df(), 1e-9);
        assertEquals(0.04 - T_975_DF4 * se, welch.ciLow(), 1e-6);
        assertEquals(0.00804989310083788, welch.pValue(), 1e-9);
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, v.assessment().verdict());
        assertEquals(1, v.assessment().familySize());
        assertTrue(v.verdict().startsWith("train–test gap −6 pp [−11, −1]; "), v.verdict());
        assertTrue(v.verdict().contains("test accuracy inconclusive: between −0.303 and +8.303 pp, which rules out "
                + "neither 0 nor ±0.3 pp (paired, 3 seeds, p = 0.057)"), v.verdict());
    }

    @Test
    void welchAgainstKnownValueWithUnequalSizesAndVariances() {
        double[] x = {19.1, 20.3, 18.7, 21.0, 19.9};
        double[] y = {17.2, 18.9, 16.1};
        Difference d = Comparisons.welch(x, y, 0.95);
        assertEquals(Difference.Test.WELCH, d.test());
        assertEquals(2.4, d.estimate(), 1e-12);
        assertEquals(3.056122636089143, d.df(), 1e-9);
        assertEquals(0.07688967697420442, d.pValue(), 1e-9);
        double se = Math.sqrt(sd(x) * sd(x) / 5 + sd(y) * sd(y) / 3);
        assertEquals(2.4 - 3.149638287886611 * se, d.ciLow(), 1e-6);
        assertFalse(d.excludesZero());
    }

    @Test
    void tooFewSeedsIsSaidNotComputed() {
        Difference d = Comparisons.welch(new double[] {0.9}, new double[] {0.8, 0.85}, 0.95);
        assertEquals(Difference.Status.TOO_FEW_SEEDS, d.status());
        assertTrue(Double.isNaN(d.pValue()));
        SampleStats one = SampleStats.of(0.5);
        assertEquals(1, one.n());
        assertTrue(Double.isNaN(one.std()) && Double.isNaN(one.ciLow()));
        List<TrialResult> ts = List.of(Fixtures.classifier("m", "baseline", 1, 0.9, 0.8),
                Fixtures.classifier("m", "baseline", 2, 0.9, 0.82), Fixtures.classifier("m", "drop", 1, 0.9, 0.85));
        String verdict = ModelStats.of("m", ts).variants().get(1).verdict();
        assertTrue(verdict.startsWith("cannot test with 1 vs 2 seeds"), verdict);
    }

    @Test
    void regressorsCompareTestLossAndDivergedTrialsAreCountedNotAveraged() {
        List<TrialResult> ts = List.of(Fixtures.regressor("lin", "plain", 1, 0.010, 0.020),
                Fixtures.regressor("lin", "plain", 2, 0.011, 0.022), Fixtures.regressor("lin", "plain", 3, 0.012, 0.021),
                Fixtures.regressor("lin", "l2", 1, 0.013, 0.030), Fixtures.regressor("lin", "l2", 2, 0.014, 0.031),
                Fixtures.regressor("lin", "l2", 3, 0.015, 0.032), Fixtures.diverged("lin", "l2", 4));
        ModelStats m = ModelStats.of("lin", ts);
        assertFalse(m.classifier());
        assertEquals("plain", m.baselineVariant(), "first variant is the baseline when none is called baseline");
        VariantStats l2 = m.variants().get(1);
        assertEquals(4, l2.trials());
        assertEquals(3, l2.ok());
        assertEquals(1, l2.diverged());
        assertEquals(mean(0.030, 0.031, 0.032), l2.testLoss().mean(), 1e-12);
        assertEquals(0, l2.testAccuracy().n());
        // Paired differences 0.010, 0.009, 0.011 (SciPy ttest_rel: p = 0.00331); the verdict first names the measured
        // secondary effect (the loss gap grew by 0.007 on every seed ± 0.001), then the primary metric.
        assertEquals(Difference.Test.PAIRED, l2.vsBaseline().test());
        assertTrue(l2.verdict().startsWith("test − train loss gap +0.0070 ["), l2.verdict());
        assertTrue(l2.verdict().contains("; worsened (raised) test loss by 0.0100 (between +0.0075 and +0.0125, paired, "
                + "3 seeds, p = 0.003)"), l2.verdict());
        assertTrue(l2.verdict().endsWith("1 diverged (excluded)"), l2.verdict());
    }

    @Test
    void allTrialsOfAVariantFailing() {
        List<TrialResult> ts = List.of(Fixtures.classifier("m", "baseline", 1, 0.9, 0.8),
                Fixtures.classifier("m", "baseline", 2, 0.9, 0.82), Fixtures.diverged("m", "huge-lr", 1),
                Fixtures.diverged("m", "huge-lr", 2));
        VariantStats v = ModelStats.of("m", ts).variants().get(1);
        assertEquals(0, v.ok());
        assertEquals("no successful trials: 2 diverged", v.verdict());
    }
}
