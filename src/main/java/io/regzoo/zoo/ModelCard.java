package io.regzoo.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.provenance.TrainingRecord;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The model card of a pretrained network: {@code <name>.md} for people and its JSON twin
 * {@code <name>.json}, which {@link ModelZoo#pretrained(String)} reads. Made from the training
 * record {@code <name>.train.json} that {@code regzoo train --save <name>.zip} writes next to the
 * weights (command, data and MD5s, seed, epochs, batch size, optimizer, regularization, test loss
 * and accuracy with the number of test examples, history, environment, SHA-256 of the weights).
 *
 * <pre>{@code
 * ModelCard card = ModelCard.fromTrainingRecord(Path.of("models/mnist-cnn.train.json"));
 * card.write();   // models/mnist-cnn.md and models/mnist-cnn.json
 * }</pre>
 *
 * <p>The JSON twin holds every key of the training record, plus {@code name},
 * {@code weightsFile}, {@code weightsSha256} (checked against the file when the card is made) and
 * {@code weightsBytes}.
 */
public final class ModelCard {

    /** Suffix of a card's JSON twin. */
    public static final String JSON_SUFFIX = ".json";
    /** Suffix of a training record. */
    public static final String RECORD_SUFFIX = ".train.json";
    /** Suffix of a card's Markdown. */
    public static final String MARKDOWN_SUFFIX = ".md";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path dir;
    private final ObjectNode json;
    private final TrainingRecord record;

    private ModelCard(Path dir, ObjectNode json, String source) {
        this.dir = dir;
        this.json = json;
        this.record = TrainingRecord.read(json, source);
    }

    /**
     * Makes the card of a trained model from its training record; the weights file
     * ({@code weightsFile} in the record, else {@code <name>.zip}) must be next to it and match the
     * record's SHA-256.
     *
     * @param trainingRecord {@code <dir>/<name>.train.json}
     * @return the card (not yet written; see {@link #write()})
     * @throws RegzooException when the record or the weights file is missing or unreadable, or the
     *     weights' SHA-256 differs from the record's
     */
    public static ModelCard fromTrainingRecord(Path trainingRecord) {
        String file = trainingRecord.getFileName().toString();
        if (!file.endsWith(RECORD_SUFFIX)) {
            throw new RegzooException(trainingRecord + ": a training record is named <name>" + RECORD_SUFFIX);
        }
        String name = checkName(file.substring(0, file.length() - RECORD_SUFFIX.length()));
        Path dir = trainingRecord.toAbsolutePath().getParent();
        ObjectNode record = readObject(trainingRecord);
        TrainingRecord typed = TrainingRecord.read(record, trainingRecord.toString());
        String weightsFile = typed.weightsFile() != null ? typed.weightsFile() : name + ".zip";
        Path weights = dir.resolve(weightsFile);
        if (!Files.isRegularFile(weights)) {
            throw new RegzooException(weights + ": the weights file of " + trainingRecord + " is missing");
        }
        String actual = sha256(weights);
        String expected = typed.weightsSha256() == null ? "" : typed.weightsSha256();
        if (!expected.isEmpty() && !expected.equalsIgnoreCase(actual)) {
            throw new RegzooException(weights + ": SHA-256 is " + actual + " but the training record says " + expected
                    + "; the weights changed after training");
        }
        for (String required : List.of("model", "testLoss", "testExamples")) {
            if (!record.hasNonNull(required)) {
                throw new RegzooException(trainingRecord + ": the training record has no '" + required + "'");
            }
        }
        ObjectNode card = SpecJson.mapper().createObjectNode();
        card.put("name", name);
        card.put("weightsFile", weightsFile);
        card.put("weightsSha256", actual);
        try {
            card.put("weightsBytes", Files.size(weights));
        } catch (IOException e) {
            throw new RegzooException(weights + ": cannot read its size: " + e.getMessage(), e);
        }
        Iterator<Map.Entry<String, JsonNode>> it = record.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!card.has(e.getKey())) {
                card.set(e.getKey(), e.getValue());
            }
        }
        return new ModelCard(dir, card, trainingRecord.toString());
    }

    /**
     * Reads a card's JSON twin.
     *
     * @param cardJson {@code <dir>/<name>.json}
     * @return the card
     * @throws RegzooException when the file is missing, not JSON, or lacks {@code weightsSha256}
     */
    public static ModelCard read(Path cardJson) {
        ObjectNode node = readObject(cardJson);
        if (!node.hasNonNull("weightsSha256") || !node.hasNonNull("name")) {
            throw new RegzooException(cardJson + ": not a model card (no 'name'/'weightsSha256'); make it with 'regzoo card'");
        }
        return new ModelCard(cardJson.toAbsolutePath().getParent(), node, cardJson.toString());
    }

    /**
     * Writes {@code <name>.md} and {@code <name>.json} next to the weights (each atomically).
     *
     * @return the Markdown file
     * @throws RegzooException when a file cannot be written (an {@code EnvironmentException} naming it and the
     *     reason; each file is written atomically, so the previous card stays intact)
     */
    public Path write() {
        Path md = dir.resolve(name() + MARKDOWN_SUFFIX);
        try {
            writeAtomically(dir.resolve(name() + JSON_SUFFIX), SpecJson.mapper().writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new RegzooException("cannot serialize the card of " + name() + ": " + e.getMessage(), e);
        }
        writeAtomically(md, toMarkdown());
        return md;
    }

    /** @return the card's name: the file stem of its weights, e.g. {@code mnist-cnn} */
    public String name() {
        return json.path("name").asText();
    }

    /** @return the zoo network it is an instance of, e.g. {@code mnist-cnn} */
    public String model() {
        return record.model();
    }

    /** @return the directory holding the card and the weights */
    public Path directory() {
        return dir;
    }

    /** @return the weights file ({@code ModelSerializer} zip) */
    public Path weightsFile() {
        return dir.resolve(record.weightsFile() != null ? record.weightsFile() : name() + ".zip");
    }

    /** @return the SHA-256 (hex) of the weights file, as recorded */
    public String weightsSha256() {
        return record.weightsSha256();
    }

    /** @return the dataset name it was trained on, e.g. {@code mnist} */
    public String dataset() {
        return record.dataset() == null ? "" : record.dataset();
    }

    /** @return the seed of data, weights and shuffling */
    public long seed() {
        return record.seed();
    }

    /** @return the test-set accuracy, NaN for a regressor */
    public double testAccuracy() {
        return record.testAccuracy();
    }

    /** @return the test-set data loss */
    public double testLoss() {
        return record.testLoss();
    }

    /** @return the number of test examples the accuracy and loss were computed on */
    public int testExamples() {
        return record.testExamples();
    }

    /** @return the number of parameters */
    public long numParams() {
        return record.numParams();
    }

    /** @return the training record the card was made from (the typed part of its JSON twin) */
    public TrainingRecord trainingRecord() {
        return record;
    }

    /** @return a copy of the JSON twin */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /**
     * The card for people.
     *
     * @return Markdown
     */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        String n = name();
        b.append("# Model card: ").append(n).append("\n\n");
        b.append(describeModel()).append("\n\n");
        b.append("## Results\n\n| metric | value |\n|---|---|\n");
        double acc = testAccuracy();
        if (!Double.isNaN(acc)) {
            b.append(String.format(Locale.ROOT, "| test accuracy | **%.2f%%** (%.6f) |%n", 100 * acc, acc));
        }
        b.append(String.format(Locale.ROOT, "| test loss (data loss, no penalty) | %.6f |%n", testLoss()));
        b.append(String.format(Locale.ROOT, "| test examples | %,d |%n", testExamples()));
        b.append(String.format(Locale.ROOT, "| parameters | %,d |%n", numParams()));
        if (json.has("epochsRun")) {
            b.append("| epochs run | ").append(record.epochsRun()).append(" (")
                    .append(text(record.stopReason()).toLowerCase(Locale.ROOT)).append(") |\n");
        }
        if (json.has("trainingSeconds")) {
            b.append(String.format(Locale.ROOT, "| training time | %.0f s |%n", record.trainingSeconds()));
        }
        b.append("\n## How it was trained\n\n```bash\n")
                .append(record.command() == null ? "(command not recorded)" : record.command())
                .append("\n```\n\n| setting | value |\n|---|---|\n");
        row(b, "zoo network", "`" + model() + "`");
        row(b, "regularization", record.regularization() == null ? "(not recorded)"
                : record.regularization().describe() + " — `" + compact(record.regularization()) + "`");
        row(b, "optimizer", record.optimizer() == null ? "(not recorded)"
                : record.optimizer().describe() + " — `" + compact(record.optimizer()) + "`");
        row(b, "hidden activation", text(record.activation()).toLowerCase(Locale.ROOT));
        row(b, "seed", Long.toString(record.seed()));
        row(b, "epochs", Integer.toString(record.epochs()));
        row(b, "batch size", Integer.toString(record.batchSize()));
        row(b, "finished", text(record.finished()));
        b.append("\nConventions: L2 is DL4J's `λ/2·Σw²`; dropout is the fraction dropped; weight decay is DL4J's "
                + "decoupled `WeightDecay` (multiplied by the learning rate; AdamW with Adam).\n");
        b.append("\n## Data\n\n| | |\n|---|---|\n");
        row(b, "dataset", dataset());
        List<String> md5 = new ArrayList<>();
        if (record.data() != null) {
            for (Map.Entry<String, String> e : record.data().asMap().entrySet()) {
                if (e.getKey().startsWith("md5.")) {
                    md5.add("`" + e.getValue() + "` " + e.getKey().substring(4));
                } else {
                    row(b, e.getKey(), e.getValue());
                }
            }
        }
        if (!md5.isEmpty()) {
            row(b, "MD5 of the files", String.join("<br>", md5));
        }
        b.append("\n## Weights\n\n| | |\n|---|---|\n");
        row(b, "file", "`" + weightsFile().getFileName() + "` (DL4J ModelSerializer zip, with updater state)");
        row(b, "size", String.format(Locale.ROOT, "%,d bytes", json.path("weightsBytes").asLong()));
        row(b, "SHA-256", "`" + weightsSha256() + "`");
        b.append("\n## Environment\n\n| | |\n|---|---|\n");
        if (record.environment() != null) {
            record.environment().asMap().forEach((k, v) -> row(b, k, v));
        }
        b.append("\n## Use it\n\nJava (checks the SHA-256 above before loading; models directory: system property "
                + "`regzoo.models`, else `REGZOO_MODELS`, else `./models`):\n\n```java\n")
                .append("MultiLayerNetwork net = io.regzoo.zoo.ModelZoo.pretrained(\"").append(n).append("\");\n")
                .append("```\n\nCommand line:\n\n```bash\n./regzoo predict --model ").append(n).append(" digit.png\n")
                .append("./regzoo predict --model ").append(n)
                .append(" t10k-images-idx3-ubyte --labels t10k-labels-idx1-ubyte\n```\n");
        List<Map<String, Double>> hist = record.history();
        if (!hist.isEmpty()) {
            b.append("\n## Training history\n\n");
            Regularization reg = record.regularization();
            boolean penalized = reg != null && (reg.l1() != 0 || reg.l2() != 0 || reg.l1Bias() != 0 || reg.l2Bias() != 0
                    || reg.weightDecay() != 0 || reg.weightDecayBias() != 0);
            if (penalized) {
                b.append("The train loss is the data loss of each training minibatch (training mode, averaged over "
                        + "the epoch): DL4J's training score *minus* the penalty term DL4J adds to it (L1 `λ·Σ|w|`; L2 "
                        + "and weight decay `λ/2·Σw²`), so it compares with the val and test losses, which are data "
                        + "losses too. Cards written before regzoo subtracted the penalty show DL4J's score here.\n\n");
            }
            b.append("| epoch | train loss | val loss | val accuracy | weight norm | seconds |\n|---|---|---|---|---|---|\n");
            for (Map<String, Double> h : hist) {
                b.append(String.format(Locale.ROOT, "| %d | %.5f | %s | %s | %s | %.1f |%n",
                        h.getOrDefault("epoch", 0.0).intValue(), h.getOrDefault("trainLoss", Double.NaN),
                        num(h.get("valLoss"), "%.5f", 1), num(h.get("valAccuracy"), "%.2f%%", 100),
                        num(h.get("weightNorm"), "%.3f", 1), h.getOrDefault("seconds", Double.NaN)));
            }
        }
        b.append("\n*Generated by `regzoo card` from `").append(n).append(RECORD_SUFFIX).append("`; the machine-readable twin is `")
                .append(n).append(JSON_SUFFIX).append("`.*\n");
        return b.toString();
    }

    private String describeModel() {
        StringBuilder b = new StringBuilder();
        String m = model();
        b.append("`").append(name()).append("` is the regzoo zoo network `").append(m).append("`");
        if (!ModelZoo.names().contains(m)) {
            return b.append(" (not in this version's zoo)").append(".").toString();
        }
        ZooNetwork z = ModelZoo.defaults(m);
        b.append(", a ").append(z.isClassifier() ? z.numOutputs() + "-class classifier" : "regressor")
                .append(" on inputs of shape ").append(java.util.Arrays.toString(z.inputShape()))
                .append(", trained on `").append(dataset()).append("`.\n\nLayers: ");
        MultiLayerConfiguration c = z.conf();
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < c.getConfs().size(); i++) {
            Layer l = c.getConf(i).getLayer();
            String s = l.getLayerName() + " (" + l.getClass().getSimpleName();
            if (l instanceof FeedForwardLayer && ((FeedForwardLayer) l).getNOut() > 0) {
                s += " " + ((FeedForwardLayer) l).getNOut();
            }
            layers.add(s + ")");
        }
        return b.append(String.join(" → ", layers)).append(".").toString();
    }

    private static String num(Double v, String fmt, double scale) {
        return v == null || !Double.isFinite(v) ? "—" : String.format(Locale.ROOT, fmt, v * scale);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** A spec as one line of JSON, as the card has always shown it. */
    private static String compact(Object spec) {
        return SpecJson.mapper().valueToTree(spec).toString();
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    /**
     * Checks a card name: letters, digits, {@code . _ -}, no path separators.
     *
     * @param name the name
     * @return the name
     * @throws RegzooException when it is not a plain file stem
     */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RegzooException("model name '" + name + "' must be a file stem (letters, digits, '.', '_', '-')");
        }
        return name;
    }

    private static ObjectNode readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RegzooException(file + ": no such file");
        }
        try {
            JsonNode n = SpecJson.mapper().readTree(file.toFile());
            if (!(n instanceof ObjectNode)) {
                throw new RegzooException(file + ": expected a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new RegzooException(file + ": not valid JSON: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "), e);
        }
    }

    private static void writeAtomically(Path file, String text) {
        AtomicFiles.write(file, text); // temporary file, fsync, rename; the old card stays on failure
    }

    /**
     * SHA-256 of a file.
     *
     * @param file the file
     * @return lower-case hex
     * @throws RegzooException when the file cannot be read
     */
    public static String sha256(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0; ) {
                md.update(buf, 0, k);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new RegzooException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
