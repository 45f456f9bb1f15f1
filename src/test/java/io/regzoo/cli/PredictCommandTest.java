package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainTest;
import io.regzoo.zoo.ModelCard;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.TrainingRecords;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** {@code regzoo predict} and {@code regzoo card} on a CNN trained briefly on the shipped sample. */
class PredictCommandTest {
    @TempDir
    static Path models;
    static MultiLayerNetwork net;
    static TrainTest sample;

    @BeforeAll
    static void trainAndCard() throws Exception {
        sample = MnistSample.load();
        net = ModelZoo.builder("mnist-cnn").seed(3).build().init();
        for (int e = 0; e < 2; e++) {
            net.fit(sample.train().iterator(32, e));
        }
        TrainingRecords.write(models, "cnn", "mnist-cnn", net, 0.5, 200);
        CliRun r = CliRun.expect(0, "card", "--models-dir", models.toString());
        assertTrue(r.out().startsWith("cnn: ") && r.out().contains("test accuracy 50.00% on 200"), r.out());
        assertTrue(Files.exists(models.resolve("cnn.md")) && Files.exists(models.resolve("cnn.json")));
    }

    private static int rawPrediction(float[] pixels) {
        return Nd4j.argMax(net.output(Nd4j.create(pixels).reshape(1, 1, 28, 28), false), 1).getInt(0);
    }

    @Test
    void aPngOfASampleDigitBlackOnWhiteAt56PixelsPredictsWhatTheRawArrayDoes(@TempDir Path tmp) throws Exception {
        for (int k : new int[] {0, 7, 42, 123}) {
            float[] digit = sample.test().example(k);
            BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 56; y++) {
                for (int x = 0; x < 56; x++) {
                    int v = Math.round(255 * digit[(y / 2) * 28 + x / 2]);
                    img.getRaster().setSample(x, y, 0, 255 - v); // black digit on white paper
                }
            }
            Path png = tmp.resolve("digit" + k + ".png");
            ImageIO.write(img, "png", png.toFile());
            float[] back = DigitImages.read(png);
            for (int i = 0; i < back.length; i++) {
                assertEquals(digit[i], back[i], 1.5 / 255, "pixel " + i + " survives PNG, 2x upscale, inversion, 28x28 again");
            }
            String out = CliRun.expect(0, "predict", "--model", "cnn", "--models-dir", models.toString(), png.toString()).out();
            Matcher m = Pattern.compile(Pattern.quote(png.toString()) + ": (\\d)   top-3:  (\\d) [\\d.]+%  \\d [\\d.]+%  \\d [\\d.]+%")
                    .matcher(out);
            assertTrue(m.find(), out);
            assertEquals(rawPrediction(digit), Integer.parseInt(m.group(1)), "digit " + k + ": " + out);
        }
    }

    @Test
    void anIdxFileWithLabelsPrintsTheAccuracyOfTheNetwork(@TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = tmp.resolve("t10k-labels-idx1-ubyte.gz");
        for (Path p : List.of(images, labels)) {
            try (InputStream in = getClass().getResourceAsStream("/mnist-sample/" + p.getFileName())) {
                Files.copy(in, p);
            }
        }
        String out = CliRun.expect(0, "predict", "--model", "cnn", "--models-dir", models.toString(), "--quiet", "--labels",
                labels.toString(), images.toString()).out();
        int correct = 0;
        for (int i = 0; i < sample.test().size(); i++) {
            correct += rawPrediction(sample.test().example(i)) == sample.test().label(i) ? 1 : 0;
        }
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "(%d of 200 correct)", correct)), correct + " expected: " + out);
    }

    @Test
    void anUnknownModelOrANonImageIsOneLineAndStatusTwo(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "predict", "--model", "nope", "--models-dir", models.toString(), "x.png");
        assertTrue(r.err().startsWith("regzoo: no pretrained model 'nope'") && r.err().contains("available: cnn"), r.err());
        Path txt = Files.writeString(tmp.resolve("a.txt"), "hello");
        r = CliRun.expect(Main.EXIT_USAGE, "predict", "--model", "cnn", "--models-dir", models.toString(), txt.toString());
        assertTrue(r.err().contains("neither an image") && r.err().strip().lines().count() == 1, r.err());
        assertTrue(ModelCard.read(models.resolve("cnn.json")).numParams() == 121_930);
    }
}
