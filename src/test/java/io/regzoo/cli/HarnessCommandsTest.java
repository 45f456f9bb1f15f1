package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare, sweep and train end to end through the command line, on tiny synthetic data. */
class HarnessCommandsTest {

    @Test
    void compareRunsResumesAndWritesTheReport(@TempDir Path out) throws IOException {
        CliRun first = CliRun.expect(0, "compare", "doc1-linear-l2", "--out", out.toString(), "--seeds", "1,2", "--epochs", "5",
                "--quiet");
        assertEquals(4, Files.readAllLines(out.resolve("results.jsonl")).size());
        assertTrue(Files.size(out.resolve("index.html")) > 10_000, "report written");
        assertTrue(first.out().contains("linear-regression — test loss over seeds"), first.out());
        assertTrue(first.out().contains("(baseline)") && first.out().contains("  l2 "), first.out());

        CliRun again = CliRun.expect(0, "compare", "doc1-linear-l2", "--out", out.toString(), "--seeds", "1,2", "--epochs", "5",
                "--quiet");
        assertTrue(again.out().contains("ran 0 now, skipped 4"), again.out());
        assertEquals(4, Files.readAllLines(out.resolve("results.jsonl")).size());
    }

    @Test
    void aBadSpecIsOneLineAndStatusTwo(@TempDir Path out) {
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "compare", "no-such-spec", "--out", out.toString());
        assertTrue(r.err().startsWith("regzoo: ") && r.err().strip().lines().count() == 1, r.err());
    }

    @Test
    void sweepPicksAValueAndDrawsTheValidationCurve(@TempDir Path out) throws IOException {
        CliRun r = CliRun.expect(0, "sweep", "--model", "linear-regression", "--dataset", "sparse20", "--param", "l2",
                "--values", "0,1,1000", "--folds", "2", "--epochs", "5", "--out", out.toString(), "--quiet");
        assertTrue(r.out().contains("<- chosen"), r.out());
        assertTrue(Files.exists(out.resolve("sweep.json")));
        assertTrue(Files.readString(out.resolve("index.html")).contains("data:image/png;base64,"), "curve embedded");
    }

    @Test
    void trainSavesAModelDl4jCanLoad(@TempDir Path out) throws IOException {
        Path model = out.resolve("m.zip");
        CliRun.expect(0, "train", "--model", "mlp-regressor", "--dataset", "regression10", "--l2", "0.01", "--epochs", "3",
                "--save", model.toString());
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        assertEquals(121, net.numParams());
        String record = Files.readString(out.resolve("m.train.json"));
        assertTrue(record.contains("\"command\" : \"./regzoo train --model mlp-regressor"), record);
        assertTrue(record.contains("\"l2\" : 0.01"), record);
    }

    @Test
    void trainWithoutRegularizationFlagsKeepsTheZooDefault(@TempDir Path out) throws IOException {
        CliRun.expect(0, "train", "--model", "mlp-classifier", "--dataset", "blobs", "--epochs", "1",
                "--save", out.resolve("c.zip").toString());
        String record = Files.readString(out.resolve("c.train.json"));
        assertTrue(record.contains("\"l2\" : 0.01") && record.contains("\"l2Bias\" : 0.01"),
                "mlp-classifier keeps the document's kernel and bias L2: " + record);
    }
}
