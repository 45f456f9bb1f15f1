package io.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import io.regzoo.experiment.SweepOutcome;
import io.regzoo.experiment.SweepRun;
import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialStatus;
import io.regzoo.experiment.Variant;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.report.ResultsFile;
import io.regzoo.sweep.Choice;
import io.regzoo.sweep.Dimension;
import io.regzoo.sweep.SearchSpace;
import io.regzoo.sweep.SweepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine in Spark's local mode ({@code local[2]}, executors in this JVM): the same trials, once. */
@Tag("slow")
class SparkLocalTest {

    private static SparkExecutor spark;

    @BeforeAll
    static void start() {
        spark = SparkExecutor.create("local[2]", 1, Map.of());
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** Two linear-regression variants x two seeds (doc1-linear-like), a few epochs. */
    static ExperimentSpec spec(long... seeds) {
        return spec(List.of("linear-regression"), seeds);
    }

    static ExperimentSpec spec(List<String> models, long... seeds) {
        return ExperimentSpec.builder("spark-tiny")
                .dataset(DatasetSpec.builder("linear").trainSize(60).testSize(30).build())
                .models(models)
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("l2", Variant.of(Regularization.builder().l2(0.1).build()))
                .seeds(seeds).epochs(3).batchSize(8).optimizer(Optimizer.sgd(0.1))
                .build();
    }

    static RunSummary run(ExperimentSpec s, Path out, SparkExecutor ex) {
        ExperimentRunner.Builder b = ExperimentRunner.builder().spec(s).outDir(out).warnings(w -> { });
        if (ex != null) {
            b.executor(ex);
        }
        return b.build().run();
    }

    /**
     * Per-trial metrics of two runs agree within float tolerance, trial by trial.
     *
     * @param local the local engine's results
     * @param remote the Spark engine's
     */
    static void assertSameTrials(List<TrialResult> local, List<TrialResult> remote) {
        assertEquals(local.size(), remote.size());
        Map<String, TrialResult> byId = new java.util.HashMap<>();
        remote.forEach(r -> byId.put(r.trialId(), r));
        for (TrialResult l : local) {
            TrialResult r = byId.get(l.trialId());
            assertNotNull(r, l.trialId());
            assertEquals(l.status(), r.status(), l.trialId());
            assertEquals(l.trainLoss(), r.trainLoss(), 1e-4 * Math.max(1, Math.abs(l.trainLoss())), l.trialId());
            assertEquals(l.testLoss(), r.testLoss(), 1e-4 * Math.max(1, Math.abs(l.testLoss())), l.trialId());
            assertEquals(l.weightNorm(), r.weightNorm(), 1e-4 * Math.max(1, l.weightNorm()), l.trialId());
            assertEquals(l.epochsRun(), r.epochsRun(), l.trialId());
            assertEquals(l.provenance().data().checksums(), r.provenance().data().checksums(), l.trialId());
        }
    }

    @Test
    void localTwoRecordsTheLocalEnginesTrialsOnceWithTheExecutorInTheirProvenance(@TempDir Path tmp) throws Exception {
        RunSummary local = run(spec(1, 2), tmp.resolve("local"), null);
        RunSummary remote = run(spec(1, 2), tmp.resolve("spark"), spark);
        assertEquals(4, remote.ran());
        assertSameTrials(local.results(), remote.results());
        assertEquals(4, Files.readAllLines(tmp.resolve("spark/results.jsonl")).size(), "one line per trial");
        for (TrialResult r : remote.results()) {
            assertEquals("spark", r.provenance().executor().engine());
            assertEquals("local[2]", r.provenance().executor().master());
            assertNotNull(r.provenance().executor().host());
            assertEquals(0, r.provenance().executor().attempt());
            assertTrue(r.provenance().data().checksum("sha256", "train").isPresent(), "the data's checksum");
            assertEquals(null, local.results().get(0).provenance().executor(), "the local engine records none");
        }
    }

    @Test
    void eitherEngineSkipsWhatTheOtherFinished(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        assertEquals(2, run(spec(1), out, null).ran());
        RunSummary s = run(spec(1, 2), out, spark);
        assertEquals(2, s.skipped());
        assertEquals(2, s.ran());
        RunSummary again = run(spec(1, 2, 3), out, null);
        assertEquals(4, again.skipped());
        assertEquals(2, again.ran());
        assertEquals(6, again.results().size());
    }

    @Test
    void aTrialThatFailsByItselfIsRecordedFailedOnceAndTheOthersRun(@TempDir Path tmp) throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        ExperimentSpec s = spec(List.of("linear-regression", "mlp-classifier"), 1);
        System.setProperty(SparkTrial.MARK_DIR_PROPERTY, marks.toString());
        try {
            RunSummary r = run(s, tmp.resolve("out"), spark);
            assertEquals(4, r.results().size());
            long failed = r.results().stream().filter(x -> x.status() == TrialStatus.FAILED).count();
            assertEquals(2, failed, "the classifier cannot fit a regression dataset: failed, not thrown");
            assertEquals(2, r.count(TrialStatus.OK));
            try (var files = Files.list(marks)) {
                assertEquals(4, files.count(), "each trial ran once: a failed trial is not retried");
            }
        } finally {
            System.clearProperty(SparkTrial.MARK_DIR_PROPERTY);
        }
    }

