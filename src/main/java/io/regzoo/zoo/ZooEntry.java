package io.regzoo.zoo;

import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Regularization;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the zoo knows about one network besides its layers: its name, a one-line description, the
 * task it solves, the dataset it trains on by default, and a builder with its defaults. Each zoo
 * network declares its entry as a constant (e.g. {@link MnistCnn#ENTRY}); {@link ModelZoo} lists
 * the built-in entries and discovers others through {@link ZooProvider}.
 *
 * <pre>{@code
 * ZooEntry e = ModelZoo.entry("mlp-classifier");
 * ZooNetwork net = e.fitTo(new long[] {20}, 3).seed(7).build(); // 20 features, 3 classes
 * }</pre>
 */
public final class ZooEntry {

    /** What a network predicts. */
    public enum Task {
        /** Class probabilities (softmax, cross-entropy). */
        CLASSIFICATION,
        /** Real-valued targets (identity, mean squared error). */
        REGRESSION;

        /** @return {@code classification} or {@code regression}, as data provenance writes it */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final Supplier<? extends ZooNetwork.Builder<?>> builder;
    private final String description;
    private final Task task;
    private final String defaultDataset;

    private ZooEntry(Builder b) {
        this.name = b.name;
        this.builder = b.builder;
        this.description = b.description;
        this.task = b.task;
        this.defaultDataset = b.defaultDataset;
    }

    /**
     * Starts an entry.
     *
     * @param name the zoo name, e.g. {@code mnist-cnn}: lower case letters, digits and dashes
     * @param builder makes a builder holding the network's defaults, e.g. {@code MnistCnn::builder}
     * @return a new entry builder
     */
    public static Builder builder(String name, Supplier<? extends ZooNetwork.Builder<?>> builder) {
        return new Builder(name, builder);
    }

    /** @return the zoo name */
    public String name() {
        return name;
    }

    /** @return one line on what the network is and where it comes from */
    public String description() {
        return description;
    }

    /** @return what the network predicts */
    public Task task() {
        return task;
    }

    /** @return the dataset {@code regzoo train} uses when none is given, e.g. {@code mnist} */
    public String defaultDataset() {
        return defaultDataset;
    }

    /**
     * A builder holding the network's defaults.
     *
     * @return a new builder
     */
    public ZooNetwork.Builder<?> builder() {
        return builder.get();
    }

    /**
     * A builder holding the network's defaults, fitted to the data: see
     * {@link ZooNetwork.Builder#fitTo(long[], int)}.
     *
     * @param exampleShape the shape of one example, e.g. {@code [20]} or {@code [1, 28, 28]};
     *     {@code null} or empty to keep the default input
     * @param labels number of classes (classifiers), or ≤ 0 to keep the default
     * @return a new builder
     */
    public ZooNetwork.Builder<?> fitTo(long[] exampleShape, int labels) {
        return builder().fitTo(exampleShape, labels);
    }

    /**
     * The network with its defaults.
     *
     * @return the network recipe
     */
    public ZooNetwork defaults() {
        return builder().build();
    }

    /**
     * Whether the network has a layer before its output layer: where dropout and batch
     * normalization act ({@link Knob#hiddenLayerRole()}). Read from the default configuration
     * ({@code conf()}), so a network added through a {@link ZooProvider} needs to declare nothing.
     *
     * @return true when the default configuration has more than one layer
     */
    public boolean hasHiddenLayers() {
        return defaults().conf().getConfs().size() > 1;
    }

    /**
     * Why a regularization has no place in this network, for harnesses that try every regularizer
     * on every network and record the combinations that cannot run (e.g. the
     * {@code zoo-regularizers} suite). Two sources, so no list of combinations is kept anywhere: the
     * knob table ({@link Knob#hiddenLayerRole()}: a knob that only acts on hidden layers has no place
     * in a network without one, {@link #hasHiddenLayers()}), and the network's builder, which refuses
     * a regularization it cannot apply with an {@link IllegalArgumentException} saying why.
     *
     * @param regularization the regularization to try
     * @return the reason, e.g. {@code linear-regression has no hidden layer: dropout drops a hidden
     *     layer's activations}; empty when the network can be built with it
     */
    public Optional<String> notApplicable(Regularization regularization) {
        boolean hidden = hasHiddenLayers();
        for (Knob k : Knob.values()) {
            if (!hidden && k.hiddenLayerRole().isPresent() && k.isSetIn(regularization)) {
                return Optional.of(name + " has no hidden layer: " + k.hiddenLayerRole().get());
            }
        }
        try {
            builder().regularization(regularization).build();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name + " (" + task.id() + ", default dataset " + defaultDataset + "): " + description;
    }

    /** Builds a {@link ZooEntry}; {@link #build()} checks that every field is set. */
    public static final class Builder {
        private final String name;
        private final Supplier<? extends ZooNetwork.Builder<?>> builder;
        private String description;
        private Task task;
        private String defaultDataset;

        private Builder(String name, Supplier<? extends ZooNetwork.Builder<?>> builder) {
            this.name = name;
            this.builder = Objects.requireNonNull(builder, "builder");
        }

        /**
         * @param description one line on what the network is
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param task what the network predicts
         * @return this builder
         */
        public Builder task(Task task) {
            this.task = task;
            return this;
        }

        /**
         * @param dataset the dataset name {@code regzoo train} uses by default
         * @return this builder
         */
        public Builder defaultDataset(String dataset) {
            this.defaultDataset = dataset;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the entry
         * @throws IllegalArgumentException naming the field that is missing or malformed
         */
        public ZooEntry build() {
            if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("zoo entry name must be lower case letters, digits and dashes, got '"
                        + name + "'");
            }
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("zoo entry " + name + ": description is required");
            }
            if (task == null) {
                throw new IllegalArgumentException("zoo entry " + name + ": task is required");
            }
            if (defaultDataset == null || defaultDataset.isBlank()) {
                throw new IllegalArgumentException("zoo entry " + name + ": defaultDataset is required");
            }
            return new ZooEntry(this);
        }
    }
}
