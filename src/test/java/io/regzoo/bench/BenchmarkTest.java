package io.regzoo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regzoo.cli.Main;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end on tiny synthetic runs: every row measured, ratios recomputed from the
 * measured numbers, JSON equal to the report. No timing is asserted (the machine is shared).
 */
@org.junit.jupiter.api.Tag("subprocess")
class BenchmarkTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void tinyRunMeasuresEveryEngineAndTheRatiosComeFromItsNumbers(@TempDir Path tmp) throws Exception {
        BenchReport r = Benchmark.builder().models(List.of("mnist-cnn", "mlp-classifier")).batches(List.of(16)).warmup(2)
                .timed(4).repeats(2).pairedRounds(3).pairedStepsPerRound(2).synthetic(true).sgemmSize(64).log(QUIET).build().run();
        assertEquals(2, r.rows().size());
        boolean torch = r.torchSgemmGflops() != null;
        for (BenchReport.Row row : r.rows()) {
            assertEquals(16, row.batch());
            assertEquals(4, row.timedBatches());
            assertTrue(row.regzoo() > 0 && row.raw() > 0, row.toString());
            assertEquals(2, row.regzooRuns().size(), "one speed per run");
            assertEquals(2, row.rawRuns().size(), "one speed per run");
            assertEquals((row.rawRuns().get(0) + row.rawRuns().get(1)) / 2, row.raw(), 1e-9, "median of two runs");
            assertTrue(row.regzooRss() > 100L << 20 && row.rawRss() > 100L << 20, "a JVM with ND4J holds > 100 MiB: " + row);
            assertEquals(2, row.regzooRssRuns().size(), "one peak RSS per run");
            assertEquals(2, row.rawRssRuns().size(), "one peak RSS per run");
            assertEquals(Math.min(row.rawRssRuns().get(0), row.rawRssRuns().get(1)), row.rawRss(), "median of two: the lower");
            assertNotNull(row.paired(), "the one-JVM wrapper measurement ran");
            assertEquals(3, row.paired().rounds());
            assertTrue(row.paired().ratio() > 0 && row.paired().low() <= row.paired().ratio()
                    && row.paired().ratio() <= row.paired().high(), row.paired().toString());
            assertNotNull(row.pairedSameBatches(), "the raw loop over the Trainer's own batches ran");
            assertEquals(row.paired().regzooRounds(), row.pairedSameBatches().regzooRounds(), "the same Trainer rounds");
            assertTrue(row.pairedSameBatches().rawRounds().stream().allMatch(v -> v > 0)
                    && !row.pairedSameBatches().rawRounds().equals(row.paired().rawRounds()), row.pairedSameBatches().toString());
            assertEquals(row.regzoo() / row.raw(), row.wrapperRatio(), 1e-12);
            if (torch) {
                assertNotNull(row.pytorch(), row.toString());
                assertEquals(2, row.pytorchRuns().size(), "one speed per run");
                assertTrue(row.pytorch() > 0 && row.pytorchRss() > 0, row.toString());
                assertEquals(2, row.pytorchRssRuns().size(), "one peak RSS per run");
                assertEquals(row.regzoo() / row.pytorch(), row.vsPytorch(), 1e-12);
            } else {
                assertEquals(null, row.vsPytorch());
            }
        }
        assertTrue(torch || r.torch().startsWith("not installed"), r.torch());
        assertTrue(r.sgemmGflops() > 0);
        assertEquals("conv/pool/dense: regzoo's oneDNN 2.5.2 layers; DL4J helpers: oneDNN", r.environment().get("layerHelpers"),
                "the child JVMs ran regzoo's oneDNN layers, and DL4J's helpers for the other layers");
        assertEquals("regzoo's FusedAdam", r.environment().get("adam"));
        assertTrue(r.environment().get("nativeBuild").contains("HAVE_ONEDNN"), r.environment().get("nativeBuild"));

