package io.regzoo.zoo;

import io.regzoo.RegzooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Pretrained networks: trained weights ({@code <name>.zip}, DL4J {@code ModelSerializer}) with a
 * {@link ModelCard} each ({@code <name>.json}) in a models directory. {@link #load(String)} checks
 * the weights' SHA-256 against the card before DL4J reads them.
 *
 * <pre>{@code
 * MultiLayerNetwork mlp = Pretrained.load("mlp-classifier"); // ./models/mlp-classifier.{json,zip}
 * }</pre>
 */
public final class Pretrained {

    /** System property naming the pretrained models directory. */
    public static final String MODELS_PROPERTY = "regzoo.models";
    /** Environment variable naming the pretrained models directory (used when the property is unset). */
    public static final String MODELS_ENV = "REGZOO_MODELS";

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
    public static List<String> names(Path modelsDir) {
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
     * @see #load(String, Path)
     */
    public static MultiLayerNetwork load(String name) {
        return load(name, modelsDir());
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
    public static MultiLayerNetwork load(String name, Path modelsDir) {
        return load(card(name, modelsDir));
    }

    /**
     * The card of a pretrained network (without loading or checking the weights).
     *
     * @param name the model's name
     * @param modelsDir the directory holding the cards and weights
     * @return the card
     * @throws RegzooException when the card is missing (the message lists the available models)
     */
    public static ModelCard card(String name, Path modelsDir) {
        ModelCard.checkName(name);
        Path card = modelsDir.resolve(name + ModelCard.JSON_SUFFIX);
        if (!Files.isRegularFile(card)) {
            List<String> have = names(modelsDir);
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

    private Pretrained() {}
}
