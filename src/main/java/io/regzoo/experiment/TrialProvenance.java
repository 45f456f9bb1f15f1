package io.regzoo.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.regzoo.provenance.DataProvenance;
import io.regzoo.provenance.EnvironmentProvenance;
import io.regzoo.provenance.ExecutorProvenance;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.SpecJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What made a trial, in named parts: the experiment (spec name and hash, dataset, budget), the
 * trained model (optimizer, activation, DL4J configuration JSON), the data
 * ({@link DataProvenance}) and the machine ({@link EnvironmentProvenance}). The regularization is
 * the result's own field ({@link TrialResult#regularization()}). Parts a failed trial never reached
 * (the model when its network could not be built) are {@code null}.
 *
 * @param specName the experiment's name
 * @param specHash SHA-256 of the resolved spec ({@link ExperimentSpec#hash()})
 * @param startTime when the trial started (ISO-8601)
 * @param seed the trial's seed
 * @param dataset the dataset spec, e.g. {@code linear(train=40, test=20, validationSplit=0.2)}
 * @param epochs the epoch budget
 * @param batchSize minibatch size
 * @param earlyStopping the early stopping in force, or {@code none}
 * @param optimizer the network's optimizer
 * @param activation the network's hidden activation (a DL4J {@code Activation} name)
 * @param modelConfig the network's DL4J {@code MultiLayerConfiguration} as JSON
 * @param data where the data came from
 * @param environment the machine the trial ran on
 * @param executor where an engine other than this JVM ran it (Spark: host, executor, attempt), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialProvenance(String specName, String specHash, String startTime, Long seed, String dataset,
        Integer epochs, Integer batchSize, String earlyStopping, Optimizer optimizer, String activation,
        String modelConfig, DataProvenance data, EnvironmentProvenance environment, ExecutorProvenance executor) {

    /** @return a provenance with nothing recorded */
    public static TrialProvenance none() {
        return new TrialProvenance(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Everything recorded, flat, as text, in the keys the report's provenance table shows: the
     * experiment's and model's fields by name, the data's under {@code data.}, the machine's by name.
     *
     * @return an ordered map of the fields that are set
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "specName", specName);
        put(m, "specHash", specHash);
        put(m, "startTime", startTime);
        put(m, "seed", seed);
        put(m, "dataset", dataset);
        if (data != null) {
            data.asMap().forEach((k, v) -> m.put("data." + k, v));
        }
        if (environment != null) {
            m.putAll(environment.asMap());
        }
        put(m, "earlyStopping", earlyStopping);
        put(m, "epochs", epochs);
        put(m, "batchSize", batchSize);
        put(m, "optimizer", optimizer == null ? null : SpecJson.toJson(optimizer));
        put(m, "activation", activation);
        put(m, "modelConfig", modelConfig);
        if (executor != null) {
            executor.asMap().forEach((k, v) -> m.put("executor." + k, v));
        }
        return m;
    }

    /**
     * This provenance with where an engine ran the trial.
     *
     * @param where the executor
     * @return a copy with {@link #executor()} set
     */
    public TrialProvenance withExecutor(ExecutorProvenance where) {
        return new TrialProvenance(specName, specHash, startTime, seed, dataset, epochs, batchSize, earlyStopping,
                optimizer, activation, modelConfig, data, environment, where);
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }

    /** Builds a {@link TrialProvenance}; unset parts stay {@code null}. */
    public static final class Builder {
        private String specName;
        private String specHash;
        private String startTime;
        private Long seed;
        private String dataset;
        private Integer epochs;
        private Integer batchSize;
        private String earlyStopping;
        private Optimizer optimizer;
        private String activation;
        private String modelConfig;
        private DataProvenance data;
        private EnvironmentProvenance environment;

        private Builder() {}

        /**
         * The experiment's part.
         *
         * @param spec the experiment
         * @param seed the trial's seed
         * @param variant the trial's variant (for its early stopping)
         * @return this builder
         */
        public Builder experiment(ExperimentSpec spec, long seed, String variant) {
            return experiment(spec, new Trial("?", variant, seed));
        }

        /**
         * The experiment's part for one trial; the dataset is the one the trial loads (its training-set size on a
         * data-size axis).
         *
         * @param spec the experiment
         * @param trial the trial (its seed, variant and training-set size)
         * @return this builder
         */
        public Builder experiment(ExperimentSpec spec, Trial trial) {
            long seed = trial.seed();
            String variant = trial.variant();
            this.specName = spec.name();
            this.specHash = spec.hash();
            this.seed = seed;
            this.dataset = spec.datasetFor(trial).toString();
            this.epochs = spec.epochs();
            this.batchSize = spec.batchSize();
            var es = spec.earlyStoppingFor(variant);
            this.earlyStopping = es == null ? "none" : es.toString();
            return this;
        }

        /**
         * @param startTime when the trial started (ISO-8601)
         * @return this builder
         */
        public Builder startTime(String startTime) {
            this.startTime = startTime;
            return this;
        }

        /**
         * @param seed the trial's seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The model's part.
         *
         * @param optimizer its optimizer
         * @param activation its hidden activation name
         * @param modelConfig its DL4J configuration JSON
         * @return this builder
         */
        public Builder model(Optimizer optimizer, String activation, String modelConfig) {
            this.optimizer = optimizer;
            this.activation = activation;
            this.modelConfig = modelConfig;
            return this;
        }

        /**
         * @param data where the data came from
         * @return this builder
         */
        public Builder data(DataProvenance data) {
            this.data = data;
            return this;
        }

        /**
         * @param environment the machine
         * @return this builder
         */
        public Builder environment(EnvironmentProvenance environment) {
            this.environment = environment;
            return this;
        }

        /** @return the provenance */
        public TrialProvenance build() {
            return new TrialProvenance(specName, specHash, startTime, seed, dataset, epochs, batchSize, earlyStopping,
                    optimizer, activation, modelConfig, data, environment, null);
        }
    }
}
