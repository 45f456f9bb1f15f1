package io.regzoo.experiment;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An experiment: which models, which regularization variants, which seeds, on which data, for how
 * long. Every (model × variant × seed) is one trial. Written as YAML or JSON (see the built-in
 * specs under {@code src/main/resources/specs/}) or with {@link #builder(String)}:
 *
 * <pre>{@code
 * ExperimentSpec spec = ExperimentSpec.builder("l2-on-sparse")
 *         .dataset(DatasetSpec.builder("sparse20").trainSize(40).build())
 *         .models("linear-regression")
 *         .variant("baseline", Variant.of(Regularization.none()))
 *         .variant("l2", Variant.of(Regularization.builder().l2(0.1).build()))
 *         .seeds(1, 2, 3).epochs(50).batchSize(16).optimizer(Optimizer.sgd(0.05))
 *         .build();
 * }</pre>
 *
 * <p>File keys: {@code name}, {@code dataset} ({@code name, trainSize, testSize,
 * validationSplit}), {@code models}, {@code variants}, {@code seeds}, {@code epochs},
 * {@code batchSize}, {@code optimizer} ({@code kind, learningRate, momentum, schedule}) and
 * {@code earlyStopping} (Keras names: {@code monitor, patience, min_delta, restore_best_weights}),
 * the default for variants that have none, and {@code margin}, the report's equivalence margin: a number for the
 * primary metric of every model in its units ({@code 0.003} = 0.3 pp of accuracy) or a mapping with the keys
 * {@code primary}, {@code accuracy}, {@code loss}. The margin is an analysis setting: it is written to
 * {@code spec.json} but not part of {@link #hash()} for fixed seeds, so changing it does not change the trials (with {@code seeds: {auto: true}} it decides which trials run and is part of the hash). Unknown keys are
 * errors.
 *
 * <p>{@code seeds} is a list ({@code [1, 2, 3]}), one seed ({@code 3}), or seeds until the answer is clear:
 * {@code {auto: true, min: 3, max: 20, timeBudget: 30m}} ({@link SequentialSeeds}; every key but {@code auto}
 * optional). Then {@link #seeds()} are the seeds that may run, {@code 1 … max}, and the runner decides how many
 * each variant gets; the sequential settings are part of {@link #hash()}.
 */
public final class ExperimentSpec {

    /** Names of the specs shipped as resources ({@code specs/NAME.yaml}). */
    public static final List<String> BUILT_IN = List.of("doc1-linear-l2", "doc2-mlp-decay", "doc3-cnn-weight-decay",
            "doc4-techniques", "doc5-l1-l2-elu", "mnist-data-size", "mnist-regularizers", "mnist-small-data",
            "synthetic-regularizers");

    private final String name;
    private final DatasetSpec dataset;
    private final List<String> models;
    private final Map<String, Variant> variants;
    private final List<Long> seeds;
    private final int epochs;
    private final int batchSize;
    private final Optimizer optimizer;
    private final EarlyStopping earlyStopping;
    private final Map<String, Double> margin;

    /** Margin key: the primary metric of every model (test accuracy as a fraction, or test loss). */
    public static final String MARGIN_PRIMARY = "primary";
    /** The keys of {@link #margin()}. */
    public static final List<String> MARGIN_KEYS = List.of(MARGIN_PRIMARY, "accuracy", "loss");
    private final SequentialSeeds sequential;

    private ExperimentSpec(Builder b) {
        this.name = b.name;
        this.dataset = b.dataset;
        this.models = List.copyOf(b.models);
        this.variants = Collections.unmodifiableMap(new LinkedHashMap<>(b.variants));
        this.seeds = List.copyOf(b.seeds);
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.optimizer = b.optimizer;
        this.earlyStopping = b.earlyStopping;
        this.margin = Collections.unmodifiableMap(new LinkedHashMap<>(b.margin));
        this.sequential = b.sequential;
    }

    /**
     * Starts a spec: 10 epochs, batch size 32, seed 1, each model's default optimizer.
     *
     * @param name the experiment's name
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding this spec, to derive another (e.g. fewer epochs) */
    public Builder toBuilder() {
        Builder b = builder(name).dataset(dataset).epochs(epochs).batchSize(batchSize).optimizer(optimizer)
                .earlyStopping(earlyStopping).margin(margin);
        b.models.addAll(models);
        b.variants.putAll(variants);
        b.seeds.addAll(seeds);
        b.sequential = sequential;
        return b;
    }

    /**
     * Parses a spec from YAML or JSON text.
     *
     * @param text the spec text
     * @param source where it came from (file name), for messages
     * @return the validated spec
     * @throws RegzooException naming the field (and line) that is wrong
     */
    public static ExperimentSpec parse(String text, String source) {
        return new SpecParser(text, source).parse();
    }

    /**
     * Loads a spec from a file path or, when no such file exists, a built-in spec by name
     * ({@link #BUILT_IN}).
     *
     * @param pathOrName a path to a {@code .yaml}/{@code .yml}/{@code .json} file, or a built-in name
     * @return the validated spec
     * @throws RegzooException when neither exists or the spec is invalid
     */
    public static ExperimentSpec load(String pathOrName) {
        Path p = Path.of(pathOrName);
        if (Files.isRegularFile(p)) {
            try {
                return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
            } catch (IOException e) {
                throw new RegzooException("cannot read spec " + p + ": " + e.getMessage(), e);
            }
        }
        String n = pathOrName.replaceFirst("\\.ya?ml$", "");
        try (InputStream in = ExperimentSpec.class.getResourceAsStream("/specs/" + n + ".yaml")) {
            if (in == null) {
                throw new RegzooException("spec '" + pathOrName + "' is neither a file nor a built-in spec; built-in: "
                        + String.join(", ", BUILT_IN) + "; built-in suites: " + String.join(", ", Suite.BUILT_IN));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in spec " + n);
        } catch (IOException e) {
            throw new RegzooException("cannot read built-in spec " + n + ": " + e.getMessage(), e);
        }
    }

    /** @return the experiment's name */
    public String name() {
        return name;
    }

    /** @return the dataset spec */
    public DatasetSpec dataset() {
        return dataset;
    }

    /** @return zoo model names */
    public List<String> models() {
        return models;
    }

    /** @return variant name → variant, in spec order */
    public Map<String, Variant> variants() {
        return variants;
    }

    /**
     * The seeds: one trial per seed for each model × variant; with {@link #sequential()} the seeds that may run,
     * {@code 1 … max}.
     *
     * @return the seeds
     */
    public List<Long> seeds() {
        return seeds;
    }

    /**
     * Seeds until the answer is clear ({@code seeds: {auto: true, …}}, {@code --seeds auto}).
     *
     * @return the sequential settings, or {@code null} when the seeds are a fixed list
     */
    public SequentialSeeds sequential() {
        return sequential;
    }

    /** @return the epoch budget */
    public int epochs() {
        return epochs;
    }

    /** @return the minibatch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the optimizer for all variants without their own, or {@code null} for each model's default */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return early stopping for all variants without their own, or {@code null} for none */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /**
     * The report's equivalence margins ({@link #MARGIN_KEYS}; empty: the report's defaults).
     *
     * @return key → margin, in the metric's units
     */
    public Map<String, Double> margin() {
        return margin;
    }

    /**
     * @return the number of trials, models × variants × training-set sizes × seeds (with {@link #sequential()}: the
     *     most there can be)
     */
    public int numTrials() {
        return models.size() * variants.size() * dataset.gridSizes().size() * seeds.size();
    }

    /**
     * The grid cells of one seed, in run order: each model, each training-set size (smallest first), each variant.
     *
     * @param seed the seed
     * @return the trials
     */
    public List<Trial> trialsOf(long seed) {
        List<Trial> out = new ArrayList<>();
        for (String model : models) {
            for (Integer size : dataset.gridSizes()) {
                for (String variant : variants.keySet()) {
                    out.add(new Trial(model, variant, size, seed));
                }
            }
        }
        return out;
    }

    /**
     * The data a trial loads: {@link #dataset()} at the trial's training-set size.
     *
     * @param trial the trial
     * @return the dataset spec
     */
    public DatasetSpec datasetFor(Trial trial) {
        return dataset.forSize(trial.trainSize());
    }

    /**
     * The network recipe of one trial: the model's defaults, the variant's regularization and
     * overrides, the experiment's optimizer, the seed, and input/output sizes fitted to the data's
     * shape (for the networks that have such knobs).
     *
     * @param model a zoo name from {@link #models()}
     * @param variant a variant name from {@link #variants()}
     * @param seed the seed
     * @param numFeatures input features per example, or ≤ 0 for the model's default (the CNN keeps
     *     its image input, to which the harness reshapes flat data)
     * @param numLabels label columns (classes for classifiers), or ≤ 0 for the model's default
     * @return the recipe
     * @throws RegzooException when the variant has no place in the model
     * @see #network(String, String, long, long[], int)
     */
    public ZooNetwork network(String model, String variant, long seed, long numFeatures, int numLabels) {
        return network(model, variant, seed, numFeatures > 0 ? new long[] {numFeatures} : null, numLabels);
    }

    /**
     * The network recipe of one trial, fitted to the shape of one example
     * ({@link io.regzoo.zoo.ZooEntry#fitTo(long[], int)}).
     *
     * @param model a zoo name from {@link #models()}
     * @param variant a variant name from {@link #variants()}
     * @param seed the seed
     * @param exampleShape the shape of one example, e.g. {@code [784]} or {@code [1, 28, 28]};
     *     {@code null} for the model's default input
     * @param numLabels label columns (classes for classifiers), or ≤ 0 for the model's default
     * @return the recipe
     * @throws RegzooException when the variant has no place in the model
     */
    public ZooNetwork network(String model, String variant, long seed, long[] exampleShape, int numLabels) {
        Variant v = variants.get(variant);
        if (v == null) {
            throw new RegzooException("unknown variant '" + variant + "'; the spec has " + variants.keySet());
        }
        return Networks.build(model, v, optimizer, seed, exampleShape, numLabels);
    }

    /**
     * The early stopping in force for a variant: its own, else the experiment's.
     *
     * @param variant a variant name
     * @return the settings, or {@code null} for none
     */
    public EarlyStopping earlyStoppingFor(String variant) {
        Variant v = variants.get(variant);
        return v != null && v.earlyStopping() != null ? v.earlyStopping() : earlyStopping;
    }

    /**
     * The resolved spec as JSON, in the file format ({@link #parse} reads it back to an equal spec).
     *
     * @return pretty JSON
     */
    public String toJson() {
        return SpecJson.toJson(toTree());
    }

    /** @return SHA-256 (hex) of the compact resolved JSON: the spec's identity in provenance */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(SpecJson.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(sequential != null ? toTree() : toTree().without("margin")));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash the spec", e);
        }
    }

    ObjectNode toTree() {
        ObjectMapper m = SpecJson.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("name", name);
        root.set("dataset", m.valueToTree(dataset));
        ArrayNode ms = root.putArray("models");
        models.forEach(ms::add);
        ObjectNode vs = root.putObject("variants");
        for (Map.Entry<String, Variant> e : variants.entrySet()) {
            vs.set(e.getKey(), variantTree(e.getValue()));
        }
        if (sequential != null) {
            ObjectNode sq = root.putObject("seeds");
            sq.put("auto", true);
            sq.put("min", sequential.minSeeds());
            sq.put("max", sequential.maxSeeds());
            if (sequential.timeBudget() != null) {
                sq.put("timeBudget", SequentialSeeds.format(sequential.timeBudget()));
            }
        } else {
            ArrayNode ss = root.putArray("seeds");
            seeds.forEach(ss::add);
        }
        root.put("epochs", epochs);
        root.put("batchSize", batchSize);
        if (optimizer != null) {
            root.set("optimizer", m.valueToTree(optimizer));
        }
        if (earlyStopping != null) {
            root.set("earlyStopping", m.valueToTree(earlyStopping));
        }
        if (margin.size() == 1 && margin.containsKey(MARGIN_PRIMARY)) {
            root.put("margin", margin.get(MARGIN_PRIMARY));
        } else if (!margin.isEmpty()) {
            ObjectNode mg = root.putObject("margin");
            margin.forEach(mg::put);
        }
        return root;
    }

    static ObjectNode variantTree(Variant v) {
        ObjectMapper m = SpecJson.mapper();
        ObjectNode n = m.valueToTree(v.regularization());
        if (v.optimizer() != null) {
            n.set("optimizer", m.valueToTree(v.optimizer()));
        }
        if (v.activation() != null) {
            n.put("activation", v.activation().name().toLowerCase(Locale.ROOT));
        }
        if (v.earlyStopping() != null) {
            n.set("earlyStopping", m.valueToTree(v.earlyStopping()));
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExperimentSpec && toTree().equals(((ExperimentSpec) o).toTree());
    }

    @Override
    public int hashCode() {
        return toTree().hashCode();
    }

    @Override
    public String toString() {
        return "ExperimentSpec{" + name + ": " + models + " x " + variants.keySet() + " x seeds "
                + (sequential != null ? sequential : seeds) + " on "
                + dataset + ", " + epochs + " epochs}";
    }

    /** Builds an {@link ExperimentSpec}; {@link #build()} validates every field and names the wrong one. */
    public static final class Builder {
        private final String name;
        private DatasetSpec dataset;
        private final List<String> models = new ArrayList<>();
        private final Map<String, Variant> variants = new LinkedHashMap<>();
        private final List<Long> seeds = new ArrayList<>();
        private int epochs = 10;
        private int batchSize = 32;
        private Optimizer optimizer;
        private EarlyStopping earlyStopping;
        private final Map<String, Double> margin = new LinkedHashMap<>();
        private SequentialSeeds sequential;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param dataset the data
         * @return this builder
         */
        public Builder dataset(DatasetSpec dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Adds zoo models.
         *
         * @param names zoo names
         * @return this builder
         */
        public Builder models(String... names) {
            models.addAll(List.of(names));
            return this;
        }

        /**
         * Replaces the model list.
         *
         * @param names zoo names
         * @return this builder
         */
        public Builder models(List<String> names) {
            models.clear();
            models.addAll(names);
            return this;
        }

        /**
         * Adds (or replaces) a variant.
         *
         * @param variantName its name, e.g. {@code l2}
         * @param variant the variant
         * @return this builder
         */
        public Builder variant(String variantName, Variant variant) {
            variants.put(variantName, Objects.requireNonNull(variant, "variant"));
            return this;
        }

        /**
         * Keeps only the named variants.
         *
         * @param names variant names to keep
         * @return this builder
         */
        public Builder onlyVariants(List<String> names) {
            for (String n : names) {
                if (!variants.containsKey(n)) {
                    throw new RegzooException("unknown variant '" + n + "'; the spec has " + variants.keySet());
                }
            }
            variants.keySet().retainAll(names);
            return this;
        }

        /**
         * Replaces the seeds.
         *
         * @param s seeds
         * @return this builder
         */
        public Builder seeds(long... s) {
            sequential = null;
            seeds.clear();
            for (long x : s) {
                seeds.add(x);
            }
            return this;
        }

        /**
         * Replaces the seeds.
         *
         * @param s seeds
         * @return this builder
         */
        public Builder seeds(List<Long> s) {
            sequential = null;
            seeds.clear();
            seeds.addAll(s);
            return this;
        }

        /**
         * Seeds until the answer is clear: replaces the seeds by {@code 1 … max} and lets the runner decide how
         * many each variant gets ({@link SequentialSeeds}). {@link #seeds(long...)} undoes it.
         *
         * @param settings the sequential settings
         * @return this builder
         */
        public Builder autoSeeds(SequentialSeeds settings) {
            sequential = Objects.requireNonNull(settings, "settings");
            seeds.clear();
            seeds.addAll(settings.seeds());
            return this;
        }

        /**
         * @param epochs epoch budget, ≥ 1
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param batchSize minibatch size, ≥ 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param optimizer default optimizer, or {@code null} for each model's own
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * @param earlyStopping default early stopping, or {@code null} for none
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * Replaces the report's equivalence margins.
         *
         * @param margins keys from {@link #MARGIN_KEYS} → positive margin in the metric's units; {@code null} or
         *     empty for the report's defaults
         * @return this builder
         */
        public Builder margin(Map<String, Double> margins) {
            margin.clear();
            if (margins != null) {
                margin.putAll(margins);
            }
            return this;
        }

        /**
         * Validates and builds; every model × variant is built once to catch a regularizer that has
         * no place in a model.
         *
         * @return the spec
         * @throws RegzooException naming the field that is wrong
         */
        public ExperimentSpec build() {
            if (name == null || name.isBlank()) {
                throw new RegzooException("name is required");
            }
            if (dataset == null) {
                throw new RegzooException("dataset is required");
            }
            if (models.isEmpty()) {
                throw new RegzooException("models must list at least one zoo network; the zoo has "
                        + String.join(", ", ModelZoo.names()));
            }
            for (String m : models) {
                if (!ModelZoo.names().contains(m)) {
                    throw new RegzooException("models: unknown model '" + m + "'; the zoo has " + String.join(", ", ModelZoo.names()));
                }
            }
            if (new LinkedHashSet<>(models).size() != models.size()) {
                throw new RegzooException("models: a model is listed twice: " + models);
            }
            if (variants.isEmpty()) {
                throw new RegzooException("variants must have at least one entry (e.g. baseline: {})");
            }
            for (String v : variants.keySet()) {
                if (v.isBlank() || v.contains("/")) {
                    throw new RegzooException("variants: name '" + v + "' must be non-empty and contain no '/'");
                }
            }
            if (seeds.isEmpty()) {
                throw new RegzooException("seeds must list at least one seed");
            }
            if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
                throw new RegzooException("seeds: a seed is listed twice: " + seeds);
            }
            if (sequential != null && dataset.trainSizes() != null) {
                throw new RegzooException("seeds: {auto: true} cannot be combined with dataset.trainSizes yet;"
                        + " give a fixed list of seeds, or one training-set size");
            }
            if (epochs < 1) {
                throw new RegzooException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new RegzooException("batchSize must be >= 1, got " + batchSize);
            }
            for (Map.Entry<String, Double> e : margin.entrySet()) {
                if (!MARGIN_KEYS.contains(e.getKey())) {
                    throw new RegzooException("margin: unknown key '" + e.getKey() + "'; known: "
                            + String.join(", ", MARGIN_KEYS));
                }
                Double v = e.getValue();
                if (v == null || !(v > 0) || Double.isInfinite(v)) {
                    throw new RegzooException("margin: " + e.getKey() + " must be a positive number, got " + v);
                }
            }
            for (String m : models) {
                for (Map.Entry<String, Variant> v : variants.entrySet()) {
                    try {
                        Networks.build(m, v.getValue(), optimizer, 1, null, -1);
                    } catch (IllegalArgumentException e) {
                        throw new RegzooException("variants." + v.getKey() + " on model " + m + ": " + e.getMessage(), e);
                    }
                }
            }
            return new ExperimentSpec(this);
        }
    }

}
