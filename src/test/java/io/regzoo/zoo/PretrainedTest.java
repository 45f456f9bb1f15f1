package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model cards and {@link Pretrained#load(String, Path)}: loading, tamper detection, clear errors. */
class PretrainedTest {

    @Test
    void aCardedModelLoadsAndATamperedWeightsFileIsRefused(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = ModelZoo.defaults("mlp-regressor").init();
        ModelCard made = ModelCard.fromTrainingRecord(TrainingRecords.write(dir, "tiny", "mlp-regressor", net, Double.NaN, 20));
        Path md = made.write();
        String text = Files.readString(md);
        assertTrue(text.contains("# Model card: tiny") && text.contains(made.weightsSha256())
                && text.contains("ModelZoo.pretrained(\"tiny\")") && text.contains("./regzoo train --model mlp-regressor"), text);
        assertEquals(List.of("tiny"), ModelZoo.pretrainedNames(dir));

        MultiLayerNetwork loaded = ModelZoo.pretrained("tiny", dir);
        assertEquals(net.params(), loaded.params());

        Path zip = dir.resolve("tiny.zip");
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(zip, bytes);
        RegzooException e = assertThrows(RegzooException.class, () -> ModelZoo.pretrained("tiny", dir));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains(zip.toString())
                && e.getMessage().contains(made.weightsSha256()) && e.getMessage().contains(ModelCard.sha256(zip)), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        RegzooException again = assertThrows(RegzooException.class,
                () -> ModelCard.fromTrainingRecord(dir.resolve("tiny.train.json")));
        assertTrue(again.getMessage().contains("SHA-256"), "no card for weights that changed after training: " + again.getMessage());
    }

    @Test
    void anUnknownNameListsWhatIsAvailable(@TempDir Path dir) throws Exception {
        RegzooException none = assertThrows(RegzooException.class, () -> ModelZoo.pretrained("mnist-cnn", dir));
        assertTrue(none.getMessage().contains("no pretrained model 'mnist-cnn'") && none.getMessage().contains("available: none"),
                none.getMessage());
        TrainingRecords.write(dir, "a", "linear-regression", ModelZoo.defaults("linear-regression").init(), Double.NaN, 20);
        ModelCard.fromTrainingRecord(dir.resolve("a.train.json")).write();
        TrainingRecords.write(dir, "b", "linear-regression", ModelZoo.defaults("linear-regression").init(), Double.NaN, 20);
        RegzooException some = assertThrows(RegzooException.class, () -> ModelZoo.pretrained("b", dir));
        assertTrue(some.getMessage().contains("available: a") && some.getMessage().contains("regzoo card b"), some.getMessage());
        assertThrows(RegzooException.class, () -> ModelZoo.pretrained("../etc/passwd", dir));
    }

    @Test
    void theModelsDirectoryComesFromThePropertyThenTheEnvironmentThenDotModels() {
        String old = System.getProperty(Pretrained.MODELS_PROPERTY);
        try {
            System.setProperty(Pretrained.MODELS_PROPERTY, "/some/where");
            assertEquals(Path.of("/some/where"), ModelZoo.modelsDir());
            System.clearProperty(Pretrained.MODELS_PROPERTY);
            String env = System.getenv(Pretrained.MODELS_ENV);
            assertEquals(env == null || env.isBlank() ? Path.of("models") : Path.of(env), ModelZoo.modelsDir());
        } finally {
            if (old != null) {
                System.setProperty(Pretrained.MODELS_PROPERTY, old);
            }
        }
    }
}
