package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.DatasetId;
import io.regzoo.data.MnistSample;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.ImageDataSource;
import io.regzoo.zoo.ModelCard;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A model saved by {@code regzoo train --save DIR/NAME.zip} is usable by {@code regzoo predict
 * --model NAME --models-dir DIR} at once: train writes the model card next to the weights.
 */
class TrainThenPredictTest {

    /** {@code regzoo train ARGS} on the shipped MNIST sample in place of the full data. */
    private static CliRun train(String... args) {
        DataSources sample = DataSources.defaults().with("mnist", ImageDataSource.of(DatasetId.MNIST, MnistSample.load()));
        return CliRun.on(Main.withErrorHandling(new CommandLine(new TrainCommand(sample))), args);
    }

    @Test
    void predictUsesAModelRightAfterTrainWithoutRegzooCard(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("digits.zip");
        CliRun t = train("--model", "mlp-classifier", "--dataset", "mnist", "--epochs", "2", "--learning-rate", "0.003",
                "--save", zip.toString()).expect(0);
        for (String f : List.of("digits.zip", "digits.train.json", "digits.json", "digits.md")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " written by train: " + t.out());
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        assertTrue(t.out().contains("saved " + zip + ", its training record digits.train.json and its model card digits.md"
                + " (use it with 'regzoo predict --model digits --models-dir " + dir.toAbsolutePath()), t.out());
        ModelCard card = ModelCard.read(dir.resolve("digits.json"));
        assertEquals("mlp-classifier", card.model());
        assertEquals(ModelCard.sha256(zip), card.weightsSha256());
        Matcher acc = Pattern.compile("test accuracy (\\d+\\.\\d\\d)%").matcher(t.out());
        assertTrue(acc.find(), t.out());

        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        for (Path p : List.of(images, labels)) {
            try (InputStream in = getClass().getResourceAsStream("/mnist-sample/" + p.getFileName())) {
                Files.copy(in, p);
            }
        }
        String out = CliRun.expect(0, "predict", "--model", "digits", "--models-dir", dir.toString(), "--quiet",
                "--labels", labels.toString(), images.toString()).out();
        Matcher m = Pattern.compile("accuracy (0\\.\\d{4}|1\\.0000) \\((\\d+) of 200 correct\\) with model digits").matcher(out);
        assertTrue(m.find(), out);
        // predict classifies the sample's test set, the data train measured its test accuracy on
        assertEquals(Double.parseDouble(acc.group(1)) / 100, Double.parseDouble(m.group(1)), 0.00501, t.out() + out);
        assertTrue(Integer.parseInt(m.group(2)) > 100, "better than chance after two epochs: " + out);
    }

    @Test
    void aSaveNameThatCannotBeAModelNameIsRefusedBeforeTraining(@TempDir Path dir) {
        CliRun r = train("--model", "mlp-classifier", "--dataset", "mnist", "--save", dir.resolve("my model.zip").toString())
                .expect(Main.EXIT_USAGE);
        assertTrue(r.err().startsWith("regzoo: --save ") && r.err().contains("must be letters, digits"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.out().isEmpty(), "nothing trained: " + r.out());
    }
}