    @Test
    void interruptingTheDriverCancelsTheJobsAndKeepsFinishedTrials(@TempDir Path tmp) throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Path out = tmp.resolve("out");
        assertEquals(2, run(spec(1), out, null).ran());
        System.setProperty(SparkTrial.MARK_DIR_PROPERTY, marks.toString());
        System.setProperty(SparkTrial.HOLD_MS_PROPERTY, "60000");
        AtomicReference<RunSummary> got = new AtomicReference<>();
        Thread driver = new Thread(() -> got.set(run(spec(1, 2), out, spark)));
        long t0 = System.nanoTime();
        try {
            driver.start();
            while (!hasFiles(marks)) {
                Thread.sleep(50);
            }
            driver.interrupt();
            driver.join(30_000);
        } finally {
            System.clearProperty(SparkTrial.HOLD_MS_PROPERTY);
            System.clearProperty(SparkTrial.MARK_DIR_PROPERTY);
        }
        assertFalse(driver.isAlive());
        assertTrue((System.nanoTime() - t0) / 1e9 < 40, "cancelled, not waited for");
        assertTrue(got.get().interrupted());
        assertEquals(2, got.get().results().size(), "finished trials kept, the cancelled ones not recorded");
        RunSummary resumed = run(spec(1, 2), out, spark);
        assertEquals(2, resumed.skipped());
        assertEquals(4, resumed.results().size());
    }

    private static boolean hasFiles(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    @Test
    void aPruningSweepRunsItsUnitsOnSparkWithTheLocalScores(@TempDir Path tmp) throws Exception {
        ExperimentSpec s = ExperimentSpec.builder("sweep-on-spark")
                .dataset(DatasetSpec.builder("blobs").trainSize(120).testSize(60).build())
                .models("mlp-classifier").variant("baseline", Variant.builder().build()).seeds(1).epochs(3)
                .batchSize(32).optimizer(Optimizer.adam(1e-2)).build();
        SweepConfig cfg = new SweepConfig(new SearchSpace(List.of(Dimension.parseArg("l2=0,1e-2,1", 1))), "asha", 2,
                1, 3, 2, Choice.BEST);
        SweepOutcome local = SweepRun.builder().spec(s).config(cfg).outDir(tmp.resolve("local")).refit(true)
                .warnings(w -> { }).build().run();
        SweepOutcome remote = SweepRun.builder().spec(s).config(cfg).outDir(tmp.resolve("spark")).refit(true)
                .executor(spark).warnings(w -> { }).build().run();
        assertTrue(remote.finished());
        assertEquals(local.chosen(), remote.chosen());
        assertEquals(local.epochsSpent(), remote.epochsSpent());
        assertSameTrials(ResultsFile.read(tmp.resolve("local/results.jsonl")).trials(),
                ResultsFile.read(tmp.resolve("spark/results.jsonl")).trials());
        // the refit (baseline and chosen setting, the spec's seeds) ran on Spark too
        List<TrialResult> refit = ResultsFile.read(tmp.resolve("spark").resolve(SweepRun.REFIT_DIR)
                .resolve("results.jsonl")).trials();
        assertFalse(refit.isEmpty());
        assertTrue(refit.stream().allMatch(r -> r.provenance().executor() != null), "recorded by the Spark engine");
        assertSameTrials(ResultsFile.read(tmp.resolve("local").resolve(SweepRun.REFIT_DIR).resolve("results.jsonl"))
                .trials(), refit);
    }
}
