package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.stats.SequentialDesign.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --seeds auto} in the runner, on synthetic linear regression (test loss is the primary metric): a huge L2
 * is clearly worse and stops early, a variant identical to the baseline runs to the budget; resume and the time
 * budget.
 */
class SequentialRunTest {

    private static final int MAX = 6;

    /** baseline, l2-huge (l2 = 10: the weights are crushed, test loss far above the baseline's), same (= baseline). */
    private static ExperimentSpec spec(Duration budget) {
        return ExperimentSpec.builder("seq")
                .dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).build())
                .models("linear-regression")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("l2-huge", Variant.of(Regularization.builder().l2(10).build()))
                .variant("same", Variant.of(Regularization.none()))
                .autoSeeds(new SequentialSeeds(3, MAX, budget))
                .epochs(3).batchSize(8).optimizer(Optimizer.sgd(0.1)).build();
    }

    private static ExperimentRunner.Builder runner(ExperimentSpec spec, Path out) {
        return ExperimentRunner.builder().spec(spec).outDir(out).warnings(w -> { });
    }

    private static Set<String> ids(RunSummary s) {
        return s.results().stream().map(TrialResult::trialId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static long seedsOf(RunSummary s, String variant) {
        return s.results().stream().filter(r -> r.variant().equals(variant)).count();
    }

    @Test
    void aClearEffectStopsEarlyAndANullEffectRunsToTheBudget(@TempDir Path out) throws Exception {
        RunSummary s = runner(spec(null), out).build().run();
        SequentialOutcome o = s.sequential();
        SequentialOutcome.Comparison l2 = o.comparison("linear-regression", "l2-huge").orElseThrow();
        SequentialOutcome.Comparison same = o.comparison("linear-regression", "same").orElseThrow();
        System.out.printf("clear effect (l2 10): %s after %d seeds, test loss %+.4f, CS [%.4f, %.4f], Holm p %.4f%n",
                l2.decision(), l2.seeds(), l2.estimate(), l2.low(), l2.high(), l2.adjustedP());
        System.out.printf("null effect (same as baseline): %s after %d seeds, CS [%.4g, %.4g], Holm p %.4f%n",
                same.decision(), same.seeds(), same.low(), same.high(), same.adjustedP());
        System.out.printf("trials: baseline %d, l2-huge %d, same %d (fixed design: %d each); stopped by %s%n",
                seedsOf(s, "baseline"), seedsOf(s, "l2-huge"), seedsOf(s, "same"), MAX, o.stoppedBy());

        assertEquals(Decision.DIFFERENT, l2.decision());
        assertFalse(l2.open());
        assertTrue(l2.seeds() < MAX, "a clear effect stops before the budget: " + l2.seeds());
        assertTrue(l2.low() > 0, "the confidence sequence excludes 0: " + l2.low());
        assertEquals(l2.seeds(), seedsOf(s, "l2-huge"), "no seed run after it was decided");
        assertEquals(Decision.INCONCLUSIVE, same.decision());
        assertEquals(MAX, same.seeds());
        assertEquals(MAX, seedsOf(s, "same"));
        assertEquals(MAX, seedsOf(s, "baseline"));
        assertEquals(SequentialOutcome.Stop.ALL_DECIDED, o.stoppedBy());
        assertEquals(s.results().size(), s.ran());
        // The looks: one after each seed from 3 on, each comparison until it stopped.
        assertEquals(List.of(3, 4, 5, 6), same.looks().stream().map(SequentialOutcome.Look::seeds).toList());
        assertEquals(l2.seeds() - 2, l2.looks().size());
        assertEquals(Decision.DIFFERENT, l2.looks().get(l2.looks().size() - 1).decision());

        // sequential.json holds the same outcome, and a re-run has nothing to do.
        assertEquals(o, SequentialOutcome.read(out).orElseThrow());
        assertFalse(Files.list(out).anyMatch(p -> p.getFileName().toString().endsWith(".part")));
        RunSummary again = runner(spec(null), out).build().run();
        assertEquals(0, again.ran());
        assertEquals(o, again.sequential());
    }

    @Test
    void aKilledRunResumesTheProcedureAndEndsWithTheSameTrials(@TempDir Path whole, @TempDir Path killed) {
        RunSummary uninterrupted = runner(spec(null), whole).build().run();

        // Killed in the first round (after 7 of its 9 trials), then in a later round (after 4 more).
        assertThrows(KillSwitch.SimulatedKill.class, () -> runner(spec(null), killed).listener(KillSwitch.after(7))
                .build().run());
        assertEquals(SequentialOutcome.Stop.RUNNING, SequentialOutcome.read(killed).orElseThrow().stoppedBy());
        assertThrows(KillSwitch.SimulatedKill.class, () -> runner(spec(null), killed).listener(KillSwitch.after(4))
                .build().run());
        RunSummary resumed = runner(spec(null), killed).build().run();

        assertEquals(ids(uninterrupted), ids(resumed));
        assertEquals(uninterrupted.results().size(), 7 + 4 + resumed.ran());
        assertEquals(uninterrupted.sequential(), resumed.sequential());
        assertEquals(uninterrupted.sequential(), SequentialOutcome.read(killed).orElseThrow());
    }

    @Test
    void theTimeBudgetStartsNoNewTrialAndSaysSo(@TempDir Path midRound, @TempDir Path betweenRounds) {
        // A clock that moves one minute per recorded trial.
        AtomicLong now = new AtomicLong();
        RunListener minutePerTrial = new RunListener() {
            @Override
            public void onTrialEnd(TrialResult result, int index, int toRun) {
                now.addAndGet(Duration.ofMinutes(1).toNanos());
            }
        };
        RunSummary s = runner(spec(Duration.ofMinutes(5)), midRound).clock(now::get).listener(minutePerTrial).build()
                .run();
        assertEquals(5, s.ran(), "trials started at minutes 0..4");
        assertEquals(SequentialOutcome.Stop.TIME_BUDGET, s.sequential().stoppedBy());
        assertTrue(s.sequential().models().get(0).comparisons().stream().allMatch(c -> c.open()
                && c.decision() == Decision.CONTINUE));

        now.set(0);
        RunSummary r = runner(spec(Duration.ofMinutes(11)), betweenRounds).clock(now::get).listener(minutePerTrial)
                .build().run();
        // Round 1 (9 trials), round 2 starts at minute 9 with 3 trials: the third would start at minute 11.
        assertEquals(11, r.ran());
        assertEquals(SequentialOutcome.Stop.TIME_BUDGET, r.sequential().stoppedBy());

        // Resuming with a budget gets it afresh and finishes the procedure.
        now.set(0);
        RunSummary done = runner(spec(Duration.ofMinutes(11)), betweenRounds).clock(now::get).listener(minutePerTrial)
                .build().run();
        assertEquals(SequentialOutcome.Stop.ALL_DECIDED, done.sequential().stoppedBy());
    }

    @Test
    void aModelWhoseComparisonsAreAllDecidedGetsNoMoreSeeds(@TempDir Path out) {
        // Two models, one sequential state each: each model's baseline runs only as long as its own comparison.
        ExperimentSpec s = spec(null).toBuilder().models(List.of("linear-regression", "mlp-regressor"))
                .onlyVariants(List.of("baseline", "l2-huge")).build();
        RunSummary r = runner(s, out).build().run();
        Map<String, Long> perModel = r.results().stream().collect(Collectors.groupingBy(TrialResult::model,
                Collectors.counting()));
        List<String> lines = new ArrayList<>();
        for (SequentialOutcome.ModelOutcome m : r.sequential().models()) {
            for (SequentialOutcome.Comparison c : m.comparisons()) {
                lines.add(m.model() + " " + c.variant() + " " + c.decision() + " at " + c.seeds());
            }
        }
        System.out.println("two models: " + lines + ", trials " + perModel);
        for (SequentialOutcome.ModelOutcome m : r.sequential().models()) {
            SequentialOutcome.Comparison c = m.comparisons().get(0);
            assertFalse(c.open());
            assertEquals(2L * c.seeds(), perModel.get(m.model()), m.model());
            assertEquals(c.seeds(), m.seedsRun());
            assertEquals("test loss", m.metric());
            assertTrue(Double.isNaN(m.margin()), "a loss has no default margin");
        }
    }

    @Test
    void aClassifierStopsOnEquivalenceWithinTheDefaultAccuracyMargin(@TempDir Path out) {
        // Test accuracy is the primary metric, with the default margin of 0.3 pp: a variant identical to the baseline
        // (every paired difference 0) is equivalent at the first look; ECE is recorded with every trial.
        ExperimentSpec s = ExperimentSpec.builder("seq-cls")
                .dataset(DatasetSpec.builder("blobs").trainSize(120).testSize(100).build())
                .models("mlp-classifier")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("same", Variant.of(Regularization.none()))
                .autoSeeds(new SequentialSeeds(3, MAX, null))
                .epochs(2).batchSize(16).optimizer(Optimizer.adam(0.003)).build();
        RunSummary r = runner(s, out).build().run();
        SequentialOutcome.ModelOutcome m = r.sequential().models().get(0);
        SequentialOutcome.Comparison c = m.comparisons().get(0);
        System.out.printf("classifier, identical variant: %s after %d seeds, CS [%.4f, %.4f] pp, margin %.1f pp%n",
                c.decision(), c.seeds(), 100 * c.low(), 100 * c.high(), 100 * m.margin());
        assertEquals("test accuracy", m.metric());
        assertEquals(0.003, m.margin());
        assertEquals(Decision.EQUIVALENT, c.decision());
        assertEquals(3, c.seeds());
        assertEquals(6, r.ran());
        assertTrue(r.results().stream().allMatch(t -> t.calibrationError() >= 0 && t.calibrationError() <= 1));
    }

    @Test
    void anInterruptStopsBetweenTrialsAndIsRecorded(@TempDir Path out) {
        RunListener ctrlC = new RunListener() {
            @Override
            public void onTrialEnd(TrialResult result, int index, int toRun) {
                if (index == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        RunSummary r;
        try {
            r = runner(spec(null), out).listener(ctrlC).build().run();
            assertTrue(Thread.currentThread().isInterrupted(), "the caller still sees the interrupt");
        } finally {
            Thread.interrupted();
        }
        assertTrue(r.interrupted());
        assertEquals(2, r.ran());
        assertEquals(SequentialOutcome.Stop.INTERRUPTED, r.sequential().stoppedBy());
        assertEquals(SequentialOutcome.Stop.INTERRUPTED, SequentialOutcome.read(out).orElseThrow().stoppedBy());
    }
}
