package io.regzoo.zoo;

import io.regzoo.RegzooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The zoo's registry: network name → builder with that network's defaults.
 *
 * <pre>{@code
 * ZooNetwork cnn = ModelZoo.builder("mnist-cnn").seed(7).build();
 * }</pre>
 *
 * <p>Pretrained networks (trained weights with a {@link ModelCard}) load with
 * {@link #pretrained(String)}, which checks the weights' SHA-256 against the card first.
 */
public final class ModelZoo {

    private static final Map<String, Supplier<ZooNetwork.Builder<?>>> BUILDERS = new LinkedHashMap<>();

    static {
        LayerHelpers.enable(); // before any network is built or restored
        BUILDERS.put(LinearRegression.NAME, LinearRegression::builder);
        BUILDERS.put(MlpRegressor.NAME, MlpRegressor::builder);
        BUILDERS.put(MlpClassifier.NAME, MlpClassifier::builder);
        BUILDERS.put(MnistCnn.NAME, MnistCnn::builder);
    }

    /** System property naming the pretrained models directory. */
    public static final String MODELS_PROPERTY = "regzoo.models";
    /** Environment variable naming the pretrained models directory (used when the property is unset). */
    public static final String MODELS_ENV = "REGZOO_MODELS";

    private ModelZoo() {}

    /**
     * Where pretrained models live: the system property {@value #MODELS_PROPERTY}, else the
     * environment variable {@value #MODELS_ENV}, else {@code ./models} (relative to the working
     * directory).
     *
     * @return the models directory (not necessarily existing)
     */
    public static Path modelsDir() {
        String p = System.getProperty(MODELS_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(MODELS_ENV);
        }
        return Path.of(p == null || p.isBlank() ? "models" : p);
    }

    /**
     * The pretrained models in a directory: the names of its model cards ({@code <name>.json},
     * not the {@code <name>.train.json} training records).
     *
     * @param modelsDir the directory
     * @return sorted names; empty when the directory does not exist
     * @throws RegzooException when the directory cannot be listed
     */
    public static List<String> pretrainedNames(Path modelsDir) {
        if (!Files.isDirectory(modelsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(modelsDir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(ModelCard.JSON_SUFFIX) && !f.endsWith(ModelCard.RECORD_SUFFIX))
                    .map(f -> f.substring(0, f.length() - ModelCard.JSON_SUFFIX.length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new RegzooException("cannot list " + modelsDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a pretrained network from {@link #modelsDir()}.
     *
     * @param name the model's name, e.g. {@code mnist-cnn} (its card is {@code <name>.json})
     * @return the trained network
     * @throws RegzooException when the card or weights are missing (listing what is available),
     *     or the weights' SHA-256 differs from the card's
     * @see #pretrained(String, Path)
     */
    public static MultiLayerNetwork pretrained(String name) {
        return pretrained(name, modelsDir());
    }

    /**
     * Loads a pretrained network: reads the card {@code <modelsDir>/<name>.json}, computes the
     * SHA-256 of its weights file ({@code <name>.zip}), refuses a mismatch, then restores the
     * network with {@link ModelSerializer#restoreMultiLayerNetwork(java.io.File, boolean)} (with
     * updater state, so it can be trained further).
     *
     * @param name the model's name, e.g. {@code mnist-cnn}
     * @param modelsDir the directory holding the cards and weights
     * @return the trained network
     * @throws RegzooException when the name is not a plain file name, the card or weights are
     *     missing (the message lists the available models), the weights' SHA-256 differs from the
     *     card's (naming the file and both hashes), or DL4J cannot read the weights
     */
    public static MultiLayerNetwork pretrained(String name, Path modelsDir) {
        return load(pretrainedCard(name, modelsDir));
    }

    /**
     * The card of a pretrained network (without loading or checking the weights).
     *
     * @param name the model's name
     * @param modelsDir the directory holding the cards and weights
     * @return the card
     * @throws RegzooException when the card is missing (the message lists the available models)
     */
    public static ModelCard pretrainedCard(String name, Path modelsDir) {
        ModelCard.checkName(name);
        Path card = modelsDir.resolve(name + ModelCard.JSON_SUFFIX);
        if (!Files.isRegularFile(card)) {
            List<String> have = pretrainedNames(modelsDir);
            String hint = Files.isRegularFile(modelsDir.resolve(name + ModelCard.RECORD_SUFFIX))
                    ? "; it has a training record but no card yet: run 'regzoo card " + name + "'" : "";
            throw new RegzooException("no pretrained model '" + name + "' in " + modelsDir.toAbsolutePath() + " (available: "
                    + (have.isEmpty() ? "none" : String.join(", ", have)) + ")" + hint
                    + "; set -D" + MODELS_PROPERTY + " or " + MODELS_ENV + " to use another directory");
        }
        return ModelCard.read(card);
    }

    /**
     * Loads the weights a card describes, after checking their SHA-256.
     *
     * @param card the card
     * @return the trained network
     * @throws RegzooException when the weights are missing, altered, or unreadable
     */
    public static MultiLayerNetwork load(ModelCard card) {
        Path weights = card.weightsFile();
        if (!Files.isRegularFile(weights)) {
            throw new RegzooException(weights + ": the weights of pretrained model '" + card.name() + "' are missing");
        }
        String actual = ModelCard.sha256(weights);
        if (!actual.equalsIgnoreCase(card.weightsSha256())) {
            throw new RegzooException(weights + ": SHA-256 mismatch: the card expects " + card.weightsSha256() + " but the file has "
                    + actual + "; refusing to load altered or corrupt weights");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(weights.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new RegzooException(weights + ": DL4J cannot read it: " + e.getMessage(), e);
        }
    }

    /** @return the zoo's network names, in a fixed order */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(BUILDERS.keySet()));
    }

    /**
     * A builder for the named network, holding its defaults.
     *
     * @param name a name from {@link #names()}
     * @return a new builder
     * @throws RegzooException when the name is unknown (the message lists the known names)
     */
    public static ZooNetwork.Builder<?> builder(String name) {
        Supplier<ZooNetwork.Builder<?>> s = BUILDERS.get(name);
        if (s == null) {
            throw new RegzooException("unknown model '" + name + "'; the zoo has " + String.join(", ", names()));
        }
        return s.get();
    }

    /**
     * The named network with its defaults.
     *
     * @param name a name from {@link #names()}
     * @return the network recipe
     * @throws RegzooException when the name is unknown
     */
    public static ZooNetwork defaults(String name) {
        return builder(name).build();
    }
}
