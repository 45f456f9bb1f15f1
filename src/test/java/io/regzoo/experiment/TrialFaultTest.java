package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults at the trial boundary and between a run and its resume: out of memory in a trial (in this JVM
 * and in a worker JVM), a worker JVM killed by a signal in the middle of a trial, a spec changed before
 * the resume. Each checks what is recorded, the one line, and that what was written before is intact.
 */
class TrialFaultTest {

    static ExperimentSpec spec(int epochs) {
        return ExperimentSpec.builder("faults")
                .dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).build())
                .models("linear-regression")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("l2", Variant.of(Regularization.builder().l2(0.1).build()))
                .seeds(1, 2).epochs(epochs).batchSize(8).optimizer(Optimizer.sgd(0.1))
                .build();
    }

    private static final String VICTIM = TrialResult.idOf("linear-regression", "l2", 1);

    private static void assertOnlyTheVictimFailed(RunSummary s, String why) {
        assertEquals(4, s.results().size());
        for (TrialResult r : s.results()) {
            if (r.trialId().equals(VICTIM)) {
                assertEquals(TrialStatus.FAILED, r.status());
                assertTrue(r.message().contains(why), r.message());
                assertFalse(r.message().contains("\n"), r.message());
            } else {
                assertEquals(TrialStatus.OK, r.status(), r.trialId() + ": " + r.message());
            }
        }
    }

    private static RunSummary withOutOfMemoryIn(String trial, ExperimentRunner.Builder b) {
        System.setProperty(TrialRunner.OUT_OF_MEMORY_ON_TRIAL_PROPERTY, trial);
        try {
            return b.build().run();
        } finally {
            System.clearProperty(TrialRunner.OUT_OF_MEMORY_ON_TRIAL_PROPERTY);
        }
    }

    @Test
    void outOfMemoryInATrialIsAFailedTrialWithTheReasonAndTheRunGoesOn(@TempDir Path out) throws Exception {
        List<String> warnings = new ArrayList<>();
        RunSummary s = withOutOfMemoryIn(VICTIM, ExperimentRunner.builder().spec(spec(2)).outDir(out)
                .warnings(warnings::add));
        assertOnlyTheVictimFailed(s, "out of memory (Java heap space");
        TrialResult failed = s.results().stream().filter(r -> r.trialId().equals(VICTIM)).findFirst().orElseThrow();
        assertTrue(failed.message().contains("give the JVM more (REGZOO_JAVA_OPTS='-Xmx8g"), failed.message());
        assertEquals(List.of("trial " + VICTIM + " failed: " + failed.message()), warnings);
        assertEquals(4, Files.readAllLines(out.resolve(ResultsStore.FILE_NAME)).size());
    }

    @Test
    @Tag("subprocess")
    void outOfMemoryInAWorkerJvmIsAFailedTrialToo(@TempDir Path out) {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        RunSummary s = withOutOfMemoryIn(VICTIM, ExperimentRunner.builder().spec(spec(2)).outDir(out).workers(2)
                .warnings(warnings::add));
        assertOnlyTheVictimFailed(s, "out of memory (Java heap space");
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("trial " + VICTIM + " failed: out of memory")),
                warnings.toString());
    }

    @Test
    @Tag("subprocess")
    @Tag("slow")
    void aWorkerKilledBySignalMidTrialFailsOnlyThatTrialOnceAndTheRerunResumes(@TempDir Path out) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        RunListener killer = new RunListener() {
            @Override
            public void onEpoch(String trialId, EpochMetrics m) {
                // the victim has finished its first epoch of 30 in the (only) worker JVM: kill -9 that JVM
                if (trialId.equals(VICTIM) && m.epoch() == 1 && killed.compareAndSet(false, true)) {
                    ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly); // SIGKILL
                }
            }
        };
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        RunSummary s = ExperimentRunner.builder().spec(spec(30)).outDir(out).executor(new ChildJvmExecutor(1))
                .listener(killer).warnings(warnings::add).build().run();
        assertTrue(killed.get(), "the victim's worker was not killed");
        assertOnlyTheVictimFailed(s, "its worker JVM was killed by signal 9 (SIGKILL");
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("trial " + VICTIM + " failed: its worker JVM was killed")),
                warnings.toString());
        Path file = out.resolve(ResultsStore.FILE_NAME);
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertEquals(1, lines.stream().filter(l -> l.contains("\"" + VICTIM + "\"")).count(), "recorded once");
        byte[] before = Files.readAllBytes(file);
        RunSummary again = ExperimentRunner.builder().spec(spec(30)).outDir(out).warnings(warnings::add).build().run();
        assertEquals(0, again.ran());
        assertEquals(4, again.skipped());
        assertEquals(new String(before), Files.readString(file), "the re-run keeps every line as it was");
    }

    @Test
    void aSpecChangedBeforeTheResumeIsRefusedNamingWhatChangedAndNothingIsWritten(@TempDir Path out) throws Exception {
        ExperimentRunner.builder().spec(spec(2)).outDir(out).warnings(w -> { }).build().run();
        Path specFile = out.resolve("spec.json");
        byte[] spec = Files.readAllBytes(specFile);
        byte[] results = Files.readAllBytes(out.resolve(ResultsStore.FILE_NAME));
        ExperimentSpec changed = spec(3).toBuilder()
                .variant("l2", Variant.of(Regularization.builder().l2(0.2).build())).build();
        RegzooException e = assertThrows(RegzooException.class,
                () -> ExperimentRunner.builder().spec(changed).outDir(out).warnings(w -> { }).build().run());
        assertEquals(specFile + ": this folder's trials were run with a different spec (epochs: 2 → 3; "
                + "variants.l2.l2: 0.1 → 0.2); resuming would mix them under the same trial ids. Put those values "
                + "back, or use another --out for the new spec", e.getMessage());
        assertFalse(e instanceof io.regzoo.EnvironmentException, "a user mistake: exit status 2");
        assertEquals(new String(spec), Files.readString(specFile));
        assertEquals(new String(results), Files.readString(out.resolve(ResultsStore.FILE_NAME)));
    }

    @Test
    void moreSeedsFewerVariantsOrANewVariantStillResume(@TempDir Path out) {
        ExperimentRunner.builder().spec(spec(2)).outDir(out).warnings(w -> { }).build().run();
        ExperimentSpec more = spec(2).toBuilder().seeds(1, 2, 3)
                .variant("l1", Variant.of(Regularization.builder().l1(0.01).build())).build();
        RunSummary s = ExperimentRunner.builder().spec(more).outDir(out).warnings(w -> { }).build().run();
        assertEquals(4, s.skipped());
        assertEquals(9 - 4, s.ran());
        ExperimentSpec fewer = spec(2).toBuilder().onlyVariants(List.of("l2")).build();
        RunSummary f = ExperimentRunner.builder().spec(fewer).outDir(out).warnings(w -> { }).build().run();
        assertEquals(0, f.ran());
    }

    @Test
    void aTestLossThatTheLastUpdateMadeNonFiniteIsADivergedTrialAndTheRunGoesOn(@TempDir Path out) throws Exception {
        // no validation set, one minibatch, one epoch: the only minibatch score is finite, the weights after it are not
        ExperimentSpec s = ExperimentSpec.builder("test-stage")
                .dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).validationSplit(0).build())
                .models("linear-regression")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("huge", Variant.builder().optimizer(Optimizer.sgd(1e30)).build())
                .seeds(1).epochs(1).batchSize(40).optimizer(Optimizer.sgd(0.1)).build();
        RunSummary r = ExperimentRunner.builder().spec(s).outDir(out).warnings(w -> { }).build().run();
        assertEquals(2, r.results().size());
        TrialResult huge = r.results().stream().filter(t -> t.variant().equals("huge")).findFirst().orElseThrow();
        assertEquals(TrialStatus.DIVERGED, huge.status());
        assertTrue(huge.message().matches("loss became (NaN|Infinity) on the test set after training"), huge.message());
        assertTrue(Double.isFinite(huge.history().get(0).trainLoss()), "the minibatch itself was finite");
        assertTrue(Double.isNaN(huge.testLoss()), "no score is recorded for a diverged trial");
        TrialResult base = r.results().stream().filter(t -> t.variant().equals("baseline")).findFirst().orElseThrow();
        assertEquals(TrialStatus.OK, base.status(), base.message());
        for (String line : Files.readAllLines(out.resolve(ResultsStore.FILE_NAME))) {
            TrialCodec.fromJson(line); // every line a complete result
        }
    }

    @Test
    void specChangesListEveryChangedKeyAndIgnoreTheGridAndTheReportOnly() {
        ExperimentSpec a = spec(2);
        ExperimentSpec b = a.toBuilder().seeds(5, 6).batchSize(4).optimizer(Optimizer.sgd(0.5))
                .variant("new", Variant.of(Regularization.builder().l1(0.1).build())).build();
        assertEquals(List.of("batchSize: 8 → 4", "optimizer.learningRate: 0.1 → 0.5"),
                SpecChange.changes(a.toTree(), b.toTree()));
        assertEquals(List.of(), SpecChange.changes(a.toTree(), a.toBuilder().seeds(9).build().toTree()));
    }
}
