package io.regzoo.experiment;

import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Regularization;
import io.regzoo.provenance.DataProvenance;
import io.regzoo.train.EpochListener;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Measures;
import io.regzoo.train.Provenance;
import io.regzoo.train.StopReason;
import io.regzoo.train.TrainRun;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.ZooNetwork;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Runs one trial: builds its network from the zoo, trains it ({@link Trainer}), measures it and
 * records what made it. The one place that trains a trial's network, used by every executor (in
 * this JVM, in a child JVM, on another machine), by {@link Sweep} and by {@code regzoo train}.
 *
 * <p>{@link #run(TrialTask, RunListener)} is the executors' entry: it loads the task's data (keeping
 * the last dataset and seed in memory, so that the variants of one seed share it), turns an error
 * in the trial (an exception, or running out of memory) into a {@link TrialStatus#FAILED} result and saves an {@code ok} trial's network
 * when the task asks. {@link #train(ExperimentSpec, Trial, Splits, RunListener)} trains on data the
 * caller has, and lets errors propagate.
 */
public final class TrialRunner {

    /**
     * Test hook: with this system property set to a trial id, running that trial throws an
     * {@link OutOfMemoryError} before training (in this JVM, or in a child JVM, which inherits
     * {@code regzoo.*} properties).
     */
    static final String OUT_OF_MEMORY_ON_TRIAL_PROPERTY = "regzoo.test.outOfMemoryOnTrial";

    /** Size of the weight sample stored with each trial. */
    public static final int WEIGHT_SAMPLE = 2000;

    private final DataSources dataSources;
    private final Consumer<String> warnings;
    private String cachedSpecJson;
    private ExperimentSpec cachedSpec;
    private String cachedDataKey;
    private Splits cachedData;
    private SweepUnits sweepUnits;

    /**
     * A runner.
     *
     * @param dataSources where datasets come from
     * @param warnings receives one line per failed trial
     */
    public TrialRunner(DataSources dataSources, Consumer<String> warnings) {
        this.dataSources = Objects.requireNonNull(dataSources, "dataSources");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * Runs one task. An error while building or training the network, {@link OutOfMemoryError}
     * included, is recorded as a failed result with the reason (and reported to the warnings); an {@code ok} trial's network is saved to the task's
     * {@code modelFile}, if any, before this returns.
     *
     * @param task what to train
     * @param listener receives the trial's iteration and epoch events
     * @return the outcome, or empty when the thread was interrupted during training (nothing to record)
     * @throws RegzooException when the dataset cannot be loaded, or the model cannot be saved
     */
    public Optional<TrialOutcome> run(TrialTask task, RunListener listener) {
        if (SweepUnit.isUnit(task.specJson())) { // one fold x setting x rung of a pruning sweep
            return runSweepUnit(task, listener);
        }
        ExperimentSpec spec = specOf(task.specJson());
        Splits data = dataFor(spec, task.trial());
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        Optional<TrialOutcome> out;
        try {
            if (task.id().equals(System.getProperty(OUT_OF_MEMORY_ON_TRIAL_PROPERTY))) {
                throw new OutOfMemoryError("Java heap space (simulated by " + OUT_OF_MEMORY_ON_TRIAL_PROPERTY + ")");
            }
            out = train(spec, task.trial(), data, listener);
        } catch (RuntimeException | OutOfMemoryError e) {
            // Out of memory in a trial is that trial's failure: its network and data become garbage when
            // this returns, so the next trial starts with the memory the failed one held.
            String msg = e instanceof OutOfMemoryError oom ? outOfMemory(oom)
                    : oneLine(e.getClass().getSimpleName() + ": " + Objects.toString(e.getMessage(), "(no message)"));
            warnings.accept("trial " + task.id() + " failed: " + msg);
            Regularization reg = spec.variants().get(task.trial().variant()) == null ? null
                    : spec.variants().get(task.trial().variant()).regularization();
            return Optional.of(new TrialOutcome(TrialResult.failed(task.trial(), msg, (System.nanoTime() - t0) / 1e9,
                    reg, provenance(spec, task.trial(), data, null, start)), null));
        }
        out.ifPresent(o -> {
            if (task.modelFile() != null && o.result().isOk()) {
                saveModel(o.trainedNetwork(), Path.of(task.modelFile()));
            }
        });
        return out;
    }

    /**
     * Trains one trial of an experiment on the given data.
     *
     * @param spec the experiment (variants, optimizer, budget, early stopping)
     * @param trial the grid cell
     * @param data the data, loaded with the trial's seed
     * @param listener receives iteration and epoch events under the trial's id
     * @return the outcome ({@code ok} or {@code diverged}, with the network), or empty when the thread
     *     was interrupted
     * @throws RuntimeException when the network cannot be built for the data (a
     *     {@link RegzooException} naming the mismatch) or training fails
     */
    public static Optional<TrialOutcome> train(ExperimentSpec spec, Trial trial, Splits data, RunListener listener) {
        long t0 = System.nanoTime();
        String id = trial.id();
        ZooNetwork net = spec.network(trial.model(), trial.variant(), trial.seed(), data.numFeatures(),
                data.isClassification() ? data.numLabels() : -1);
        Networks.checkTask(net, data, spec.dataset().name());
        Splits shaped = data.shapedFor(net);
        TrialProvenance prov = provenance(spec, trial, data, net, Instant.now());
        TrainRun run = Trainer.builder().epochs(spec.epochs()).batchSize(spec.batchSize()).seed(trial.seed())
                .earlyStopping(spec.earlyStoppingFor(trial.variant()))
                .listener(new EpochListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        listener.onEpoch(id, m);
                    }

                    @Override
                    public void onIteration(int epoch, int iteration, int perEpoch, double score) {
                        listener.onIteration(id, epoch, iteration, perEpoch, score);
                    }
                })
                .build()
                .fit(net, shaped.train(), shaped.validation());
        if (run.stopReason() == StopReason.INTERRUPTED) {
            return Optional.empty();
        }
        MultiLayerNetwork n = run.network();
        if (run.stopReason() == StopReason.DIVERGED) {
            return Optional.of(new TrialOutcome(TrialResult.diverged(trial, TrialResult.Fit.of(run),
                    (System.nanoTime() - t0) / 1e9, net.regularization(), prov), n));
        }
        boolean cls = net.isClassifier();
        double trainLoss = Measures.dataLoss(n, shaped.train());
        double testLoss = Measures.dataLoss(n, shaped.test());
        if (!Double.isFinite(trainLoss) || !Double.isFinite(testLoss)) {
            // the last update made the weights non-finite (or the restored epoch's are): diverged, not a score
            String set = Double.isFinite(testLoss) ? "training" : "test";
            return Optional.of(new TrialOutcome(TrialResult.diverged(trial, new TrialResult.Fit(StopReason.DIVERGED,
                    run.epochsRun(), run.bestEpoch(), run.history(), "loss became " + (set.equals("test") ? testLoss
                    : trainLoss) + " on the " + set + " set after training"), (System.nanoTime() - t0) / 1e9,
                    net.regularization(), prov), n));
        }
        TrialResult.Scores scores = new TrialResult.Scores(trainLoss,
                cls ? Measures.accuracy(n, shaped.train()) : Double.NaN, testLoss,
                cls ? Measures.accuracy(n, shaped.test()) : Double.NaN, Measures.weightNorm(n),
                Measures.nearZeroFraction(n), Measures.weightSample(n, WEIGHT_SAMPLE),
                cls ? Measures.calibrationError(n, shaped.test()) : Double.NaN);
        return Optional.of(new TrialOutcome(TrialResult.ok(trial, TrialResult.Fit.of(run), scores,
                (System.nanoTime() - t0) / 1e9, net.regularization(), prov), n));
    }

    /** What made a trial; {@code net} is null when the trial failed before its network was built. */
    private static TrialProvenance provenance(ExperimentSpec spec, Trial trial, Splits data, ZooNetwork net,
            Instant start) {
        TrialProvenance.Builder b = TrialProvenance.builder().experiment(spec, trial)
                .startTime(start.toString()).data(DataProvenance.of(data.provenance()))
                .environment(Provenance.environment());
        if (net != null) {
            b.model(net.optimizer(), net.activation().name(), net.conf().toJson());
        }
        return b.build();
    }

    private ExperimentSpec specOf(String json) {
        if (!json.equals(cachedSpecJson)) {
            cachedSpec = ExperimentSpec.parse(json, "trial task");
            cachedSpecJson = json;
        }
        return cachedSpec;
    }

    /**
     * One dataset, training-set size and seed is kept in memory; the previous one is let go before the next loads.
     */
    private Splits dataFor(ExperimentSpec spec, Trial trial) {
        DatasetSpec d = spec.datasetFor(trial);
        String key = d + "#" + trial.seed();
        if (!key.equals(cachedDataKey)) {
            cachedData = null;
            cachedDataKey = null;
            cachedData = dataSources.get(d.name()).load(d, trial.seed());
            cachedDataKey = key;
        }
        return cachedData;
    }

    /** The failed trial's reason for an {@link OutOfMemoryError}: what ran out and what to do. */
    static String outOfMemory(OutOfMemoryError e) {
        return oneLine("out of memory (" + Objects.toString(e.getMessage(), "OutOfMemoryError") + "); give the JVM "
                + "more (REGZOO_JAVA_OPTS='-Xmx8g -Dorg.bytedeco.javacpp.maxbytes=10G'), or use a smaller batch size "
                + "or fewer parallel trials");
    }

    private Optional<TrialOutcome> runSweepUnit(TrialTask task, RunListener listener) {
        sweepUnits = sweepUnits == null ? new SweepUnits(dataSources) : sweepUnits;
        long t0 = System.nanoTime();
        try {
            return sweepUnits.run(task, listener);
        } catch (RuntimeException e) {
            String msg = oneLine(e.getClass().getSimpleName() + ": " + Objects.toString(e.getMessage(), "(no message)"));
            warnings.accept("sweep unit " + task.id() + " failed: " + msg);
            return Optional.of(new TrialOutcome(TrialResult.failed(task.trial(), msg, (System.nanoTime() - t0) / 1e9,
                    null, TrialProvenance.none()), null));
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Saves a network atomically ({@link AtomicFiles#writeVia}: temporary file in the same folder,
     * fsync, rename), with its updater state; a failure leaves an earlier file intact.
     *
     * @param net the network
     * @param file the {@code .zip} to write
     * @throws io.regzoo.EnvironmentException naming the file and the reason when it cannot be written
     */
    public static void saveModel(MultiLayerNetwork net, Path file) {
        AtomicFiles.writeVia(file, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
    }
}
