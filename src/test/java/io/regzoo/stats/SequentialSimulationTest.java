package io.regzoo.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Why seeds can be added until the answer is clear: simulated experiments (no training), each a sequence of
 * per-seed paired differences drawn from a normal distribution with standard deviation 1, looked at after every
 * seed from 3 to 20. Under the null (mean 0) the sequential procedure ({@link SequentialDesign}, α = 0.05) must
 * keep its false-positive rate at most α plus three Monte Carlo standard errors, while testing with a fixed-n
 * t-test at every look (stop at the first p &lt; 0.05) is shown to exceed it. Power is reported at an effect of one
 * standard deviation of the differences, and equivalence stops are checked at the margin. Deterministic (fixed
 * RNG seeds); the figures are printed and quoted in {@code docs/STATISTICS.md}.
 */
@org.junit.jupiter.api.Tag("slow")
class SequentialSimulationTest {

    static final int EXPERIMENTS = 4000;
    static final int MIN = 3;
    static final int MAX = 20;
    static final double ALPHA = 0.05;
    /** Three Monte Carlo standard errors of a rate α estimated from {@link #EXPERIMENTS} experiments. */
    static final double TOLERANCE = 3 * Math.sqrt(ALPHA * (1 - ALPHA) / EXPERIMENTS);
    /** The effect at which power is reported, in standard deviations of the per-seed differences. */
    static final double EFFECT = 1.0;

    static final double[] T_CRIT = new double[MAX + 1];

    @BeforeAll
    static void criticalValues() {
        for (int n = 2; n <= MAX; n++) {
            T_CRIT[n] = new TDistribution(n - 1).inverseCumulativeProbability(1 - ALPHA / 2);
        }
        System.out.printf(Locale.ROOT, "sequential simulation: %d experiments per scenario, looks after every seed "
                + "from %d to %d, alpha %.2f, 3 Monte Carlo SE = %.4f%n", EXPERIMENTS, MIN, MAX, ALPHA, TOLERANCE);
    }

    private static double[] draw(Random r, double mean) {
        double[] x = new double[MAX];
        for (int i = 0; i < MAX; i++) {
            x[i] = mean + r.nextGaussian();
        }
        return x;
    }

