package io.regzoo.train;

import io.regzoo.RegzooException;
import io.regzoo.data.ArrayDataSetIterator;
import io.regzoo.zoo.ZooNetwork;
import java.util.ArrayList;
import java.util.List;

import java.util.Objects;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.InvalidScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains a {@link ZooNetwork} for a fixed epoch budget, honestly and reproducibly, on in-memory data
 * ({@link #fit(ZooNetwork, DataSet, DataSet)}: the training set is reshuffled every epoch from the
 * seed, epoch {@code e} sees the minibatches of
 * {@link ArrayDataSetIterator#shuffled}{@code (train, batchSize, seed)} at
 * {@link ArrayDataSetIterator.Position}{@code (seed, e)}; with Keras's {@code shuffle=False},
 * {@link Builder#shuffle(boolean) shuffle(false)}, every epoch fits consecutive row ranges in order,
 * views of the training set that are never copied) or on any DL4J {@link DataSetIterator}
 * ({@link #fit(ZooNetwork, DataSetIterator, DataSet)}: the iterator makes the minibatches and their
 * order and is reset before every epoch). Every epoch is measured the same way ({@link Measures}).
 *
 * <p>Without early stopping, it runs a plain minibatch loop ({@code net.fit(batch)}); with
 * {@link EarlyStopping} it runs DL4J's {@link EarlyStoppingTrainer} with the Keras settings mapped
 * onto {@link EarlyStoppingConfiguration}, always checking its termination reason (DL4J returns
 * {@code Error} instead of throwing; regzoo throws).
 *
 * <p>Per epoch it records an {@link EpochMetrics}: the <b>training loss</b>, the mean over the epoch's
 * minibatches of each minibatch's <em>data</em> loss as training computed it (training mode, so with
 * dropout, at the weights before that minibatch's update): DL4J's minibatch score minus the penalty
 * terms DL4J adds to it ({@code MultiLayerNetwork.calcRegularizationScore(true)}: L1 {@code λ·Σ|w|},
 * L2 and weight decay {@code λ/2·Σw²}; regzoo sums them with one reduction per run of parameter
 * arrays that share a coefficient, equal to DL4J's sum up to float rounding), so it is comparable across variants with different penalties
 * and with the validation loss (under weight decay 0.5 DL4J's score would read ≈ 50 where the data
 * loss is ≈ 0.1); training accuracy at the epoch's end in inference mode on up to
 * {@link Builder#trainEvalExamples(int)} training examples; validation data loss and accuracy
 * (inference mode, penalties excluded); the output layer's learning rate, the weights' L2 norm and
 * near-zero fraction, and wall time.
 *
 * <p>DL4J {@link TrainingListener}s given to {@link Builder#trainingListeners} are added to the
 * network before the first minibatch, after regzoo's own score listener, and stay on the trained
 * network (e.g. DL4J's {@code ScoreIterationListener}, or the UI's {@code StatsListener}).
 *
 * <p>A NaN or infinite minibatch score, or validation loss at the end of an epoch, ends the run as
 * {@link StopReason#DIVERGED} (reported, not thrown; also with early stopping, where a best epoch could
 * be restored). An interrupted thread ends it as {@link StopReason#INTERRUPTED} between epochs (the
 * interrupt flag stays set for the caller).
 *
 * <pre>{@code
 * TrainRun run = Trainer.builder().epochs(20).batchSize(32).seed(1)
 *         .earlyStopping(EarlyStopping.builder().patience(2).restoreBestWeights(true).build())
 *         .trainingListeners(new ScoreIterationListener(100))
 *         .build()
 *         .fit(MlpRegressor.builder().build(), train, validation);
 * }</pre>
 */
public final class Trainer {

    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final EarlyStopping earlyStopping;
    private final EpochListener listener;
    private final int trainEvalExamples;
    private final List<TrainingListener> trainingListeners;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.earlyStopping = b.earlyStopping;
        this.listener = b.listener;
        this.trainEvalExamples = b.trainEvalExamples;
        this.trainingListeners = List.copyOf(b.trainingListeners);
    }

    /**
     * Starts a builder: 10 epochs, batch size 32, seed 42, no early stopping.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the epoch budget */
    public int epochs() {
        return epochs;
    }

    /** @return the minibatch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the early-stopping settings, or {@code null} when off */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /**
     * Initializes the network ({@link ZooNetwork#init()}) and trains it.
     *
     * @param network the network recipe
     * @param train the training examples (labels one-hot for classifiers)
     * @param validation the validation examples, or {@code null}; required with early stopping
     * @return the run: history, stop reason, kept epoch, trained network
     * @throws RegzooException when the data does not fit the network, or early stopping has no
     *     validation set, or DL4J's early-stopping trainer ended with an error
     */
    public TrainRun fit(ZooNetwork network, DataSet train, DataSet validation) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(train, "train");
        if (train.numExamples() == 0) {
            throw new RegzooException("training set is empty");
        }
        network.checkInput(train.getFeatures());
        DataSet trainEval = train.numExamples() <= trainEvalExamples ? train
                : (DataSet) train.getRange(0, trainEvalExamples);
        if (!shuffle) { // DL4J's iterator over views: the plain loop of pre-split minibatches
            int n = train.numExamples();
            List<DataSet> views = new ArrayList<>();
            for (int from = 0; from < n; from += batchSize) {
                views.add((DataSet) train.getRange(from, Math.min(n, from + batchSize)));
            }
            return fit(network, new ExistingDataSetIterator(views), views.size(), trainEval, validation);
        }
        // net.fit is done with a minibatch before the next is gathered: gather into the same arrays
        ArrayDataSetIterator batches = ArrayDataSetIterator.shuffled(train, batchSize, seed).reusingBatches();
        // Trainer epoch e trains on the iterator's order e (the order regzoo has always used;
        // order 0 is never trained on). A resumed run restores Position(seed, next epoch).
        batches.restore(new ArrayDataSetIterator.Position(seed, 1));
        return fit(network, batches, batches.batchesPerEpoch(), trainEval, validation);
    }

    /**
     * Initializes the network ({@link ZooNetwork#init()}) and trains it on minibatches from a DL4J
     * iterator: each epoch calls {@code train.reset()} and then fits every minibatch the iterator
     * gives, in its order (so the builder's {@link Builder#batchSize batchSize} and
     * {@link Builder#seed seed} do not apply: batch size, shuffling and preprocessing are the
     * iterator's). Before training, the first {@link Builder#trainEvalExamples(int)} examples are
     * read from the iterator once and kept for the per-epoch training accuracy. Everything else,
     * including early stopping, is as for {@link #fit(ZooNetwork, DataSet, DataSet)}.
     *
     * @param network the network recipe
     * @param train the training minibatches (labels one-hot for classifiers); must support
     *     {@link DataSetIterator#reset()}
     * @param validation the validation examples (in memory, measured after every epoch), or
     *     {@code null}; required with early stopping
     * @return the run: history, stop reason, kept epoch, trained network
     * @throws RegzooException when the iterator cannot be reset or gives no examples, the data does not
     *     fit the network, early stopping has no validation set, or DL4J's early-stopping trainer ended
     *     with an error
     */
    public TrainRun fit(ZooNetwork network, DataSetIterator train, DataSet validation) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(train, "train");
        if (!train.resetSupported()) {
            throw new RegzooException("the training iterator (" + train.getClass().getSimpleName()
                    + ") does not support reset(); Trainer runs several epochs over it");
        }
        train.reset();
        List<DataSet> head = new ArrayList<>();
        int n = 0;
        while (n < trainEvalExamples && train.hasNext()) {
            DataSet b = train.next();
            if (b.numExamples() == 0) {
                continue;
            }
            network.checkInput(b.getFeatures());
            head.add(b);
            n += b.numExamples();
        }
        if (n == 0) {
            throw new RegzooException("training set is empty: the iterator gave no examples");
        }
        DataSet trainEval = head.size() == 1 ? head.get(0) : DataSet.merge(head);
        if (trainEval.numExamples() > trainEvalExamples) {
            trainEval = (DataSet) trainEval.getRange(0, trainEvalExamples);
        }
        train.reset();
        return fit(network, train, 0, trainEval, validation);
    }

    private TrainRun fit(ZooNetwork network, DataSetIterator batches, int batchesPerEpoch, DataSet trainEval,
            DataSet validation) {
        if (validation != null && validation.numExamples() > 0) {
            network.checkInput(validation.getFeatures());
        } else {
            validation = null;
        }
        if (earlyStopping != null && validation == null) {
            throw new RegzooException("earlyStopping needs a validation set: set dataset.validationSplit > 0");
        }
        if (earlyStopping != null && earlyStopping.monitor() == EarlyStopping.Monitor.VAL_ACCURACY && !network.isClassifier()) {
            throw new RegzooException("earlyStopping.monitor val_accuracy needs a classifier; " + network.name()
                    + " is a regressor: use val_loss");
        }
        MultiLayerNetwork net = network.init();
        Context ctx = new Context(net, network.isClassifier(), batches, batchesPerEpoch, trainEval, validation);
        long t0 = System.nanoTime();
        TrainRun run = earlyStopping == null ? fitPlain(ctx) : fitEarlyStopping(ctx);
        return new TrainRun(run.history(), run.stopReason(), run.bestEpoch(), run.monitoredBestEpoch(), run.network(),
                run.message(), (System.nanoTime() - t0) / 1e9);
    }

    private TrainRun fitPlain(Context ctx) {
        MultiLayerNetwork net = ctx.net;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (Thread.currentThread().isInterrupted()) {
                return ctx.finish(StopReason.INTERRUPTED, net, ctx.history.size(), ctx.history.size(), "interrupted");
            }
            net.setEpochCount(epoch - 1);
            ctx.startEpoch(epoch);
            ctx.batches.reset();
            // net.fit(DataSet) does not call the epoch methods; DL4J's early-stopping trainer calls them too
            trainingListeners.forEach(l -> l.onEpochStart(net));
            while (ctx.batches.hasNext()) {
                net.fit(ctx.batches.next());
                if (ctx.scores.diverged) {
                    return ctx.finish(StopReason.DIVERGED, net, ctx.history.size(), ctx.history.size(), ctx.scores.divergedMessage());
                }
            }
            trainingListeners.forEach(l -> l.onEpochEnd(net));
            net.incrementEpochCount();
            ctx.endEpoch(epoch, Double.NaN);
        }
        if (ctx.scores.validationDiverged()) { // the last update made the validation loss non-finite
            return ctx.finish(StopReason.DIVERGED, net, epochs, epochs, ctx.scores.divergedMessage());
        }
        return ctx.finish(StopReason.COMPLETED, net, epochs, epochs, "");
    }

    private TrainRun fitEarlyStopping(Context ctx) {
        MultiLayerNetwork net = ctx.net;
        EarlyStopping es = earlyStopping;
        InMemoryModelSaver<MultiLayerNetwork> saver = new InMemoryModelSaver<>();
        InterruptCondition interrupt = new InterruptCondition();
        EarlyStoppingConfiguration<MultiLayerNetwork> conf = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(interrupt, new MaxEpochsTerminationCondition(epochs),
                        new ScoreImprovementEpochTerminationCondition(es.patience(), es.minDelta()))
                .iterationTerminationConditions(new InvalidScoreIterationTerminationCondition())
                .scoreCalculator(new MonitorCalculator(es.monitor(), ctx.validation))
                .evaluateEveryNEpochs(1)
                .modelSaver(saver)
                .saveLastModel(true)
                .build();
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(conf, net, ctx.batches);
        trainer.setListener(new EarlyStoppingListener<MultiLayerNetwork>() {
            @Override
            public void onStart(EarlyStoppingConfiguration<MultiLayerNetwork> c, MultiLayerNetwork m) {
                ctx.startEpoch(1);
            }

            @Override
            public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<MultiLayerNetwork> c,
                    MultiLayerNetwork m) {
                ctx.endEpoch(epochNum + 1, score);
                ctx.startEpoch(epochNum + 2);
            }

            @Override
            public void onCompletion(EarlyStoppingResult<MultiLayerNetwork> r) {}
        });
        EarlyStoppingResult<MultiLayerNetwork> result;
        try {
            result = trainer.fit();
        } catch (RuntimeException e) {
            // DL4J dereferences a missing best model when the loss diverges before the first epoch ends.
            if (ctx.scores.diverged) {
                return ctx.finish(StopReason.DIVERGED, net, 0, 0, ctx.scores.divergedMessage());
            }
            throw e;
        }
        int finished = ctx.history.size();
        int monitoredBest = result.getBestModelEpoch() < 0 ? 0 : result.getBestModelEpoch() + 1;
        if ((ctx.scores.diverged || ctx.scores.validationDiverged())
                && result.getTerminationReason() != EarlyStoppingResult.TerminationReason.Error) {
            // a non-finite minibatch or validation loss: diverged, even where a best epoch could be restored
            return ctx.finish(StopReason.DIVERGED, net, finished, monitoredBest, ctx.scores.divergedMessage());
        }
        switch (result.getTerminationReason()) {
            case Error:
                throw new RegzooException("training failed in DL4J's early-stopping trainer at epoch "
                        + (result.getTotalEpochs() + 1) + ": " + result.getTerminationDetails());
            case IterationTerminationCondition:
                return ctx.finish(StopReason.DIVERGED, net, finished, monitoredBest,
                        ctx.scores.diverged ? ctx.scores.divergedMessage() : result.getTerminationDetails());
            case EpochTerminationCondition:
            default:
                break;
        }
        String details = result.getTerminationDetails();
        StopReason reason;
        if (details.equals(interrupt.toString())) {
            reason = StopReason.INTERRUPTED;
        } else if (details.startsWith("MaxEpochsTerminationCondition")) {
            reason = StopReason.COMPLETED;
        } else {
            reason = StopReason.EARLY_STOPPED;
        }
        if (es.restoreBestWeights() && result.getBestModel() != null && monitoredBest > 0) {
            // DL4J overwrites getBestModelScore with the last minibatch score: the monitored score of the
            // best epoch is scoreVsEpoch[bestEpoch].
            return ctx.finish(reason, result.getBestModel(), monitoredBest, monitoredBest,
                    reason == StopReason.INTERRUPTED ? "interrupted" : "");
        }
        return ctx.finish(reason, net, finished, monitoredBest, reason == StopReason.INTERRUPTED ? "interrupted" : "");
    }

    /** Per-run state: data, iterator, score accumulator, history. */
    private final class Context {
        final MultiLayerNetwork net;
        final boolean classifier;
        final DataSet validation;
        final DataSet trainEval;
        final DataSetIterator batches;
        final ScoreTracker scores;
        final List<EpochMetrics> history = new ArrayList<>();
        long epochStart;

        Context(MultiLayerNetwork net, boolean classifier, DataSetIterator batches, int batchesPerEpoch,
                DataSet trainEval, DataSet validation) {
            this.net = net;
            this.classifier = classifier;
            this.validation = validation;
            this.trainEval = trainEval;
            this.batches = batches;
            this.scores = new ScoreTracker(listener, batchesPerEpoch, Penalty.of(net));
            net.addListeners(scores);
            if (!trainingListeners.isEmpty()) {
                net.addListeners(trainingListeners.toArray(new TrainingListener[0]));
            }
        }

        void startEpoch(int epoch) {
            scores.startEpoch(epoch);
            epochStart = System.nanoTime();
        }

        void endEpoch(int epoch, double monitoredScore) {
            double trainLoss = scores.meanScore();
            double trainAcc = classifier ? Measures.accuracy(net, trainEval) : Double.NaN;
            double valLoss = validation == null ? Double.NaN : Measures.dataLoss(net, validation);
            double valAcc = validation != null && classifier ? Measures.accuracy(net, validation) : Double.NaN;
            if (validation != null && !Double.isFinite(valLoss)) {
                scores.validationNonFinite(valLoss, "on the validation set after epoch " + epoch);
            }
            Double lr = net.getLearningRate(net.getnLayers() - 1);
            EpochMetrics m = new EpochMetrics(epoch, trainLoss, trainAcc, valLoss, valAcc,
                    lr == null ? Double.NaN : lr, Measures.weightNorm(net), Measures.nearZeroFraction(net),
                    (System.nanoTime() - epochStart) / 1e9);
            history.add(m);
            listener.onEpoch(m);
        }

        TrainRun finish(StopReason reason, MultiLayerNetwork kept, int bestEpoch, int monitoredBest, String message) {
            List<TrainingListener> rest = new ArrayList<>(net.getListeners());
            rest.remove(scores);
            net.setListeners(rest);
            if (kept != net) {
                kept.setListeners(rest);
            }
            return new TrainRun(history, reason, bestEpoch, monitoredBest, kept, message, 0);
        }
    }

    /**
     * Accumulates minibatch data losses (DL4J's score minus the penalty terms it added, taken when the
     * gradient is computed, at the same weights as the score), forwards them, and flags a non-finite score.
     */
    private static final class ScoreTracker extends BaseTrainingListener {
        private final EpochListener listener;
        private final int perEpoch;
        private int epoch;
        private int iteration;
        private double sum;
        /** {@code calcRegularizationScore(true)} at the weights the current minibatch's score was computed at. */
        private double penalty;
        boolean diverged;
        private double badScore;
        private int badEpoch;
        private int badIteration;
        private double valBadScore;
        private String valBadWhere;

        /** The penalty terms of the trained network, with fewer native calls than DL4J's own sum. */
        private final Penalty penalties;

        ScoreTracker(EpochListener listener, int perEpoch, Penalty penalties) {
            this.listener = listener;
            this.perEpoch = perEpoch;
            this.penalties = penalties;
        }

        void startEpoch(int e) {
            epoch = e;
            iteration = 0;
            sum = 0;
        }

        double meanScore() {
            return iteration == 0 ? Double.NaN : sum / iteration;
        }

        /** Where the loss first became non-finite: a minibatch (found first by the next one) or else the validation set. */
        String divergedMessage() {
            return diverged ? "loss became " + badScore + " at epoch " + badEpoch + ", minibatch " + badIteration
                    : "loss became " + valBadScore + " " + valBadWhere;
        }

        /**
         * Notes a non-finite validation loss (the epoch's last update broke the weights). The next
         * minibatch then diverges too; only when training ends before one does this end the run.
         */
        void validationNonFinite(double score, String where) {
            if (valBadWhere == null) {
                valBadScore = score;
                valBadWhere = where;
            }
        }

        /** @return whether a validation loss was non-finite */
        boolean validationDiverged() {
            return valBadWhere != null;
        }

        @Override
        public void onGradientCalculation(Model model) {
            // DL4J computed the score (data loss + calcRegularizationScore(true)) just now, before the update
            penalty = penalties.score();
        }

        @Override
        public void iterationDone(Model model, int iter, int ep) {
            double s = model.score();
            double data = s - penalty;
            penalty = 0.0;
            iteration++;
            sum += data;
            if (!Double.isFinite(s) && !diverged) {
                diverged = true;
                badScore = s;
                badEpoch = epoch;
                badIteration = iteration;
            }
            listener.onIteration(epoch, iteration, perEpoch, data);
        }
    }

    /** The monitored quantity, computed exactly as the history records it. */
    private static final class MonitorCalculator implements ScoreCalculator<MultiLayerNetwork> {
        private static final long serialVersionUID = 1L;
        private final EarlyStopping.Monitor monitor;
        private final transient DataSet validation;

        MonitorCalculator(EarlyStopping.Monitor monitor, DataSet validation) {
            this.monitor = monitor;
            this.validation = validation;
        }

        @Override
        public double calculateScore(MultiLayerNetwork network) {
            return monitor == EarlyStopping.Monitor.VAL_LOSS ? Measures.dataLoss(network, validation)
                    : Measures.accuracy(network, validation);
        }

        @Override
        public boolean minimizeScore() {
            return monitor == EarlyStopping.Monitor.VAL_LOSS;
        }
    }

    /** Ends early stopping between epochs when the thread is interrupted. */
    private static final class InterruptCondition implements EpochTerminationCondition {
        private static final long serialVersionUID = 1L;

        @Override
        public void initialize() {}

        @Override
        public boolean terminate(int epochNum, double score, boolean minimize) {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public String toString() {
            return "regzoo.InterruptCondition";
        }
    }

    /** Builds a {@link Trainer}; {@link #build()} validates. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private long seed = 42;
        private boolean shuffle = true;
        private EarlyStopping earlyStopping;
        private EpochListener listener = EpochListener.NONE;
        private int trainEvalExamples = 10_000;
        private final List<TrainingListener> trainingListeners = new ArrayList<>();

        private Builder() {}

        /**
         * @param epochs the epoch budget, ≥ 1
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
         * @param seed seed of the per-epoch shuffle (weights are seeded by the network's own seed)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Keras's {@code shuffle} argument of {@code fit} for in-memory data
         * ({@link Trainer#fit(ZooNetwork, DataSet, DataSet)}; an iterator brings its own order).
         *
         * @param shuffle true (the default) to reshuffle the training set every epoch from the
         *     {@link #seed(long) seed}; false to fit consecutive row ranges in the same order every
         *     epoch, as views of the training set: no minibatch is copied, the step costs what a
         *     plain {@code net.fit} loop over pre-split minibatches costs (reshuffling copies every
         *     minibatch from rows spread over the set: about 12% of a step of the zoo's MLP on 2
         *     cores, within the noise for its CNN; {@code docs/PERFORMANCE.md})
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param earlyStopping Keras-style early stopping, or {@code null} for none
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * @param listener receives per-epoch metrics and per-minibatch scores
         * @return this builder
         */
        public Builder listener(EpochListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * DL4J listeners to add to the network for the run, in this order, after regzoo's own (they see
         * every minibatch: {@code iterationDone}, {@code onGradientCalculation}, ...; and
         * {@code onEpochStart}/{@code onEpochEnd} around every epoch). Adds to those given before.
         *
         * @param listeners the listeners, e.g. {@code new ScoreIterationListener(100)}
         * @return this builder
         */
        public Builder trainingListeners(TrainingListener... listeners) {
            for (TrainingListener l : listeners) {
                trainingListeners.add(Objects.requireNonNull(l, "training listener"));
            }
            return this;
        }

        /**
         * @param n how many training examples (the first n) the per-epoch training accuracy is
         *     measured on, ≥ 1 (default 10,000)
         * @return this builder
         */
        public Builder trainEvalExamples(int n) {
            this.trainEvalExamples = n;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the trainer
         * @throws RegzooException naming the field that is out of range
         */
        public Trainer build() {
            if (epochs < 1) {
                throw new RegzooException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new RegzooException("batchSize must be >= 1, got " + batchSize);
            }
            if (trainEvalExamples < 1) {
                throw new RegzooException("trainEvalExamples must be >= 1, got " + trainEvalExamples);
            }
            return new Trainer(this);
        }
    }

}
