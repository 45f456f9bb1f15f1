package io.regzoo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequentialDesignTest {

    private final SequentialDesign design = SequentialDesign.of(3, 20, 0.05, 0.3);

    @Test
    void clearEffectStopsAtTheFirstLook() {
        SequentialDesign.Look l = design.decide(new double[] {1.0, 1.1, 0.9});
        assertEquals(SequentialDesign.Decision.DIFFERENT, l.decision());
        assertTrue(l.stopped());
        assertEquals(3, l.n());
        assertTrue(l.low() > 0, "interval above 0: " + l);
        assertTrue(l.pValue() <= 0.05);
    }

    @Test
    void tinySpreadIsEquivalentAtTheFirstLook() {
        SequentialDesign.Look l = design.decide(new double[] {0.01, -0.01, 0.0});
        assertEquals(SequentialDesign.Decision.EQUIVALENT, l.decision());
        assertTrue(l.low() > -0.3 && l.high() < 0.3);
        assertEquals("test accuracy equivalent within \u00b10.3 pp after 3 seeds: the difference is between "
                + "\u22120.076 and +0.076 pp (anytime-valid 95% confidence sequence, adjusted p = 1.000)",
                Wording.look(l, "test accuracy", "pp", 0.3, 0.05));
    }

    @Test
    void theDemoNeedsMoreSeedsThenTurnsEquivalent() {
        double[] demo = {0.06, -0.08, 0.00};
        SequentialDesign.Look three = design.decide(demo);
        assertEquals(SequentialDesign.Decision.CONTINUE, three.decision(), "half-width 7.6·0.07 = 0.53 pp > 0.3");
        assertFalse(three.stopped());
        assertEquals(4, design.nextSeedCount(List.of(demo)));
        double[] more = {0.06, -0.08, 0.00, 0.03, -0.02, 0.05};
        List<SequentialDesign.Look> h = design.history(more);
        assertEquals(SequentialDesign.Decision.CONTINUE, h.get(0).decision());
        SequentialDesign.Look last = h.get(h.size() - 1);
        assertEquals(SequentialDesign.Decision.EQUIVALENT, last.decision());
        assertEquals(0, design.nextSeedCount(List.of(more)));
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i).high() - h.get(i).low() <= h.get(i - 1).high() - h.get(i - 1).low());
        }
    }

    @Test
    void nullRunsToTheBudget() {
        SequentialDesign small = SequentialDesign.of(3, 6, 0.05, Double.NaN);
        SequentialDesign.Look l = small.decide(new double[] {0.5, -0.7, 0.2, -0.1, 0.9, -0.4, 0.3});
        assertEquals(SequentialDesign.Decision.INCONCLUSIVE, l.decision());
        assertTrue(l.stopped());
        assertEquals(6, l.n(), "the 7th difference is beyond the budget");
    }

    @Test
    void beforeTheFirstLookNothingIsDecided() {
        SequentialDesign.Look l = design.decide(new double[] {5, 5.1});
        assertEquals(SequentialDesign.Decision.CONTINUE, l.decision());
        assertFalse(l.stopped());
        assertEquals(3, design.nextSeedCount(List.of(new double[] {5, 5.1})));
        assertEquals(3, design.nextSeedCount(List.of(new double[0])));
    }

    @Test
    void looksFollowTheRounds() {
        SequentialDesign r = new SequentialDesign(3, 10, 3, 0.05, Double.NaN, 0.1);
        assertArrayEquals(new int[] {3, 6, 9, 10}, r.looks());
        assertTrue(r.isLook(6) && r.isLook(10) && !r.isLook(7) && !r.isLook(2));
        assertThrows(IllegalArgumentException.class, () -> SequentialDesign.of(1, 5, 0.05, 0.3));
        assertThrows(IllegalArgumentException.class, () -> SequentialDesign.of(5, 4, 0.05, 0.3));
        assertThrows(IllegalArgumentException.class, () -> SequentialDesign.of(3, 5, 0.05, -1));
    }

    @Test
    void familyUsesHolmOverAnytimePValues() {
        // With 3 values the anytime p-value is at least c²/(3 + c²) = 1/31 > α/2: a family of two cannot stop at 3.
        double[] clear = {1.0, 1.1, 0.9};
        double[] weak = {0.2, -0.1, 0.4};
        List<SequentialDesign.Look> three = design.replay(List.of(clear, weak));
        assertEquals(SequentialDesign.Decision.CONTINUE, three.get(0).decision());
        assertEquals(SequentialDesign.Decision.DIFFERENT, design.decide(clear).decision(), "alone it can");
        clear = new double[] {1.0, 1.1, 0.9, 1.05};
        weak = new double[] {0.2, -0.1, 0.4, 0.1};
        List<SequentialDesign.Look> f = design.replay(List.of(clear, weak));
        double[] p = {ConfidenceSequence.anytimePValue(clear, 4, 0.1), ConfidenceSequence.anytimePValue(weak, 4, 0.1)};
        double[] adj = Holm.adjust(p);
        assertEquals(adj[0], f.get(0).adjustedP(), 1e-12);
        assertEquals(adj[1], f.get(1).adjustedP(), 1e-12);
        assertEquals(SequentialDesign.Decision.DIFFERENT, f.get(0).decision());
        assertEquals(SequentialDesign.Decision.CONTINUE, f.get(1).decision());
        assertEquals(5, design.nextSeedCount(List.of(clear, weak)), "the weak one runs on");
    }

    /**
     * A runner's loop (run the seeds {@link SequentialDesign#nextSeedCount} asks for, replay) killed after each
     * step and resumed from the recorded differences alone reaches the same states as the uninterrupted run.
     */
    @Test
    void resumingFromTheDifferencesAloneReachesTheSameDecisions() {
        Random r = new Random(11);
        double[] effect = {0.0, 0.4, 3.0, 0.0};
        double[][] truth = new double[effect.length][20];
        for (int i = 0; i < effect.length; i++) {
            for (int s = 0; s < 20; s++) {
                truth[i][s] = effect[i] + 0.2 * r.nextGaussian();
            }
        }
        List<List<SequentialDesign.Look>> states = new ArrayList<>();
        int[] have = new int[effect.length];
        while (true) {
            List<double[]> data = recorded(truth, have);
            List<SequentialDesign.Look> now = design.replay(data);
            states.add(now);
            int target = design.nextSeedCount(data);
            if (target == 0) {
                break;
            }
            for (int i = 0; i < effect.length; i++) {
                if (!now.get(i).stopped()) {
                    have[i] = Math.max(have[i], target);
                }
            }
        }
        // resume: a fresh replay on the final record (and on the record with extra data past the stops)
        List<SequentialDesign.Look> fresh = design.replay(recorded(truth, have));
        assertEquals(states.get(states.size() - 1), fresh);
        List<double[]> padded = new ArrayList<>();
        for (double[] t : truth) {
            padded.add(t.clone());
        }
        List<SequentialDesign.Look> withExtra = design.replay(padded);
        for (int i = 0; i < effect.length; i++) {
            assertEquals(fresh.get(i).decision(), withExtra.get(i).decision(), "comparison " + i);
            assertEquals(fresh.get(i).n(), withExtra.get(i).n(), "comparison " + i);
        }
        assertEquals(SequentialDesign.Decision.DIFFERENT, fresh.get(2).decision());
        assertEquals(4, fresh.get(2).n(), "a 15-sd effect stops at the first look where a family of 4 can: 4 seeds");
        assertTrue(fresh.stream().allMatch(SequentialDesign.Look::stopped));
    }

    private static List<double[]> recorded(double[][] truth, int[] have) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            out.add(Arrays.copyOf(truth[i], have[i]));
        }
        return out;
    }
}
