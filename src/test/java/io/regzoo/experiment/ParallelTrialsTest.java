package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trials in child JVMs ({@link ExperimentRunner.Builder#workers(int)}): same results, same fault tolerance. */
@org.junit.jupiter.api.Tag("subprocess")
class ParallelTrialsTest {

    private static ExperimentSpec spec() {
        return ExperimentSpec.builder("parallel")
                .dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).build())
                .models("linear-regression")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("l2", Variant.of(Regularization.builder().l2(0.1).build()))
                .seeds(1, 2, 3).epochs(3).batchSize(8).optimizer(Optimizer.sgd(0.1))
                .build();
    }

    /** Records what a listener saw, from any thread. */
    private static final class Seen implements RunListener {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final List<String> epochs = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> endIndexes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onTrialStart(String trialId, int index, int toRun, int epochs) {
            started.add(trialId);
        }

        @Override
        public void onEpoch(String trialId, EpochMetrics m) {
            epochs.add(trialId + "#" + m.epoch());
        }

        @Override
        public void onTrialEnd(TrialResult result, int index, int toRun) {
            endIndexes.add(index);
        }
    }

    @Test
    void twoWorkersRecordTheSameResultsAsOneJvm(@TempDir Path tmp) {
        RunSummary serial = ExperimentRunner.builder().spec(spec()).outDir(tmp.resolve("serial")).warnings(w -> { })
                .build().run();
        Seen seen = new Seen();
        RunSummary par = ExperimentRunner.builder().spec(spec()).outDir(tmp.resolve("par")).workers(2).listener(seen)
                .warnings(w -> { }).build().run();
        assertEquals(6, par.ran());
        assertEquals(6, par.results().size());
        Map<String, TrialResult> byId = new HashMap<>();
        serial.results().forEach(r -> byId.put(r.trialId(), r));
        for (TrialResult r : par.results()) {
            TrialResult s = byId.get(r.trialId());
            assertEquals(TrialStatus.OK, r.status(), r.message());
            assertEquals(s.testLoss(), r.testLoss(), 1e-6 * Math.max(1, s.testLoss()), r.trialId());
            assertEquals(s.weightNorm(), r.weightNorm(), 1e-6, r.trialId());
            assertEquals(3, r.history().size());
            // each child got cores / 2 native threads through OMP_NUM_THREADS
            int cores = Runtime.getRuntime().availableProcessors();
            assertEquals(Math.max(1, cores / 2), r.provenance().environment().threads(), r.trialId());
        }
        // Progress arrived from the children: every trial started once, 3 epochs each, 6 ends counted 1..6.
        assertEquals(6, new HashSet<>(seen.started).size());
        assertEquals(18, seen.epochs.size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), seen.endIndexes.stream().sorted().toList());
    }

    @Test
    void killedParallelRunResumesWithoutDuplicates(@TempDir Path out) throws Exception {
        ExperimentRunner killed = ExperimentRunner.builder().spec(spec()).outDir(out).workers(2).warnings(w -> { })
                .listener(KillSwitch.after(2)).build();
        assertThrows(KillSwitch.SimulatedKill.class, killed::run);
        Path file = out.resolve(ResultsStore.FILE_NAME);
        assertEquals(2, Files.readAllLines(file).size());
        RunSummary s = ExperimentRunner.builder().spec(spec()).outDir(out).workers(2).warnings(w -> { }).build().run();
        assertEquals(4, s.ran());
        assertEquals(2, s.skipped());
        Set<String> ids = new HashSet<>();
        for (String l : Files.readAllLines(file)) {
            assertTrue(ids.add(TrialCodec.fromJson(l).trialId()), "duplicate: " + l);
        }
        assertEquals(6, ids.size());
    }

    @Test
    void aWorkerThatDiesFailsOnlyItsTrialAndIsReplaced(@TempDir Path out) {
        String victim = TrialResult.idOf("linear-regression", "l2", 2);
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        System.setProperty(TrialWorker.HALT_ON_TRIAL_PROPERTY, victim);
        RunSummary s;
        try {
            s = ExperimentRunner.builder().spec(spec()).outDir(out).workers(2).warnings(warnings::add).build().run();
        } finally {
            System.clearProperty(TrialWorker.HALT_ON_TRIAL_PROPERTY);
        }
        assertEquals(6, s.results().size());
        for (TrialResult r : s.results()) {
            if (r.trialId().equals(victim)) {
                assertEquals(TrialStatus.FAILED, r.status());
                assertTrue(r.message().contains("exited with status 7"), r.message());
            } else {
                assertEquals(TrialStatus.OK, r.status(), r.trialId() + ": " + r.message());
            }
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains(victim)), warnings.toString());
    }

    @Test
    void aSecondRunOnTheSameDirectoryIsRefused(@TempDir Path out) {
        try (RunLock held = RunLock.acquire(out)) {
            RegzooException e = assertThrows(RegzooException.class,
                    () -> ExperimentRunner.builder().spec(spec()).outDir(out).build().run());
            assertTrue(e.getMessage().contains("another regzoo run"), e.getMessage());
        }
        assertEquals(6, ExperimentRunner.builder().spec(spec()).outDir(out).warnings(w -> { }).build().run().ran());
    }

    @Test
    void autoRunsImageDataInOneWorkerPerCoreAndSyntheticDataInProcess() {
        ExperimentSpec mnist = spec().toBuilder().dataset(DatasetSpec.builder("mnist").trainSize(100).testSize(50).build())
                .models("mnist-cnn").build();
        assertEquals(2, ExperimentRunner.autoWorkers(mnist, 6, 2));
        assertEquals(1, ExperimentRunner.autoWorkers(mnist, 1, 2));
        assertEquals(1, ExperimentRunner.autoWorkers(mnist, 6, 1));
        assertEquals(1, ExperimentRunner.autoWorkers(spec(), 6, 2));
    }
}
