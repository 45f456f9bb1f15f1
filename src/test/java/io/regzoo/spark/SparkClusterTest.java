package io.regzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.cli.Main;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import io.regzoo.experiment.TrialResult;
import io.regzoo.train.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine on a real standalone cluster started here: a master and two single-core workers on
 * 127.0.0.1, each its own JVM. Same trials as the local engine; a worker killed mid-trial; the driver killed.
 */
@Tag("slow")
@Tag("subprocess")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {

    /** The trial whose first attempt waits (so that its executor or the driver can be killed mid-trial). */
    private static final String HELD = "linear-regression/l2/2";

    @TempDir
    static Path tmp;
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2, 1024);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, String> settings(Path marks, boolean hold) {
        String opts = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -D" + SparkTrial.MARK_DIR_PROPERTY + "=" + marks;
        if (hold) {
            opts += " -D" + SparkTrial.HOLD_MS_PROPERTY + "=120000 -D" + SparkTrial.HOLD_TRIAL_PROPERTY + "=" + HELD;
        }
        return Map.of("spark.executor.memory", "1g", "spark.executor.extraJavaOptions", opts);
    }

    private static Path await(Path file, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < end, "no " + file + " within " + seconds + " s");
            Thread.sleep(100);
        }
        return file;
    }

    private static Path mark(Path marks, String trial, int attempt) {
        return marks.resolve(trial.replace('/', '_') + "." + attempt);
    }

    private static Map<String, Long> linesPerTrial(Path results) throws IOException {
        return Files.readAllLines(results).stream().filter(l -> !l.isBlank())
                .map(l -> l.replaceAll(".*\"trialId\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    @Test
    @Order(1)
    void sameTrialsAsTheLocalEngineAndAWorkerKilledMidTrialCostsNothing() throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks1"));
        RunSummary local = SparkLocalTest.run(SparkLocalTest.spec(1, 2), tmp.resolve("local"), null);
        Path out = tmp.resolve("spark");
        AtomicReference<RunSummary> got = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (SparkExecutor spark = SparkExecutor.create(cluster.url(), 1, settings(marks, true))) {
            Thread driver = new Thread(() -> {
                try {
                    got.set(SparkLocalTest.run(SparkLocalTest.spec(1, 2), out, spark));
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            driver.start();
            long pid = Long.parseLong(Files.readString(await(mark(marks, HELD, 0), 180)).trim());
            Optional<ProcessHandle> worker = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
            Process victim = cluster.workers().stream().filter(p -> worker.isPresent() && p.pid() == worker.get().pid())
                    .findFirst().orElseThrow(() -> new AssertionError("executor " + pid + " is no worker's child"));
            StandaloneCluster.kill(victim); // the worker and its executor, in the middle of the held trial
            driver.join(180_000);
            assertTrue(!driver.isAlive(), "the run finished on the other worker");
        }
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
        RunSummary remote = got.get();
        SparkLocalTest.assertSameTrials(local.results(), remote.results());
        assertEquals(Map.of("linear-regression/baseline/1", 1L, "linear-regression/l2/1", 1L,
                "linear-regression/baseline/2", 1L, HELD, 1L), linesPerTrial(out.resolve("results.jsonl")),
                "every trial recorded once");
        assertTrue(Files.exists(mark(marks, HELD, 1)), "Spark ran the killed trial again");
        TrialResult held = remote.results().stream().filter(r -> r.trialId().equals(HELD)).findFirst().orElseThrow();
        assertTrue(held.provenance().executor().attempt() >= 1, "the recorded result is the retry's");
        assertEquals(cluster.url(), held.provenance().executor().master());
    }

    @Test
    @Order(2)
    void aKilledDriverResumesWhereItStopped() throws Exception {
        if (cluster.workers().stream().filter(Process::isAlive).count() < 2) {
            cluster.addWorker();
        }
        Path marks = Files.createDirectories(tmp.resolve("marks2"));
        Path out = tmp.resolve("driver-killed");
        ExperimentSpec spec = SparkLocalTest.spec(1, 2);
        Path specFile = tmp.resolve("tiny.json");
        Files.writeString(specFile, spec.toJson());
        String opts = settings(marks, true).get("spark.executor.extraJavaOptions");
        ProcessBuilder pb = ChildJvm.builder(Main.class).heapMb(1024).args(List.of("compare", specFile.toString(),
                "--out", out.toString(), "--quiet", "--engine", "spark", "--master", cluster.url(),
                "--spark-conf", "spark.executor.memory=1g", "--spark-conf", "spark.executor.extraJavaOptions=" + opts))
                .build().processBuilder();
        Process driver = pb.redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile()).start();
        try {
            await(mark(marks, HELD, 0), 180);
            long end = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(out.resolve("results.jsonl"))
                    || linesPerTrial(out.resolve("results.jsonl")).size() < 3) {
                assertTrue(System.nanoTime() < end && driver.isAlive(), "the driver recorded the other trials; see "
                        + tmp.resolve("driver.log"));
                Thread.sleep(100);
            }
        } finally {
            StandaloneCluster.kill(driver); // kill -9, mid-trial
        }
        assertEquals(3, linesPerTrial(out.resolve("results.jsonl")).size());
        try (SparkExecutor spark = SparkExecutor.create(cluster.url(), 1, settings(marks, false))) {
            RunSummary resumed = SparkLocalTest.run(spec, out, spark);
            assertEquals(3, resumed.skipped());
            assertEquals(1, resumed.ran());
        }
        assertEquals(4, linesPerTrial(out.resolve("results.jsonl")).size());
        assertTrue(linesPerTrial(out.resolve("results.jsonl")).values().stream().allMatch(n -> n == 1));
        assertTrue(driver.waitFor(10, TimeUnit.SECONDS));
    }
}
