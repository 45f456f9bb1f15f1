package io.regzoo.experiment;

import io.regzoo.regularize.InPlaceUpdater;
import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.data.ArrayDataSetIterator;
import io.regzoo.data.KFold;
import io.regzoo.provenance.DataProvenance;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Measures;
import io.regzoo.train.Provenance;
import io.regzoo.train.StopReason;
import io.regzoo.zoo.ZooNetwork;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs {@link SweepUnit}s wherever a {@link TrialRunner} runs (this JVM, a child JVM, another
 * machine): loads the data once per dataset and seed, splits the training set into k folds
 * ({@link KFold}, stratified for classifiers) and trains the unit's setting on all folds but one,
 * continuing from the checkpoint its previous rung saved.
 *
 * <p>Continuing is exact: a checkpoint holds the network's parameters, its updater state (Adam's
 * moments, the iteration count; {@code ModelSerializer} with the updater) and the data order
 * (the {@link ArrayDataSetIterator.Position} of the next epoch, checked when restored). Epoch
 * {@code e} trains on order {@code Position(seed, e)}, as {@code Trainer} does; DL4J draws dropout
 * masks from the configuration's seed and the iteration count (kept in the checkpoint), and ND4J's
 * generator is also reseeded with {@code seed·1000003 + e} before each epoch, so that 1 + 2 epochs
 * equal 3 straight ({@code SweepContinuationTest}).
 */
public final class SweepUnits {

    private static final String ORDER_KEY = "regzoo.dataOrder";

    private final DataSources dataSources;
    private String cachedKey;
    private List<KFold.Fold> cachedFolds;
    private Splits cachedData;

    /**
     * A unit runner.
     *
     * @param dataSources where datasets come from
     */
    public SweepUnits(DataSources dataSources) {
        this.dataSources = Objects.requireNonNull(dataSources, "dataSources");
    }

    /**
     * Runs a unit task.
     *
     * @param task a task whose spec is a {@link SweepUnit}
     * @param listener receives the unit's iteration and epoch events
     * @return the outcome (held-out fold scores as the {@code test*} fields), or empty when interrupted
     * @throws RuntimeException when the data cannot be loaded, a checkpoint is missing, or training fails
     */
    public Optional<TrialOutcome> run(TrialTask task, RunListener listener) {
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        SweepUnit u = SweepUnit.of(task.specJson());
        ExperimentSpec spec = ExperimentSpec.parse(u.spec(), "sweep unit");
        Trial trial = task.trial();
        String variant = spec.variants().keySet().iterator().next();
        long seed = trial.seed();
        List<KFold.Fold> folds = folds(spec, seed, u.folds());
        KFold.Fold fold = folds.get(u.fold());
        ZooNetwork zoo = spec.network(trial.model(), variant, seed, cachedData.numFeatures(),
                cachedData.isClassification() ? cachedData.numLabels() : -1);
        Networks.checkTask(zoo, cachedData, spec.dataset().name());
        Path dir = Path.of(u.checkpointDir());
        MultiLayerNetwork net = u.fromEpochs() == 0 ? zoo.init()
                : restore(SweepUnit.checkpoint(dir, u.setting(), u.fold(), u.fromEpochs()), seed, u.fromEpochs());
        String id = trial.id();
        DataSet validation = fold.validation();
        boolean cls = zoo.isClassifier();
        Continued c = fit(net, fold.train(), spec.batchSize(), seed, u.fromEpochs(), u.toEpochs(), (epoch, score, secs) -> {
            EpochMetrics m = new EpochMetrics(epoch, score, Double.NaN, Measures.dataLoss(net, validation),
                    cls ? Measures.accuracy(net, validation) : Double.NaN, Double.NaN, Double.NaN, Double.NaN, secs);
            listener.onEpoch(id, m);
            return m;
        }, (epoch, it, per, s) -> listener.onIteration(id, epoch, it, per, s));
        TrialProvenance prov = TrialProvenance.builder().experiment(spec, seed, variant).startTime(start.toString())
                .data(DataProvenance.of(cachedData.provenance())).environment(Provenance.environment()).build();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (c.reason == StopReason.INTERRUPTED) {
            return Optional.empty();
        }
        TrialResult.Fit fit = new TrialResult.Fit(c.reason, c.history.size(), c.history.size(), c.history, c.message);
        if (c.reason == StopReason.DIVERGED) {
            return Optional.of(new TrialOutcome(TrialResult.diverged(trial, fit, secs, zoo.regularization(), prov), net));
        }
        save(net, SweepUnit.checkpoint(dir, u.setting(), u.fold(), u.toEpochs()), seed, u.toEpochs());
        EpochMetrics last = c.history.get(c.history.size() - 1);
        TrialResult.Scores scores = new TrialResult.Scores(last.trainLoss(), Double.NaN, last.valLoss(),
                last.valAccuracy(), Measures.weightNorm(net), Measures.nearZeroFraction(net), List.of());
        return Optional.of(new TrialOutcome(TrialResult.ok(trial, fit, scores, secs, zoo.regularization(), prov), net));
    }

