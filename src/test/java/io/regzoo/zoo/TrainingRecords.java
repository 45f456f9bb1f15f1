package io.regzoo.zoo;

import io.regzoo.regularize.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Test helper: saves a network as {@code regzoo train --save DIR/NAME.zip} does, with its training record. */
public final class TrainingRecords {
    private TrainingRecords() {}

    /**
     * Writes {@code dir/name.zip} and {@code dir/name.train.json}.
     *
     * @param dir the models directory
     * @param name the model name
     * @param zooName the zoo network it is
     * @param net the trained network
     * @param testAccuracy the recorded test accuracy
     * @param testExamples the recorded number of test examples
     * @return the training record
     * @throws IOException when writing fails
     */
    public static Path write(Path dir, String name, String zooName, MultiLayerNetwork net, double testAccuracy, int testExamples)
            throws IOException {
        Files.createDirectories(dir);
        Path zip = dir.resolve(name + ".zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);
        ZooNetwork z = ModelZoo.defaults(zooName);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "./regzoo train --model " + zooName + " --save " + zip);
        r.put("model", zooName);
        r.put("weightsFile", zip.getFileName().toString());
        r.put("weightsSha256", ModelCard.sha256(zip));
        r.put("numParams", net.numParams());
        r.put("dataset", "mnist");
        r.put("data", Map.of("md5.t10k-images-idx3-ubyte", "2646ac647ad5339dbf082846283269ea", "source", "test sample"));
        r.put("seed", 1);
        r.put("epochs", 1);
        r.put("batchSize", 32);
        r.put("optimizer", z.optimizer());
        r.put("regularization", z.regularization());
        r.put("activation", z.activation().name());
        r.put("testLoss", 0.5);
        r.put("testAccuracy", testAccuracy);
        r.put("testExamples", testExamples);
        r.put("history", List.of());
        r.put("environment", Map.of("dl4j", "1.0.0-M2.1"));
        Path record = dir.resolve(name + ModelCard.RECORD_SUFFIX);
        Files.writeString(record, SpecJson.mapper().writeValueAsString(r));
        return record;
    }
}
