package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.data.KFold;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import io.regzoo.train.Measures;
import io.regzoo.train.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Chooses a regularization strength by k-fold cross-validation, then refits and reports the test
 * score. For each value of one parameter (a {@link Knob#sweepable() sweepable} knob: {@code l1},
 * {@code l2}, {@code weightDecay}, {@code dropoutRate}), the network is trained on k−1 folds of the training set (the dataset's
 * whole training set: its validation split is ignored) and scored on the held-out fold: validation
 * data loss for regressors (lowest mean wins), validation accuracy for classifiers (highest mean
 * wins; folds are stratified). Ties go to the earlier value. The chosen value is refit on the whole
 * training set and scored on the test set.
 *
 * <pre>{@code
 * SweepResult r = Sweep.builder().model("linear-regression").dataset(DatasetSpec.builder("sparse20").build())
 *         .param("l2").values(0, 1e-2, 1e-1, 1).folds(5).epochs(100).build().run();
 * }</pre>
 */
public final class Sweep {

    /** The parameters a sweep can vary: the keys of the {@link Knob#sweepable() sweepable} knobs. */
    public static final List<String> PARAMS = Knob.sweepables().stream().map(Knob::key).toList();

    private final String model;
    private final DatasetSpec dataset;
    private final String param;
    private final List<Double> values;
    private final int folds;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final Optimizer optimizer;
    private final Regularization base;
    private final DataSources dataSources;
    private final Consumer<String> progress;

    private Sweep(Builder b) {
        this.model = b.model;
        this.dataset = b.dataset;
        this.param = b.param;
        this.values = List.copyOf(b.values);
        this.folds = b.folds;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.optimizer = b.optimizer;
        this.base = b.base;
        this.dataSources = b.dataSources;
        this.progress = b.progress;
    }

    /**
     * Starts a builder: 5 folds, 20 epochs, batch size 32, seed 1, the model's default optimizer.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The regularization with the swept parameter set.
     *
     * @param base the other settings
     * @param param a name from {@link #PARAMS}
     * @param value the value
     * @return the regularization
     * @throws RegzooException for an unknown parameter or a value out of range
     */
    public static Regularization with(Regularization base, String param, double value) {
        return with(base, knob(param), value);
    }

    /**
     * The regularization with one knob set to a swept value.
     *
     * @param base the other settings
     * @param param the knob
     * @param value the value
     * @return the regularization
     * @throws RegzooException when the value is out of range or contradicts {@code base}
     */
    public static Regularization with(Regularization base, Knob param, double value) {
        try {
            return param.applyTo(base.toBuilder(), value).build();
        } catch (IllegalArgumentException e) {
            throw new RegzooException("values: " + e.getMessage(), e);
        }
    }

    private static Knob knob(String param) {
        try {
            return Knob.sweepable(param);
        } catch (IllegalArgumentException e) {
            throw new RegzooException(e.getMessage(), e);
        }
    }

    /**
     * Runs the sweep.
     *
     * @return fold scores, means, standard deviations, the chosen value and the test score
     * @throws RegzooException when the data cannot be loaded or a value does not fit the model
     */
    public SweepResult run() {
        Splits data = dataSources.get(dataset.name()).load(dataset.toBuilder().validationSplit(0).build(), seed)
                .shapedFor(io.regzoo.zoo.ModelZoo.defaults(model));
        boolean cls = data.isClassification();
        EarlyStopping.Monitor monitor = cls ? EarlyStopping.Monitor.VAL_ACCURACY : EarlyStopping.Monitor.VAL_LOSS;
        String metric = monitor.kerasName();
        List<KFold.Fold> fs = KFold.split(data.train(), folds, seed, cls);
        List<List<Double>> scores = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> stds = new ArrayList<>();
        int best = -1;
        for (int vi = 0; vi < values.size(); vi++) {
            double v = values.get(vi);
            ExperimentSpec spec = specFor(v);
            List<Double> s = new ArrayList<>();
            SummaryStatistics st = new SummaryStatistics();
            for (int f = 0; f < fs.size(); f++) {
                KFold.Fold fold = fs.get(f);
                TrialOutcome o = train(spec, new Splits(fold.train(), data.validation(), fold.validation(), data.provenance()));
                double score = o.result().isOk() ? (cls ? o.result().testAccuracy() : o.result().testLoss())
                        : cls ? Measures.accuracy(o.trainedNetwork(), fold.validation())
                                : Measures.dataLoss(o.trainedNetwork(), fold.validation());
                s.add(score);
                st.addValue(Double.isFinite(score) ? score : (cls ? 0 : Double.MAX_VALUE));
                progress.accept(String.format(java.util.Locale.ROOT, "%s=%s fold %d/%d: %s %.5f", param, v, f + 1,
                        fs.size(), metric, score));
            }
            scores.add(s);
            means.add(st.getMean());
            stds.add(st.getStandardDeviation());
            if (best < 0 || monitor.isBetter(st.getMean(), means.get(best))) {
                best = vi;
            }
        }
        double chosen = values.get(best);
        TrialOutcome refitOutcome = train(specFor(chosen), data);
        MultiLayerNetwork refit = refitOutcome.trainedNetwork();
        double testLoss = Measures.dataLoss(refit, data.test());
        double testAcc = cls ? Measures.accuracy(refit, data.test()) : Double.NaN;
        double trainLoss = Measures.dataLoss(refit, data.train());
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("dataset", dataset.toString());
        data.provenance().forEach((k, val) -> prov.put("data." + k, val));
        prov.put("epochs", Integer.toString(epochs));
        prov.put("batchSize", Integer.toString(batchSize));
        prov.put("seed", Long.toString(seed));
        prov.put("baseRegularization", SpecJson.toJson(base));
        prov.put("optimizer", optimizer == null ? "model default" : SpecJson.toJson(optimizer));
        prov.putAll(Provenance.environment().asMap());
        return new SweepResult(model, dataset.name(), param, metric, folds, values, scores, means, stds, chosen,
                cls ? testAcc : testLoss, testLoss, testAcc, trainLoss, prov);
    }

    /** The one-trial experiment that trains with {@code value}: the sweep's budget, seed and optimizer. */
    private ExperimentSpec specFor(double value) {
        try {
            return ExperimentSpec.builder("sweep-" + param).dataset(dataset.toBuilder().validationSplit(0).build())
                    .models(model).variant(param + "=" + value, Variant.builder().regularization(with(base, param, value)).build())
                    .seeds(seed).epochs(epochs).batchSize(batchSize).optimizer(optimizer).build();
        } catch (RegzooException e) {
            throw new RegzooException(param + "=" + value + " on model " + model + ": " + e.getMessage(), e);
        }
    }

    /** Trains the spec's one trial on {@code data} (fit on its train part, scored on its test part). */
    private TrialOutcome train(ExperimentSpec spec, Splits data) {
        Trial t = new Trial(model, spec.variants().keySet().iterator().next(), seed);
        return TrialRunner.train(spec, t, data, RunListener.NONE)
                .orElseThrow(() -> new RegzooException("the sweep was interrupted"));
    }

    /** Builds a {@link Sweep}; {@link #build()} validates. */
    public static final class Builder {
        private String model;
        private DatasetSpec dataset;
        private String param;
        private final List<Double> values = new ArrayList<>();
        private int folds = 5;
        private int epochs = 20;
        private int batchSize = 32;
        private long seed = 1;
        private Optimizer optimizer;
        private Regularization base = Regularization.none();
        private DataSources dataSources = DataSources.defaults();
        private Consumer<String> progress = s -> { };

        private Builder() {}

        /**
         * @param model zoo name
         * @return this builder
         */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * @param dataset the data (its validation split is ignored)
         * @return this builder
         */
        public Builder dataset(DatasetSpec dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * @param param one of {@link Sweep#PARAMS}
         * @return this builder
         */
        public Builder param(String param) {
            this.param = param;
            return this;
        }

        /**
         * @param param a {@link Knob#sweepable() sweepable} knob
         * @return this builder
         */
        public Builder param(Knob param) {
            this.param = param.key();
            return this;
        }

        /**
         * @param vs the values to try, in order
         * @return this builder
         */
        public Builder values(double... vs) {
            values.clear();
            for (double v : vs) {
                values.add(v);
            }
            return this;
        }

        /**
         * @param vs the values to try, in order
         * @return this builder
         */
        public Builder values(List<Double> vs) {
            values.clear();
            values.addAll(vs);
            return this;
        }

        /**
         * @param k number of folds, ≥ 2
         * @return this builder
         */
        public Builder folds(int k) {
            this.folds = k;
            return this;
        }

        /**
         * @param epochs epochs per fit, ≥ 1
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
         * @param seed seed for data, folds, weights and shuffling
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param optimizer the optimizer, or {@code null} for the model's default
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * @param base the other regularization settings (default none)
         * @return this builder
         */
        public Builder base(Regularization base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /**
         * @param dataSources where datasets come from
         * @return this builder
         */
        public Builder dataSources(DataSources dataSources) {
            this.dataSources = Objects.requireNonNull(dataSources, "dataSources");
            return this;
        }

        /**
         * @param progress receives one line per finished fold
         * @return this builder
         */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the sweep
         * @throws RegzooException naming the field that is missing or out of range
         */
        public Sweep build() {
            if (model == null) {
                throw new RegzooException("model is required");
            }
            io.regzoo.zoo.ModelZoo.builder(model);
            if (dataset == null) {
                throw new RegzooException("dataset is required");
            }
            knob(param);
            if (values.isEmpty()) {
                throw new RegzooException("values must list at least one value");
            }
            for (double v : values) {
                with(base, param, v);
            }
            if (folds < 2) {
                throw new RegzooException("folds must be >= 2, got " + folds);
            }
            if (epochs < 1) {
                throw new RegzooException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new RegzooException("batchSize must be >= 1, got " + batchSize);
            }
            return new Sweep(this);
        }
    }
}
