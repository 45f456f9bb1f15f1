package io.regzoo.zoo;

import io.regzoo.RegzooException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The zoo's registry: network name → {@link ZooEntry} (description, task, default dataset, a
 * builder with that network's defaults). The built-in networks are listed in {@link #BUILT_IN};
 * others join through {@link ZooProvider} ({@link ServiceLoader}).
 *
 * <pre>{@code
 * ZooNetwork cnn = ModelZoo.builder("mnist-cnn").seed(7).build();
 * }</pre>
 *
 * <p>Pretrained networks (trained weights with a {@link ModelCard}) are {@link Pretrained}'s; the
 * {@code pretrained*} methods here delegate to it.
 */
public final class ModelZoo {

    /** The built-in networks, in the order {@code regzoo zoo} lists them. Add a new one here. */
    static final List<ZooEntry> BUILT_IN = List.of(LinearRegression.ENTRY, MlpRegressor.ENTRY, MlpClassifier.ENTRY,
            MnistCnn.ENTRY);

    private static final Map<String, ZooEntry> ENTRIES = register(BUILT_IN,
            ServiceLoader.load(ZooProvider.class, ModelZoo.class.getClassLoader()));

    private ModelZoo() {}

    /**
     * The registry: built-in entries first, then each provider's, in the order found.
     *
     * @throws IllegalStateException when two entries share a name
     */
    static Map<String, ZooEntry> register(List<ZooEntry> builtIn, Iterable<ZooProvider> providers) {
        Map<String, ZooEntry> m = new LinkedHashMap<>();
        List<ZooEntry> all = new ArrayList<>(builtIn);
        for (ZooProvider p : providers) {
            all.addAll(p.entries());
        }
        for (ZooEntry e : all) {
            ZooEntry old = m.putIfAbsent(e.name(), e);
            if (old != null) {
                throw new IllegalStateException("zoo model '" + e.name() + "' is registered twice: " + old + " and " + e);
            }
        }
        return m;
    }

    /** @return every entry of the zoo, in a fixed order */
    public static List<ZooEntry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** @return the zoo's network names, in a fixed order */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * The entry of the named network.
     *
     * @param name a name from {@link #names()}
     * @return its entry
     * @throws RegzooException when the name is unknown (the message lists the known names)
     */
    public static ZooEntry entry(String name) {
        ZooEntry e = ENTRIES.get(name);
        if (e == null) {
            throw new RegzooException("unknown model '" + name + "'; the zoo has " + String.join(", ", names()));
        }
        return e;
    }

    /**
     * A builder for the named network, holding its defaults.
     *
     * @param name a name from {@link #names()}
     * @return a new builder
     * @throws RegzooException when the name is unknown (the message lists the known names)
     */
    public static ZooNetwork.Builder<?> builder(String name) {
        return entry(name).builder();
    }

    /**
     * The named network with its defaults.
     *
     * @param name a name from {@link #names()}
     * @return the network recipe
     * @throws RegzooException when the name is unknown
     */
    public static ZooNetwork defaults(String name) {
        return entry(name).defaults();
    }

    /**
     * Where pretrained models live; see {@link Pretrained#modelsDir()}.
     *
     * @return the models directory (not necessarily existing)
     */
    public static Path modelsDir() {
        return Pretrained.modelsDir();
    }

    /**
     * The pretrained models in a directory; see {@link Pretrained#names(Path)}.
     *
     * @param modelsDir the directory
     * @return sorted names; empty when the directory does not exist
     * @throws RegzooException when the directory cannot be listed
     */
    public static List<String> pretrainedNames(Path modelsDir) {
        return Pretrained.names(modelsDir);
    }

    /**
     * Loads a pretrained network from {@link #modelsDir()}; see {@link Pretrained#load(String)}.
     *
     * @param name the model's name, e.g. {@code mnist-cnn}
     * @return the trained network
     * @throws RegzooException when the card or weights are missing, or the weights' SHA-256 differs
     *     from the card's
     */
    public static MultiLayerNetwork pretrained(String name) {
        return Pretrained.load(name);
    }

    /**
     * Loads a pretrained network from a directory; see {@link Pretrained#load(String, Path)}.
     *
     * @param name the model's name, e.g. {@code mnist-cnn}
     * @param modelsDir the directory holding the cards and weights
     * @return the trained network
     * @throws RegzooException when the card or weights are missing, or the weights' SHA-256 differs
     *     from the card's
     */
    public static MultiLayerNetwork pretrained(String name, Path modelsDir) {
        return Pretrained.load(name, modelsDir);
    }
}
