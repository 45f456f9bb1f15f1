package io.regzoo.provenance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import java.util.List;
import java.util.Map;

/**
 * What {@code regzoo train --save DIR/NAME.zip} writes next to the weights as
 * {@code NAME.train.json}, and what the model card ({@code io.regzoo.zoo.ModelCard}) is made from:
 * the command, the weights' file and SHA-256, the data, the budget, the optimizer and
 * regularization, the test scores, the history and the environment. The JSON field names are the
 * record's component names (the same as the records written before this type existed).
 *
 * @param command the command line that trained it
 * @param model the zoo network it is an instance of
 * @param weightsFile the weights' file name ({@code ModelSerializer} zip), next to the record
 * @param weightsSha256 SHA-256 (hex) of the weights file
 * @param numParams number of parameters
 * @param dataset the dataset name
 * @param data where the data came from
 * @param seed seed of data, weights and shuffling
 * @param epochs the epoch budget
 * @param batchSize minibatch size
 * @param stopReason why training ended (a {@code StopReason} name)
 * @param epochsRun epochs trained
 * @param optimizer the optimizer
 * @param regularization the regularization
 * @param activation the hidden activation (a DL4J {@code Activation} name)
 * @param testLoss test-set data loss
 * @param testAccuracy test-set accuracy (NaN for regressors)
 * @param testExamples examples in the test set
 * @param history per-epoch metrics, one map per epoch keyed by the fields of
 *     {@code io.regzoo.train.EpochMetrics} ({@code epoch}, {@code trainLoss}, {@code valLoss},
 *     {@code valAccuracy}, {@code weightNorm}, {@code seconds}, ...; NaN where not measured)
 * @param trainingSeconds wall time of training
 * @param finished when training finished (ISO-8601)
 * @param environment the machine it was trained on
 */
@JsonPropertyOrder({"command", "model", "weightsFile", "weightsSha256", "numParams", "dataset", "data", "seed", "epochs",
        "batchSize", "stopReason", "epochsRun", "optimizer", "regularization", "activation", "testLoss", "testAccuracy",
        "testExamples", "history", "trainingSeconds", "finished", "environment"})
public record TrainingRecord(String command, String model, String weightsFile, String weightsSha256, long numParams,
        String dataset, DataProvenance data, long seed, int epochs, int batchSize, String stopReason, int epochsRun,
        Optimizer optimizer, Regularization regularization, String activation, double testLoss, double testAccuracy,
        int testExamples, List<Map<String, Double>> history, double trainingSeconds, String finished,
        EnvironmentProvenance environment) {

    private static final ObjectReader READER = SpecJson.mapper().readerFor(TrainingRecord.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Copies the history.
     *
     * @param command see the record
     * @param model see the record
     * @param weightsFile see the record
     * @param weightsSha256 see the record
     * @param numParams see the record
     * @param dataset see the record
     * @param data see the record
     * @param seed see the record
     * @param epochs see the record
     * @param batchSize see the record
     * @param stopReason see the record
     * @param epochsRun see the record
     * @param optimizer see the record
     * @param regularization see the record
     * @param activation see the record
     * @param testLoss see the record
     * @param testAccuracy see the record
     * @param testExamples see the record
     * @param history see the record
     * @param trainingSeconds see the record
     * @param finished see the record
     * @param environment see the record
     */
    public TrainingRecord {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * Reads a record (or a model card's JSON twin, which holds every field of the record and more).
     * Missing fields are {@code null}, 0, or NaN for {@code testAccuracy}.
     *
     * @param json the JSON object
     * @param source the file it came from, for messages
     * @return the record
     * @throws RegzooException when it is not a training record
     */
    public static TrainingRecord read(JsonNode json, String source) {
        try {
            TrainingRecord r = READER.readValue(json);
            if (!json.has("testAccuracy") || !json.get("testAccuracy").isNumber()) {
                r = r.withTestAccuracy(Double.NaN);
            }
            return r;
        } catch (java.io.IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new RegzooException(source + ": not a training record: " + why.replaceAll("\\s*\\R\\s*", " "), e);
        }
    }

    /**
     * The record as a JSON object (the file's content).
     *
     * @return a new JSON tree
     */
    public JsonNode toJson() {
        return SpecJson.mapper().valueToTree(this);
    }

    private TrainingRecord withTestAccuracy(double acc) {
        return new TrainingRecord(command, model, weightsFile, weightsSha256, numParams, dataset, data, seed, epochs,
                batchSize, stopReason, epochsRun, optimizer, regularization, activation, testLoss, acc, testExamples,
                history, trainingSeconds, finished, environment);
    }
}
