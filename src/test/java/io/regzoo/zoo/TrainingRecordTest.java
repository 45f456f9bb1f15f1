package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.provenance.DataProvenance;
import io.regzoo.provenance.TrainingRecord;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed training records and cards read as typed {@link TrainingRecord}s, and write back the same. */
class TrainingRecordTest {

    @Test
    void committedRecordsAndCardsReadTyped() throws Exception {
        for (String name : List.of("mnist-cnn", "mnist-cnn-weight-decay", "mlp-classifier")) {
            for (String file : List.of(name + ModelCard.RECORD_SUFFIX, name + ModelCard.JSON_SUFFIX)) {
                Path p = Path.of("models", file);
                TrainingRecord r = TrainingRecord.read(SpecJson.mapper().readTree(p.toFile()), p.toString());
                assertEquals(name + ".zip", r.weightsFile(), file);
                assertEquals(10_000, r.testExamples(), file);
                assertTrue(r.testAccuracy() > 0.9, file);
                assertEquals("mnist", r.dataset(), file);
                assertEquals("6bbc9ace898e44ae57da46a324031adb",
                        r.data().checksum("md5", "train-images-idx3-ubyte").orElseThrow(), file);
                assertEquals("classification", r.data().task(), file);
                assertEquals(2, r.environment().cores(), file);
                assertEquals("1.0.0-M2.1", r.environment().dl4j(), file);
                assertEquals(r.epochsRun(), r.history().size(), file);
                assertTrue(Double.isNaN(r.history().get(0).get("valLoss")), file + ": NaN written as \"NaN\"");
                assertEquals(1.0, r.history().get(0).get("epoch"), file);
                assertTrue(r.optimizer() != null && r.regularization() != null, file);
            }
        }
        TrainingRecord cnn = TrainingRecord.read(SpecJson.mapper().readTree(Path.of("models/mnist-cnn.train.json").toFile()),
                "mnist-cnn");
        assertEquals(Optimizer.adam(0.001), cnn.optimizer());
        assertEquals(Regularization.none(), cnn.regularization());
        TrainingRecord wd = TrainingRecord.read(
                SpecJson.mapper().readTree(Path.of("models/mnist-cnn-weight-decay.train.json").toFile()), "wd");
        assertEquals(5e-4, wd.regularization().weightDecay());
    }

    @Test
    void aRecordWritesTheSameFieldNamesItReads() throws Exception {
        Path p = Path.of("models/mlp-classifier.train.json");
        com.fasterxml.jackson.databind.JsonNode file = SpecJson.mapper().readTree(p.toFile());
        TrainingRecord r = TrainingRecord.read(file, p.toString());
        com.fasterxml.jackson.databind.JsonNode back = r.toJson();
        List<String> names = new java.util.ArrayList<>();
        file.fieldNames().forEachRemaining(names::add);
        List<String> written = new java.util.ArrayList<>();
        back.fieldNames().forEachRemaining(written::add);
        assertEquals(names, written);
        assertEquals(file.get("data"), back.get("data"));
        assertEquals(file.get("regularization"), back.get("regularization"));
        assertEquals(r, TrainingRecord.read(back, "again"));
        assertEquals(DataProvenance.of(java.util.Map.of("source", "s", "md5.f", "ab", "x", "y")).asMap(),
                java.util.Map.of("source", "s", "md5.f", "ab", "x", "y"));
    }
}
