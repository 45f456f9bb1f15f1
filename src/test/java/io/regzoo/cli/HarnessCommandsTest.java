package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void compareRunsASuiteIntoOneFolderAndListsWhatHasNoPlace(@TempDir Path out) throws IOException {
        Path suite = Files.writeString(out.resolve("suite.yaml"), String.join("\n",
                "suite: regressors",
                "models: [linear-regression, mlp-regressor]",
                "seeds: [1]",
                "variants:",
                "  baseline: {}",
                "  l2: {l2: 0.1}",
                "  dropout: {dropoutRate: 0.25, dropoutBeforeOutput: true}",
                "data:",
                "  regression: {dataset: {name: default}, epochs: 2, batchSize: 16}",
                ""));
        Path dir = out.resolve("run");
        CliRun r = CliRun.expect(0, "compare", suite.toString(), "--out", dir.toString(), "--quiet");
        assertEquals(2 + 3, Files.readAllLines(dir.resolve("results.jsonl")).size(), "one results file for both networks");
        assertTrue(Files.exists(dir.resolve("specs/regressors-linear-regression.json")), "each part's spec");
        assertTrue(Files.exists(dir.resolve("specs/regressors-mlp-regressor.json")), "each part's spec");
        assertFalse(Files.exists(dir.resolve("spec.json")));
        String na = Files.readString(dir.resolve("not-applicable.json"));
        assertTrue(na.contains("\"model\" : \"linear-regression\"") && na.contains("\"variant\" : \"dropout\"")
                && na.contains("no hidden layer"), na);
        assertTrue(r.out().contains("suite regressors: 2 networks, 5 trials"), r.out());
        assertTrue(r.out().contains("linear-regression / dropout") && r.out().contains("has no hidden layer"), r.out());
        assertTrue(r.out().contains("linear-regression — test loss over seeds") && r.out().contains("mlp-regressor — test loss"),
                "the last table covers every part: " + r.out());
        assertTrue(r.err().isEmpty() || !r.err().contains("spec differs"), r.err());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("linear-regression") && report.contains("mlp-regressor"), "one report for both");
        assertEquals(1, r.out().split("report: ", -1).length - 1, "the report is rendered once, after the last part: "
                + r.out());
        assertEquals(1, r.out().split("linear-regression — test loss over seeds", -1).length - 1, r.out());
        // What has no place is in the report too, outside the comparisons.
        String section = report.substring(report.indexOf("## linear-regression"), report.indexOf("## mlp-regressor"));
        assertTrue(section.contains("### Not applicable") && section.contains("- ~~dropout~~: ")
                && section.contains("no hidden layer"), section);
        assertFalse(section.contains("| dropout |"), "dropout is not a row of linear-regression's table: " + section);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"notApplicable\"") && summary.contains("no hidden layer"), summary);
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<li><s>dropout</s>: "));

        CliRun again = CliRun.expect(0, "compare", suite.toString(), "--out", dir.toString(), "--quiet", "--variants", "l2");
        assertTrue(again.out().contains("suite regressors: 2 networks, 2 trials") && again.out().contains("ran 0 now, skipped 1"),
                again.out());
        assertFalse(again.out().contains("linear-regression / dropout"), again.out());
        assertEquals(5, Files.readAllLines(dir.resolve("results.jsonl")).size());
    }

    @Test
    void compareKnowsTheBuiltInSuiteByName(@TempDir Path out) {
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "compare", "zoo-regularizers", "--out", out.toString(), "--variants", "l3");
        assertTrue(r.err().contains("unknown variant 'l3'; suite zoo-regularizers has"), r.err());
        CliRun unknown = CliRun.expect(Main.EXIT_USAGE, "compare", "no-such-spec", "--out", out.toString());
        assertTrue(unknown.err().contains("built-in suites: zoo-regularizers"), unknown.err());
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