    /** The fixed-n two-sided t-test at level α on the first n values. */
    static boolean tRejects(double[] x, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += x[i];
        }
        m /= n;
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += (x[i] - m) * (x[i] - m);
        }
        double se = Math.sqrt(q / (n - 1) / n);
        return Math.abs(m / se) > T_CRIT[n];
    }

    /** Peeking: a t-test at every look from MIN to MAX, stopping at the first rejection. */
    static boolean naiveRejects(double[] x) {
        for (int n = MIN; n <= MAX; n++) {
            if (tRejects(x, n)) {
                return true;
            }
        }
        return false;
    }

    private record Outcome(double different, double equivalent, double meanSeeds) {}

    private static Outcome sequential(SequentialDesign d, double mean, long seed) {
        Random r = new Random(seed);
        int different = 0;
        int equivalent = 0;
        long seeds = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            SequentialDesign.Look l = d.decide(draw(r, mean));
            assertTrue(l.stopped());
            different += l.decision() == SequentialDesign.Decision.DIFFERENT ? 1 : 0;
            equivalent += l.decision() == SequentialDesign.Decision.EQUIVALENT ? 1 : 0;
            seeds += l.n();
        }
        return new Outcome((double) different / EXPERIMENTS, (double) equivalent / EXPERIMENTS,
                (double) seeds / EXPERIMENTS);
    }

    @Test
    void peekingAfterEverySeedKeepsFalsePositivesAtAlphaWhileNaivePeekingDoesNot() {
        SequentialDesign d = SequentialDesign.of(MIN, MAX, ALPHA, Double.NaN);
        Outcome seq = sequential(d, 0, 1);
        Random r = new Random(1);
        int naive = 0;
        int fixed = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            double[] x = draw(r, 0);
            naive += naiveRejects(x) ? 1 : 0;
            fixed += tRejects(x, MAX) ? 1 : 0;
        }
        double naiveRate = (double) naive / EXPERIMENTS;
        double fixedRate = (double) fixed / EXPERIMENTS;
        System.out.printf(Locale.ROOT, "null: sequential false-positive rate %.4f (mean seeds %.2f); t-test at every "
                + "look %.4f; one t-test at n = %d %.4f%n", seq.different(), seq.meanSeeds(), naiveRate, MAX, fixedRate);
        assertTrue(seq.different() <= ALPHA + TOLERANCE, "sequential false-positive rate " + seq.different());
        assertTrue(naiveRate > ALPHA + TOLERANCE, "naive peeking should inflate the rate, got " + naiveRate);
        assertTrue(Math.abs(fixedRate - ALPHA) <= TOLERANCE, "a single fixed-n test is at alpha, got " + fixedRate);
    }

    @Test
    void powerAtOneStandardDeviation() {
        SequentialDesign d = SequentialDesign.of(MIN, MAX, ALPHA, Double.NaN);
        Outcome seq = sequential(d, EFFECT, 2);
        Random r = new Random(2);
        int fixed = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            fixed += tRejects(draw(r, EFFECT), MAX) ? 1 : 0;
        }
        Outcome big = sequential(d, 2 * EFFECT, 3);
        System.out.printf(Locale.ROOT, "power at effect %.1f sd: sequential %.4f (mean seeds %.2f), one t-test at "
                + "n = %d %.4f; at %.1f sd: sequential %.4f (mean seeds %.2f)%n", EFFECT, seq.different(),
                seq.meanSeeds(), MAX, (double) fixed / EXPERIMENTS, 2 * EFFECT, big.different(), big.meanSeeds());
        assertTrue(seq.different() >= 0.70, "power at 1 sd " + seq.different());
        assertTrue(big.different() >= 0.99 && big.meanSeeds() < 8, "2 sd: " + big);
    }

    @Test
    void equivalenceStopsRarelyWhenTheTrueDifferenceIsTheMargin() {
        double margin = 1.0;
        SequentialDesign d = SequentialDesign.of(MIN, MAX, ALPHA, margin);
        Outcome atMargin = sequential(d, margin, 4);
        Outcome atZero = sequential(d, 0, 5);
        System.out.printf(Locale.ROOT, "margin %.1f sd: true difference = margin -> called equivalent %.4f; "
                + "true difference 0 -> equivalent %.4f, different %.4f, mean seeds %.2f%n", margin,
                atMargin.equivalent(), atZero.equivalent(), atZero.different(), atZero.meanSeeds());
        assertTrue(atMargin.equivalent() <= ALPHA + TOLERANCE, "wrongly equivalent " + atMargin.equivalent());
        assertTrue(atZero.different() <= ALPHA + TOLERANCE);
        assertTrue(atZero.equivalent() >= 0.5, "equivalence is reachable within the budget: " + atZero);
    }

    @Test
    void familyOfThreeSharingTheBaselineKeepsTheFamilyWiseRate() {
        SequentialDesign d = SequentialDesign.of(MIN, MAX, ALPHA, Double.NaN);
        Random r = new Random(6);
        int anyFalse = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            double[] base = draw(r, 0);
            List<double[]> diffs = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                double[] v = draw(r, 0);
                for (int i = 0; i < MAX; i++) {
                    v[i] -= base[i];
                }
                diffs.add(v);
            }
            anyFalse += d.replay(diffs).stream().anyMatch(l -> l.decision() == SequentialDesign.Decision.DIFFERENT)
                    ? 1 : 0;
        }
        double rate = (double) anyFalse / EXPERIMENTS;
        System.out.printf(Locale.ROOT, "family of 3 nulls sharing a baseline (Holm): family-wise false-positive "
                + "rate %.4f%n", rate);
        assertTrue(rate <= ALPHA + TOLERANCE, "family-wise rate " + rate);
    }
}
