package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.regzoo.data.ArrayDataset;
import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import io.regzoo.data.Mnist;
import io.regzoo.data.TrainTest;
import io.regzoo.train.Measures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every pretrained model in {@link ModelZoo#modelsDir()} ({@code models/}) loads (SHA-256 checked)
 * and reproduces its card: same parameter count, and for MNIST / Fashion-MNIST classifiers the
 * test accuracy recomputed on the card's test set (the full test set, or the card's stratified
 * subset by its seed) equals the card's within 1e-4; the model named {@code mnist-cnn} reaches at
 * least 99%. Skips when there are no models yet; skips when the data is neither present nor
 * obtainable, unless {@code REGZOO_REQUIRE_FULL_DATA=1} (as {@code io.regzoo.data.FullDataTest}).
 */
@Tag("full-data")
class PretrainedModelsTest {
    private static final boolean REQUIRED = "1".equals(System.getenv("REGZOO_REQUIRE_FULL_DATA"));

    @TestFactory
    List<DynamicTest> eachPretrainedModelReproducesItsCard() {
        Path dir = ModelZoo.modelsDir();
        List<String> names = ModelZoo.pretrainedNames(dir);
        assumeFalse(names.isEmpty(), "no pretrained models (model cards) in " + dir.toAbsolutePath() + " yet");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : names) {
            tests.add(DynamicTest.dynamicTest(name, () -> check(Pretrained.card(name, dir))));
        }
        return tests;
    }

    private static void check(ModelCard card) {
        MultiLayerNetwork net = ModelZoo.pretrained(card.name(), card.directory());
        assertEquals(card.numParams(), net.numParams(), card.name() + ": parameter count");
        DatasetId id = switch (card.dataset()) {
            case "mnist" -> DatasetId.MNIST;
            case "fashion-mnist" -> DatasetId.FASHION_MNIST;
            default -> null;
        };
        if (id == null || Double.isNaN(card.testAccuracy())) {
            return; // synthetic data: loading and the parameter count are what the card promises
        }
        assumeTrue(REQUIRED || obtainable(id), id.displayName() + " neither cached nor obtainable");
        TrainTest data = Mnist.load(id, DataFetcher.defaults());
        ArrayDataset test = card.testExamples() < data.test().size()
                ? data.test().subset(card.testExamples(), card.seed()) : data.test();
        assertEquals(card.testExamples(), test.size(), card.name() + ": test examples");
        if (ModelZoo.names().contains(card.model()) && ModelZoo.defaults(card.model()).inputShape().length == 1) {
            test = test.flat();
        }
        double acc = Measures.accuracy(net, test.toDataSet());
        System.err.printf("%s: test accuracy %.4f on %,d (card: %.4f)%n", card.name(), acc, test.size(), card.testAccuracy());
        assertEquals(card.testAccuracy(), acc, 1e-4, card.name() + ": test accuracy vs the card");
        if (card.name().equals(MnistCnn.NAME)) {
            assertEquals(10_000, card.testExamples(), "mnist-cnn is evaluated on the full MNIST test set");
            assertTrue(acc >= 0.99, "mnist-cnn test accuracy " + acc + " < 0.99");
        }
    }

    private static boolean obtainable(DatasetId id) {
        if (id == DatasetId.FASHION_MNIST) {
            return Files.isDirectory(DataFetcher.DEBIAN_FASHION_DIR);
        }
        DataFetcher real = DataFetcher.builder().dataDir(null).mirrors(List.of()).build();
        boolean cached = real.status().stream().filter(s -> s.dataset() == id && s.location().equals("cache"))
                .allMatch(DataFetcher.FileStatus::verified);
        return cached || onPath("npm");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
