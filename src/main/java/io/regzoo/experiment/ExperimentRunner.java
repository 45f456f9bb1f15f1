package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import io.regzoo.train.EpochListener;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Measures;
import io.regzoo.train.Provenance;
import io.regzoo.train.StopReason;
import io.regzoo.train.TrainRun;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.ZooNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Runs an experiment's trial grid (seed × model × variant, seeds outermost so that a partial run
 * compares every variant on the same seeds), appending each finished trial to
 * {@code OUT/results.jsonl} ({@link ResultsStore}) and writing the resolved spec to
 * {@code OUT/spec.json}. Re-running with the same output directory resumes: recorded trial ids are
 * skipped.
 *
 * <p>A trial whose loss becomes NaN/∞ is recorded as {@code diverged}; a trial that throws is
 * recorded as {@code failed} with a one-line message (its {@code stopReason} is {@code null}); the
 * run goes on either way. A dataset that cannot be loaded stops the run with a
 * {@link RegzooException}. An interrupted thread stops the run between epochs; the unfinished
 * trial is not recorded.
 *
 * <p>With {@link Builder#saveModels(boolean)}, each {@code ok} trial's trained network is written to
 * {@code OUT/models/<model>-<variant>-<seed>.zip} (DL4J {@code ModelSerializer}, with updater state)
 * before its result is appended, atomically (temporary file, then rename): a recorded trial always
 * has its complete model file.
 *
 * <p>All trials with the same seed see the same data (the data is loaded once per seed, with that
 * seed). Each network's weights are seeded by the trial seed; the per-epoch shuffle too.
 */
public final class ExperimentRunner {

    /** Size of the weight sample stored with each trial. */
    public static final int WEIGHT_SAMPLE = 2000;

    /** {@link Builder#workers(int)} value that lets {@link #autoWorkers} decide. */
    public static final int AUTO = 0;

    /** Subdirectory of the output directory that holds saved models ({@link Builder#saveModels(boolean)}). */
    public static final String MODELS_DIR = "models";

    private final ExperimentSpec spec;
    private final Path outDir;
    private final DataSources dataSources;
    private final RunListener listener;
    private final Consumer<String> warnings;
    private final int stopAfterRecorded;
    private final boolean saveModels;
    private final int workers;
    private Splits cachedSplits;
    private long cachedSeed;

    private ExperimentRunner(Builder b) {
        this.spec = b.spec;
        this.outDir = b.outDir;
        this.dataSources = b.dataSources;
        this.listener = b.listener;
        this.warnings = b.warnings;
        this.stopAfterRecorded = b.stopAfterRecorded;
        this.saveModels = b.saveModels;
        this.workers = b.workers;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the grid.
     *
     * @return what was run and every result now in the file
     * @throws RegzooException when the data cannot be loaded or the output cannot be written
     */
    public RunSummary run() {
        DataSource source = dataSources.get(spec.dataset().name());
        writeSpec();
        try (RunLock lock = RunLock.acquire(outDir)) {
            ResultsStore store = ResultsStore.open(outDir.resolve(ResultsStore.FILE_NAME), warnings);
            Set<String> done = store.finishedIds();
            List<Trial> todo = new ArrayList<>();
            int skipped = 0;
            for (long seed : spec.seeds()) {
                for (String model : spec.models()) {
                    for (String variant : spec.variants().keySet()) {
                        if (done.contains(TrialResult.idOf(model, variant, seed))) {
                            skipped++;
                        } else {
                            todo.add(new Trial(model, variant, seed));
                        }
                    }
                }
            }
            listener.onStart(spec.numTrials(), skipped);
            int n = workers == AUTO ? autoWorkers(spec, todo.size(), Runtime.getRuntime().availableProcessors()) : workers;
            n = Math.min(n, todo.size());
            if (n > 1) {
                WorkerPool.Outcome o = new WorkerPool(this, n, store).run(todo);
                return new RunSummary(outDir, store.results(), o.ran(), skipped, o.interrupted());
            }
            int ran = 0;
            boolean interrupted = false;
            for (int i = 0; i < todo.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                Trial t = todo.get(i);
                listener.onTrialStart(t.id(), i + 1, todo.size(), spec.epochs());
                TrialResult r = runTrial(t, source);
                if (r == null) {
                    interrupted = true;
                    break;
                }
                store.append(r);
                ran++;
                listener.onTrialEnd(r, i + 1, todo.size());
                if (stopAfterRecorded >= 0 && ran >= stopAfterRecorded) {
                    throw new SimulatedKill(ran);
                }
            }
            return new RunSummary(outDir, store.results(), ran, skipped, interrupted);
        }
    }

    /**
     * The number of trials run at once when {@link Builder#workers(int)} is {@link #AUTO}: one
     * single-threaded child JVM per core for image datasets (MNIST, Fashion-MNIST), where a trial
     * takes long enough to amortize a child JVM's start; in-process otherwise (the small synthetic
     * problems train in well under a second, less than a JVM takes to start). Measured on a 2-core
     * machine with the MNIST CNN: two single-threaded trials side by side finish in 1.3× the time
     * of one two-threaded trial, i.e. ≈ 1.5× the throughput (docs/PERFORMANCE.md).
     *
     * @param spec the experiment
     * @param trialsToRun trials still to run
     * @param cores available processors
     * @return the number of trials to run at once (1 = in this JVM)
     */
    public static int autoWorkers(ExperimentSpec spec, int trialsToRun, int cores) {
        if (trialsToRun < 2 || cores < 2 || !DataSources.FROM_DATA_PACKAGE.contains(spec.dataset().name())) {
            return 1;
        }
        return Math.min(cores, trialsToRun);
    }

    /** One cell of the grid. */
    record Trial(String model, String variant, long seed) {
        String id() {
            return TrialResult.idOf(model, variant, seed);
        }
    }

    /** The spec being run (for {@link WorkerPool}). */
    ExperimentSpec spec() {
        return spec;
    }

    /** The output directory (for {@link WorkerPool}). */
    Path outDir() {
        return outDir;
    }

    /** The progress listener (for {@link WorkerPool}). */
    RunListener listener() {
        return listener;
    }

    /** The warning sink (for {@link WorkerPool}). */
    Consumer<String> warnings() {
        return warnings;
    }

    /** Whether models are saved (for {@link WorkerPool}). */
    boolean saveModels() {
        return saveModels;
    }

    /** The test hook's count, or -1 (for {@link WorkerPool}). */
    int stopAfterRecorded() {
        return stopAfterRecorded;
    }

    /**
     * Runs one trial of the grid, loading its seed's data unless the last trial used the same seed
     * (one seed's data is kept in memory). Used in-process and by {@link TrialWorker}.
     *
     * @return the result, or {@code null} when interrupted
     */
    TrialResult runTrial(Trial t, DataSource source) {
        if (cachedSplits == null || cachedSeed != t.seed()) {
            cachedSplits = null; // let the previous seed's data go before loading the next
            cachedSplits = source.load(spec.dataset(), t.seed());
            cachedSeed = t.seed();
        }
        return runTrial(t.model(), t.variant(), t.seed(), cachedSplits);
    }

    /** The data source of the spec's dataset. */
    DataSource dataSource() {
        return dataSources.get(spec.dataset().name());
    }

    /** Thrown by the test hook to simulate a run killed after some trials were recorded. */
    static final class SimulatedKill extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedKill(int recorded) {
            super("simulated kill after " + recorded + " recorded trials");
        }
    }

    private void writeSpec() {
        Path p = outDir.resolve("spec.json");
        try {
            Files.createDirectories(outDir);
            String json = spec.toJson();
            if (Files.exists(p)) {
                String old = Files.readString(p, StandardCharsets.UTF_8);
                if (!old.equals(json)) {
                    warnings.accept(p + ": the spec differs from the one this directory was started with;"
                            + " finished trials are kept and skipped by id");
                }
            }
            Files.writeString(p, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegzooException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file an {@code ok} trial's network is saved to with {@link Builder#saveModels(boolean)}.
     *
     * @param outDir the run's output directory
     * @param model zoo network name
     * @param variant variant name
     * @param seed seed
     * @return {@code outDir/models/<model>-<variant>-<seed>.zip}
     */
    public static Path modelFile(Path outDir, String model, String variant, long seed) {
        return outDir.resolve(MODELS_DIR).resolve(model + "-" + variant + "-" + seed + ".zip");
    }

    private static void saveModel(MultiLayerNetwork net, Path file) {
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RegzooException("cannot save the trained model to " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    throw new RegzooException("cannot remove the temporary file " + tmp + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Runs one trial and saves its model when asked; {@code null} when interrupted. */
    private TrialResult runTrial(String model, String variant, long seed, Splits splits) {
        MultiLayerNetwork[] trained = new MultiLayerNetwork[1];
        TrialResult r = train(model, variant, seed, splits, trained);
        if (saveModels && r != null && TrialResult.OK.equals(r.status()) && trained[0] != null) {
            saveModel(trained[0], modelFile(outDir, model, variant, seed));
        }
        return r;
    }

    /** Trains one trial; {@code null} when interrupted; the trained network lands in {@code trained[0]}. */
    private TrialResult train(String model, String variant, long seed, Splits splits, MultiLayerNetwork[] trained) {
        String id = TrialResult.idOf(model, variant, seed);
        long t0 = System.nanoTime();
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("specName", spec.name());
        prov.put("specHash", spec.hash());
        prov.put("startTime", Instant.now().toString());
        prov.put("seed", Long.toString(seed));
        prov.put("dataset", spec.dataset().toString());
        splits.provenance().forEach((k, v) -> prov.put("data." + k, v));
        prov.putAll(Provenance.environment());
        EarlyStopping es = spec.earlyStoppingFor(variant);
        prov.put("earlyStopping", es == null ? "none" : es.toString());
        prov.put("epochs", Integer.toString(spec.epochs()));
        prov.put("batchSize", Integer.toString(spec.batchSize()));
        try {
            ZooNetwork net = spec.network(model, variant, seed, splits.numFeatures(),
                    splits.isClassification() ? splits.numLabels() : -1);
            Networks.checkTask(net, splits, spec.dataset().name());
            splits = splits.shapedFor(net);
            prov.put("regularization", SpecJson.toJson(net.regularization()));
            prov.put("optimizer", SpecJson.toJson(net.optimizer()));
            prov.put("activation", net.activation().name());
            prov.put("modelConfig", net.conf().toJson());
            TrainRun run = Trainer.builder().epochs(spec.epochs()).batchSize(spec.batchSize()).seed(seed)
                    .earlyStopping(es)
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
                    .fit(net, splits.train(), splits.validation());
            if (run.stopReason() == StopReason.INTERRUPTED) {
                return null;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (run.stopReason() == StopReason.DIVERGED) {
                return new TrialResult(id, model, variant, seed, TrialResult.DIVERGED, run.stopReason(), run.epochsRun(),
                        run.bestEpoch(), run.history(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, List.of(), seconds, run.message(), prov);
            }
            MultiLayerNetwork n = run.network();
            trained[0] = n;
            boolean cls = net.isClassifier();
            double trainLoss = Measures.dataLoss(n, splits.train());
            double trainAcc = cls ? Measures.accuracy(n, splits.train()) : Double.NaN;
            double testLoss = Measures.dataLoss(n, splits.test());
            double testAcc = cls ? Measures.accuracy(n, splits.test()) : Double.NaN;
            return new TrialResult(id, model, variant, seed, TrialResult.OK, run.stopReason(), run.epochsRun(),
                    run.bestEpoch(), run.history(), trainLoss, trainAcc, testLoss, testAcc, Measures.weightNorm(n),
                    Measures.nearZeroFraction(n), Measures.weightSample(n, WEIGHT_SAMPLE),
                    (System.nanoTime() - t0) / 1e9, "", prov);
        } catch (RuntimeException e) {
            if (e instanceof SimulatedKill) {
                throw e;
            }
            String msg = e.getClass().getSimpleName() + ": " + Objects.toString(e.getMessage(), "(no message)");
            msg = msg.replaceAll("\\s*\\R\\s*", " ");
            warnings.accept("trial " + id + " failed: " + msg);
            return new TrialResult(id, model, variant, seed, TrialResult.FAILED, null, 0, 0, List.of(), Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(),
                    (System.nanoTime() - t0) / 1e9, msg, prov);
        }
    }

    /** Builds an {@link ExperimentRunner}; {@link #build()} validates. */
    public static final class Builder {
        private ExperimentSpec spec;
        private Path outDir;
        private DataSources dataSources = DataSources.defaults();
        private RunListener listener = RunListener.NONE;
        private Consumer<String> warnings = w -> System.err.println("regzoo: warning: " + w);
        private int stopAfterRecorded = -1;
        private boolean saveModels;
        private int workers = 1;
        private boolean customData;

        private Builder() {}

        /**
         * How many trials run at once (default 1: one after another in this JVM). With {@code n > 1}
         * each trial runs in one of {@code n} child JVMs ({@link TrialWorker}), each given
         * {@code max(1, cores / n)} OpenMP threads; the parent appends their results to
         * {@code results.jsonl}, so resume and fault tolerance are unchanged (a killed run loses
         * at most the {@code n} trials in flight). A child JVM that dies mid-trial records that
         * trial as {@code failed} and is replaced. {@link ExperimentRunner#AUTO} lets
         * {@link ExperimentRunner#autoWorkers} choose. Child JVMs use the default data sources;
         * {@link #build()} rejects {@code n != 1} together with {@link #dataSources(DataSources)}.
         *
         * @param n trials at once, or {@link ExperimentRunner#AUTO}
         * @return this builder
         * @throws IllegalArgumentException when {@code n < 0}
         */
        public Builder workers(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("--parallel must be at least 1 (or auto), got " + n);
            }
            this.workers = n;
            return this;
        }

        /**
         * Whether to save each {@code ok} trial's trained network to
         * {@link ExperimentRunner#modelFile(Path, String, String, long)} (default false).
         *
         * @param save true to save the models
         * @return this builder
         */
        public Builder saveModels(boolean save) {
            this.saveModels = save;
            return this;
        }

        /**
         * @param spec the experiment
         * @return this builder
         */
        public Builder spec(ExperimentSpec spec) {
            this.spec = spec;
            return this;
        }

        /**
         * @param outDir the output directory (created if absent; reused to resume)
         * @return this builder
         */
        public Builder outDir(Path outDir) {
            this.outDir = outDir;
            return this;
        }

        /**
         * @param dataSources where datasets come from (default: {@link DataSources#defaults()})
         * @return this builder
         */
        public Builder dataSources(DataSources dataSources) {
            this.dataSources = Objects.requireNonNull(dataSources, "dataSources");
            this.customData = true;
            return this;
        }

        /**
         * @param listener receives progress
         * @return this builder
         */
        public Builder listener(RunListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param warnings receives one-line warnings (default: standard error)
         * @return this builder
         */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /** Test hook: throw {@link SimulatedKill} after this many trials were recorded. */
        Builder stopAfterRecorded(int n) {
            this.stopAfterRecorded = n;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the runner
         * @throws RegzooException when the spec or output directory is missing
         */
        public ExperimentRunner build() {
            if (spec == null) {
                throw new RegzooException("an experiment spec is required");
            }
            if (outDir == null) {
                throw new RegzooException("an output directory is required (--out DIR)");
            }
            if (workers != 1 && customData) {
                throw new RegzooException("trials in child JVMs (parallel) read the default data sources;"
                        + " custom data sources need workers(1)");
            }
            return new ExperimentRunner(this);
        }
    }
}