    /** The folds of the spec's training set for one seed (cached: the units of one sweep share them). */
    private List<KFold.Fold> folds(ExperimentSpec spec, long seed, int k) {
        String key = spec.dataset() + "#" + seed + "#" + k + "#" + spec.models().get(0);
        if (!key.equals(cachedKey)) {
            cachedKey = null;
            cachedFolds = null;
            cachedData = null;
            Splits data = dataSources.get(spec.dataset().name()).load(spec.dataset(), seed)
                    .shapedFor(io.regzoo.zoo.ModelZoo.defaults(spec.models().get(0)));
            cachedFolds = KFold.split(data.train(), k, seed, data.isClassification());
            cachedData = data;
            cachedKey = key;
        }
        return cachedFolds;
    }

    /** What one epoch reports: its number, mean minibatch score, wall seconds; returns the epoch's record. */
    @FunctionalInterface
    public interface EpochEnd {
        /**
         * @param epoch the 1-based epoch just finished
         * @param meanScore the mean minibatch score
         * @param seconds its wall time
         * @return the epoch's metrics
         */
        EpochMetrics done(int epoch, double meanScore, double seconds);
    }

    /** Minibatch progress. */
    @FunctionalInterface
    public interface Iteration {
        /**
         * @param epoch the epoch
         * @param iteration the minibatch, 1-based
         * @param perEpoch minibatches per epoch
         * @param score its score
         */
        void done(int epoch, int iteration, int perEpoch, double score);
    }

    /**
     * How a continuation ended.
     *
     * @param reason completed, diverged or interrupted
     * @param history one record per epoch trained
     * @param message why it diverged, else empty
     */
    public record Continued(StopReason reason, List<EpochMetrics> history, String message) {}

    /**
     * Trains epochs {@code fromEpochs + 1 … toEpochs} of a network (new, or restored from a
     * checkpoint taken after {@code fromEpochs}): epoch {@code e} on the data order
     * {@code Position(seed, e)} with ND4J's generator seeded {@code seed·1000003 + e}.
     *
     * @param net the network, initialized or restored
     * @param train the training examples
     * @param batchSize minibatch size
     * @param seed the order seed
     * @param fromEpochs epochs already trained
     * @param toEpochs epochs after this call
     * @param epochEnd called after each epoch
     * @param iteration called after each minibatch
     * @return how it ended
     */
    public static Continued fit(MultiLayerNetwork net, DataSet train, int batchSize, long seed, int fromEpochs,
            int toEpochs, EpochEnd epochEnd, Iteration iteration) {
        ArrayDataSetIterator batches = ArrayDataSetIterator.shuffled(train, batchSize, seed);
        batches.restore(new ArrayDataSetIterator.Position(seed, fromEpochs + 1));
        List<EpochMetrics> history = new ArrayList<>();
        int per = batches.batchesPerEpoch();
        for (int epoch = fromEpochs + 1; epoch <= toEpochs; epoch++) {
            if (Thread.currentThread().isInterrupted()) {
                return new Continued(StopReason.INTERRUPTED, history, "interrupted");
            }
            long e0 = System.nanoTime();
            Nd4j.getRandom().setSeed(seed * 1_000_003L + epoch);
            net.setEpochCount(epoch - 1);
            batches.reset();
            double sum = 0;
            int n = 0;
            while (batches.hasNext()) {
                net.fit(batches.next());
                double s = net.score();
                n++;
                sum += s;
                iteration.done(epoch, n, per, s);
                if (!Double.isFinite(s)) {
                    return new Continued(StopReason.DIVERGED, history, "loss became " + s + " at epoch " + epoch
                            + ", minibatch " + n);
                }
            }
            net.incrementEpochCount();
            history.add(epochEnd.done(epoch, sum / n, (System.nanoTime() - e0) / 1e9));
        }
        return new Continued(StopReason.COMPLETED, history, "");
    }

    /**
     * Saves a checkpoint atomically: parameters, updater state and the next epoch's data order.
     *
     * @param net the network
     * @param file the {@code .zip}
     * @param seed the order seed
     * @param epochs epochs trained
     * @throws io.regzoo.EnvironmentException when it cannot be written
     */
    public static void save(MultiLayerNetwork net, Path file, long seed, int epochs) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.writeVia(file, tmp -> {
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), ORDER_KEY, seed + ":" + (epochs + 1));
        });
    }

    /**
     * Restores a checkpoint with its updater, checking its data order.
     *
     * @param file the {@code .zip}
     * @param seed the order seed it must have
     * @param epochs the epochs it must have trained
     * @return the network
     * @throws RegzooException when the file is missing or is another run's
     */
    public static MultiLayerNetwork restore(Path file, long seed, int epochs) {
        File f = file.toFile();
        if (!f.isFile()) {
            throw new RegzooException("sweep checkpoint " + file + " is missing: cannot continue that setting");
        }
        try {
            String order = ModelSerializer.getObjectFromFile(f, ORDER_KEY);
            if (!(seed + ":" + (epochs + 1)).equals(order)) {
                throw new RegzooException("sweep checkpoint " + file + " has data order " + order + ", expected "
                        + seed + ":" + (epochs + 1));
            }
            return InPlaceUpdater.install(ModelSerializer.restoreMultiLayerNetwork(f, true));
        } catch (IOException e) {
            throw new RegzooException("cannot read sweep checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