        Path json = tmp.resolve("b/bench.json");
        r.writeJson(json);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, j.get("rows").size());
        for (int i = 0; i < 2; i++) {
            JsonNode row = j.get("rows").get(i);
            BenchReport.Row want = r.rows().get(i);
            assertEquals(want.model(), row.get("model").asText());
            assertEquals(want.regzoo(), row.get("regzooSamplesPerSecond").asDouble(), 0);
            assertEquals(want.regzooRuns().get(1), row.get("regzooRuns").get(1).asDouble(), 0);
            assertEquals(row.get("regzooSamplesPerSecond").asDouble() / row.get("rawSamplesPerSecond").asDouble(),
                    row.get("regzooOverRaw").asDouble(), 1e-12);
            for (int run = 0; run < 2; run++) { // every run's peak RSS, not one per engine
                assertEquals((long) want.regzooRssRuns().get(run), row.get("regzooRunsPeakRssBytes").get(run).asLong());
                assertEquals((long) want.rawRssRuns().get(run), row.get("rawRunsPeakRssBytes").get(run).asLong());
            }
            assertEquals(want.paired().ratio(), row.get("paired").get("regzooOverRaw").asDouble(), 1e-12);
            assertEquals(3, row.get("paired").get("regzooRoundSamplesPerSecond").size());
            assertEquals(want.pairedSameBatches().ratio(), row.get("pairedSameBatches").get("regzooOverRaw").asDouble(), 1e-12);
        }
        assertEquals(r.sgemmGflops() * 1e9 / r.cnnFlopsPerSample(), j.get("cnnComputeBoundSamplesPerSecond").asDouble(), 1e-6);
        String table = r.table();
        assertTrue(table.contains("| mnist-cnn | 16 |") && table.contains("| mlp-classifier | 16 |"), table);
        assertTrue(table.contains("Peak RSS: each run's own peak (VmHWM of its process at its end), the median over the 2 runs,"
                + " the largest in brackets."), table);
        assertTrue(table.contains("regzoo/raw in one JVM") && table.contains("3 alternating rounds of 2 minibatches"), table);
    }

    /** 6 steps of 30,000 examples: 2 distinct minibatches, so every engine cycles through the data 3 times. */
    @Test
    void runsLongerThanTheDataCycleThroughIt() throws Exception {
        assertEquals(2, Benchmark.passBatches(30_000, 6));
        BenchReport r = Benchmark.builder().models(List.of("mlp-classifier")).batches(List.of(30_000)).warmup(2)
                .timed(4).repeats(1).pairedRounds(0).synthetic(true).sgemmSize(64).log(QUIET).build().run();
        BenchReport.Row row = r.rows().get(0);
        assertEquals(2, row.warmupBatches());
        assertEquals(4, row.timedBatches());
        assertTrue(row.regzoo() > 0 && row.raw() > 0, row.toString());
        assertTrue(row.pytorch() == null || row.pytorch() > 0, row.toString());
    }

    /** conv1 26·26·32·9 + conv2 11·11·64·288 + dense 1600·64 + output 64·10 MACs, ×2 FLOPs, ×3 for training. */
    @Test
    void cnnFlopsAreCountedFromTheLayerShapes() {
        double macs = 26 * 26 * 32 * 9 + 11 * 11 * 64 * 288 + 1600 * 64 + 64 * 10;
        assertEquals(6 * macs, Benchmark.cnnTrainingFlopsPerSample(), 0);
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Benchmark.builder().models(List.of("linear-regression")).build());
        assertTrue(e.getMessage().contains("linear-regression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Benchmark.builder().repeats(0).build());
        assertTrue(e.getMessage().contains("repeats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Benchmark.builder().pairedRounds(-1).build());
        assertTrue(e.getMessage().contains("paired rounds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Benchmark.builder().batches(List.of(0)).build());
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        assertThrows(io.regzoo.RegzooException.class, () -> Benchmark.builder().models(List.of("no-such-net")).build());
        Benchmark b = Benchmark.builder().build();
        assertEquals(50, b.warmupBatches("mnist-cnn"));
        assertEquals(500, b.warmupBatches("mlp-classifier"));
        assertEquals(200, b.timedBatches("mnist-cnn"));
        assertEquals(600, b.timedBatches("mlp-classifier"));
        assertEquals(10, b.pairedStepsPerRound("mnist-cnn"));
        assertEquals(50, b.pairedStepsPerRound("mlp-classifier"));
        assertEquals(7, Benchmark.builder().warmup(7).build().warmupBatches("mlp-classifier"));
        assertEquals(10, Benchmark.passBatches(64, 10));
        assertEquals(60_000 / 256, Benchmark.passBatches(256, 1100), "longer runs cycle through MNIST");
    }

    @Test
    void commandWritesJsonAndMarkdown(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("bench");
        int code = Main.run("bench", "--synthetic", "--no-torch", "--models", "mlp-classifier", "--batch", "8",
                "--warmup-batches", "1", "--batches", "3", "--repeats", "1", "--paired-rounds", "2", "--out", out.toString());
        assertEquals(0, code);
        JsonNode j = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        assertEquals("mlp-classifier", j.get("rows").get(0).get("model").asText());
        assertTrue(j.get("pytorch").asText().startsWith("skipped"), j.get("pytorch").asText());
        assertTrue(Files.readString(out.resolve("bench.md")).contains("| mlp-classifier | 8 |"));
        assertEquals(2, j.get("rows").get(0).get("paired").get("rounds").asInt());
        assertEquals(Main.EXIT_USAGE, Main.run("bench", "--models", "linear-regression", "--out", out.toString()));
    }
}
