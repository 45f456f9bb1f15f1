package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diverging {@code train} is a result, never a crash, never saved: one line, exit status 3, no
 * model and no training record that {@code predict} or {@code card} would trust.
 */
class TrainDivergenceTest {

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertOneDivergenceLine(CliRun r, String model) {
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("regzoo: training " + model + " diverged: loss became "), line);
        assertTrue(line.contains(" at epoch ") && line.contains("minibatch"), line);
        assertTrue(line.contains("nothing saved") && line.contains("try a lower --lr (it was 1.00e+09)"), line);
        assertFalse(r.out().contains("saved "), r.out());
        assertFalse(r.out().contains("test loss"), r.out());
    }

    @Test
    void aDivergedLinearRegressionIsExitThreeOneLineAndSavesNothing(@TempDir Path out) throws IOException {
        Path model = out.resolve("lin.zip");
        CliRun r = CliRun.expect(TrainCommand.EXIT_DIVERGED, "train", "--model", "linear-regression", "--dataset",
                "linear", "--lr", "1e9", "--epochs", "3", "--save", model.toString());
        System.out.println("diverged train: " + r.err().strip());
        assertOneDivergenceLine(r, "linear-regression");
        assertEquals(List.of(), files(out), "nothing written, not even a temporary file");
    }

    @Test
    void aDivergedRunLeavesAnEarlierGoodModelAndRecordAsTheyWere(@TempDir Path out) throws IOException {
        Path model = out.resolve("lin.zip");
        CliRun.expect(0, "train", "--model", "linear-regression", "--dataset", "linear", "--epochs", "3",
                "--save", model.toString());
        byte[] zip = Files.readAllBytes(model);
        byte[] record = Files.readAllBytes(out.resolve("lin.train.json"));
        byte[] card = Files.readAllBytes(out.resolve("lin.json")); // train writes the model card too (issue 13)
        byte[] cardMd = Files.readAllBytes(out.resolve("lin.md"));
        CliRun r = CliRun.expect(TrainCommand.EXIT_DIVERGED, "train", "--model", "linear-regression", "--dataset",
                "linear", "--lr", "1e9", "--epochs", "3", "--save", model.toString());
        assertOneDivergenceLine(r, "linear-regression");
        assertTrue(r.err().contains("the existing " + model + " is left as it was"), r.err());
        assertArrayEquals(zip, Files.readAllBytes(model));
        assertArrayEquals(record, Files.readAllBytes(out.resolve("lin.train.json")));
        assertArrayEquals(card, Files.readAllBytes(out.resolve("lin.json")));
        assertArrayEquals(cardMd, Files.readAllBytes(out.resolve("lin.md")));
        assertEquals(List.of("lin.json", "lin.md", "lin.train.json", "lin.zip"), files(out));
    }

    @Test
    void aDivergedCnnOnMnistIsExitThreeWithoutAStackTrace(@TempDir Path out) throws IOException {
        Path cached = Path.of(System.getProperty("user.home"), ".deeplearning4j", "data", "MNIST",
                "train-images-idx3-ubyte");
        if (!Files.exists(cached)) {
            System.out.println("SKIPPED: MNIST is not cached at " + cached);
        }
        Assumptions.assumeTrue(Files.exists(cached), "MNIST is not cached on this machine");
        CliRun r = CliRun.expect(TrainCommand.EXIT_DIVERGED, "train", "--model", "mnist-cnn", "--dataset", "mnist",
                "--lr", "1e9", "--epochs", "1", "--train-size", "300", "--test-size", "100", "--save",
                out.resolve("cnn.zip").toString());
        System.out.println("diverged cnn: " + r.err().strip());
        assertOneDivergenceLine(r, "mnist-cnn");
        assertFalse(r.err().contains("Exception") || r.out().contains("Exception"), r.err());
        assertEquals(List.of(), files(out));
    }

    @Test
    void helpDocumentsTheExitStatuses() {
        String help = CliRun.expect(0, "train", "--help").out();
        assertTrue(help.contains("Exit status:"), help);
        assertTrue(help.replaceAll("[ \\t]+", " ").contains(" 3 the training diverged (loss NaN or infinite); nothing saved"),
                help);
    }
}
