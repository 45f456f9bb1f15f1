package io.regzoo.zoo;

import io.regzoo.RegzooException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The zoo's registry: network name → builder with that network's defaults.
 *
 * <pre>{@code
 * ZooNetwork cnn = ModelZoo.builder("mnist-cnn").seed(7).build();
 * }</pre>
 */
public final class ModelZoo {

    private static final Map<String, Supplier<ZooNetwork.Builder<?>>> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put(LinearRegression.NAME, LinearRegression::builder);
        BUILDERS.put(MlpRegressor.NAME, MlpRegressor::builder);
        BUILDERS.put(MlpClassifier.NAME, MlpClassifier::builder);
        BUILDERS.put(MnistCnn.NAME, MnistCnn::builder);
    }

    private ModelZoo() {}

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
