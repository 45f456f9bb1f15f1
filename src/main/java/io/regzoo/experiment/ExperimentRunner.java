package io.regzoo.experiment;

import io.regzoo.AtomicFiles;
import io.regzoo.EnvironmentException;
import io.regzoo.RegzooException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

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
 *
 * <p>The runner decides what runs (the grid minus what is recorded); a {@link TrialExecutor} runs
 * it: {@link InProcessExecutor} by default, {@link ChildJvmExecutor} with
 * {@link Builder#workers(int)} above 1, or any executor given to {@link Builder#executor}. Each
 * trial is trained by a {@link TrialRunner}; results are recorded through one {@link TrialSink}.
 *
 * <p><b>Seeds until the answer is clear</b> ({@link ExperimentSpec#sequential()}, {@code --seeds auto}): the
 * runner works in rounds. The first runs seeds {@code 1 … min} of every variant; after each round it recomputes,
 * from {@code results.jsonl}, every model's sequential state ({@link SequentialPlan}: the paired differences of
 * the primary metric against the baseline and what {@link io.regzoo.stats.SequentialDesign} decides on them) and
 * runs the next seed of the baseline and of each variant whose comparison is still open. It stops when every
 * comparison is decided, when {@code max} seeds are in, or when the time budget is spent (running trials finish,
 * no new one starts); {@code OUT/sequential.json} ({@link SequentialOutcome}) says what was decided, at which seed
 * count, and which budget ended the run. It is rewritten after every round, so a killed run leaves the state of
 * its last complete round, and a re-run recomputes everything from the results and continues.
 */
public final class ExperimentRunner {

    /** {@link Builder#workers(int)} value that lets {@link #autoWorkers} decide. */
    public static final int AUTO = 0;

    /** Subdirectory of the output directory that holds saved models ({@link Builder#saveModels(boolean)}). */
    public static final String MODELS_DIR = "models";

    private final ExperimentSpec spec;
    private final Path outDir;
    private final DataSources dataSources;
    private final RunListener listener;
    private final Consumer<String> warnings;
    private final boolean saveModels;
    private final int workers;
    private final TrialExecutor executor;
    private final LongSupplier nanoTime;
    private TrialExecutor inProcess;
    private final String specFile;

    private ExperimentRunner(Builder b) {
        this.spec = b.spec;
        this.outDir = b.outDir;
        this.dataSources = b.dataSources;
        this.listener = b.listener;
        this.warnings = b.warnings;
        this.saveModels = b.saveModels;
        this.workers = b.workers;
        this.executor = b.executor;
        this.nanoTime = b.nanoTime;
        this.specFile = b.specFile;
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
        dataSources.get(spec.dataset().name()); // an unknown dataset fails before anything is written
        try (RunLock lock = RunLock.acquire(outDir)) {
            writeSpec(); // under the lock: a refused second run leaves the first one's spec.json alone
            ResultsStore store = ResultsStore.open(outDir.resolve(ResultsStore.FILE_NAME), warnings);
            if (spec.sequential() != null) {
                return runSequential(store);
            }
            Set<String> done = store.finishedIds();
            List<TrialTask> todo = new ArrayList<>();
            int skipped = 0;
            for (long seed : spec.seeds()) {
                for (Trial t : spec.trialsOf(seed)) {
                    if (done.contains(t.id())) {
                        skipped++;
                    } else {
                        todo.add(TrialTask.of(spec, t, saveModels ? modelFile(outDir, t) : null));
                    }
                }
            }
            listener.onStart(spec.numTrials(), skipped);
            TrialSink sink = new TrialSink(store, listener, warnings, todo.size(), spec.epochs());
            boolean interrupted = executorFor(todo.size()).execute(todo, sink);
            return new RunSummary(outDir, store.results(), sink.recorded(), skipped, interrupted);
        }
    }

    /** Rounds of seeds until every comparison is decided or a budget is spent (see the class comment). */
    private RunSummary runSequential(ResultsStore store) {
        SequentialSeeds seq = spec.sequential();
        long start = nanoTime.getAsLong();
        long budget = seq.timeBudget() == null ? Long.MAX_VALUE : seq.timeBudget().toNanos();
        Set<String> doneAtStart = store.finishedIds();
        int skipped = 0;
        for (long seed : spec.seeds()) {
            for (String model : spec.models()) {
                for (String variant : spec.variants().keySet()) {
                    skipped += doneAtStart.contains(TrialResult.idOf(model, variant, seed)) ? 1 : 0;
                }
            }
        }
        listener.onStart(spec.numTrials(), skipped);
        SequentialPlan plan = plan(store);
        TrialSink sink = new TrialSink(store, listener, warnings, plan.maxRemaining(), spec.epochs());
        sink.startOnlyWhile(() -> nanoTime.getAsLong() - start < budget);
        boolean interrupted = false;
        SequentialOutcome.Stop stop;
        while (true) {
            plan.outcome(SequentialOutcome.Stop.RUNNING).write(outDir);
            List<Trial> next = plan.nextTrials();
            if (next.isEmpty()) {
                stop = plan.allDecided() ? SequentialOutcome.Stop.ALL_DECIDED : SequentialOutcome.Stop.MAX_SEEDS;
                break;
            }
            if (sink.refusedAStart() || nanoTime.getAsLong() - start >= budget) {
                stop = SequentialOutcome.Stop.TIME_BUDGET;
                break;
            }
            sink.toRun(sink.recorded() + plan.maxRemaining());
            List<TrialTask> tasks = new ArrayList<>();
            for (Trial t : next) {
                tasks.add(TrialTask.of(spec, t, saveModels ? modelFile(outDir, t) : null));
            }
            interrupted = executorFor(tasks.size()).execute(tasks, sink);
            if (interrupted) {
                stop = SequentialOutcome.Stop.INTERRUPTED;
                plan = plan(store);
                break;
            }
            plan = plan(store);
        }
        SequentialOutcome outcome = plan.outcome(stop);
        // An interrupted thread cannot write through an (interruptible) file channel: write, then restore the flag.
        boolean flag = Thread.interrupted();
        try {
            outcome.write(outDir);
        } finally {
            if (flag) {
                Thread.currentThread().interrupt();
            }
        }
        return new RunSummary(outDir, store.results(), sink.recorded(), skipped, interrupted, outcome);
    }

    private SequentialPlan plan(ResultsStore store) {
        return SequentialPlan.of(spec, store.results(), margins());
    }

    /**
     * The margin map the sequential procedure stops on ({@link SequentialPlan#marginFor}); empty: the defaults
     * (0.3 pp for accuracy, none for a loss). The one place to pass the spec's {@code margin} key through.
     */
    private Map<String, Double> margins() {
        return spec.margin();
    }

    private TrialExecutor executorFor(int trials) {
        if (executor != null) {
            return executor;
        }
        int n = workers == AUTO ? autoWorkers(spec, trials, Runtime.getRuntime().availableProcessors()) : workers;
        if (Math.min(n, trials) > 1) {
            return new ChildJvmExecutor(Math.min(n, trials));
        }
        if (inProcess == null) { // kept across a sequential run's rounds: its runner holds the current seed's data
            inProcess = new InProcessExecutor(new TrialRunner(dataSources, warnings));
        }
        return inProcess;
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

    /**
     * Writes {@code spec.json} atomically ({@link AtomicFiles}); on a resume, first refuses a spec that
     * changes what a recorded trial means ({@link SpecChange}), leaving the file as it was.
     */
    private void writeSpec() {
        Path p = outDir.resolve(specFile);
        String json = spec.toJson();
        if (Files.exists(p)) {
            String old;
            try {
                old = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw EnvironmentException.io("read", p, e);
            }
            if (old.equals(json)) {
                return;
            }
            SpecChange.check(p, old, spec);
            String seq = sequentialChange(old);
            if (!seq.isEmpty()) {
                warnings.accept(p + ": the spec differs from the one this directory was started with;"
                        + " finished trials are kept and skipped by id" + seq);
            }
        }
        AtomicFiles.write(p, json);
    }

    /** What changed in the seeds, in words, when this run or the earlier one is sequential; else empty. */
    private String sequentialChange(String oldJson) {
        String was;
        try {
            was = String.valueOf(ExperimentSpec.parse(oldJson, "spec.json").sequential());
        } catch (RegzooException e) {
            was = "unreadable";
        }
        String now = String.valueOf(spec.sequential());
        if (was.equals(now) || (spec.sequential() == null && was.equals("null"))) {
            return "";
        }
        return "; seeds were " + (was.equals("null") ? "a fixed list" : was) + ", now "
                + (spec.sequential() == null ? "a fixed list" : now)
                + " (the sequential decisions are recomputed from results.jsonl with the new settings)";
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
        return modelFile(outDir, new Trial(model, variant, seed));
    }

    /**
     * Where a trial's trained network is saved: {@code models/<model>-<variant>-<seed>.zip}, with {@code -n<size>}
     * before the seed on a data-size axis.
     *
     * @param outDir the experiment's output directory
     * @param trial the trial
     * @return the file
     */
    public static Path modelFile(Path outDir, Trial trial) {
        String size = trial.trainSize() == null ? "" : "n" + trial.trainSize() + "-";
        return outDir.resolve(MODELS_DIR)
                .resolve(trial.model() + "-" + trial.variant() + "-" + size + trial.seed() + ".zip");
    }

    /** Builds an {@link ExperimentRunner}; {@link #build()} validates. */
    public static final class Builder {
        private ExperimentSpec spec;
        private Path outDir;
        private DataSources dataSources = DataSources.defaults();
        private RunListener listener = RunListener.NONE;
        private Consumer<String> warnings = w -> System.err.println("regzoo: warning: " + w);
        private boolean saveModels;
        private int workers = 1;
        private boolean customData;
        private TrialExecutor executor;
        private LongSupplier nanoTime = System::nanoTime;
        private String specFile = "spec.json";

        private Builder() {}

        /**
         * The clock a sequential run's time budget is measured with (default {@link System#nanoTime()}); for tests.
         *
         * @param clock nanoseconds, monotonic
         * @return this builder
         */
        Builder clock(LongSupplier clock) {
            this.nanoTime = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where in the output directory the resolved spec is written (default {@code spec.json});
         * a {@link Suite} runs several specs into one directory and gives each its own file.
         *
         * @param relativePath a path relative to the output directory, e.g. {@code specs/part.json}
         * @return this builder
         */
        public Builder specFile(String relativePath) {
            this.specFile = Objects.requireNonNull(relativePath, "specFile");
            return this;
        }

        /**
         * How many trials run at once (default 1: one after another in this JVM). With {@code n > 1}
         * each trial runs in one of {@code n} child JVMs ({@link ChildJvmExecutor}), each given
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

        /**
         * Runs the trials with this executor instead of the one {@link #workers(int)} chooses (in
         * this JVM, or child JVMs). Executors that run trials elsewhere read data where they run;
         * {@link #dataSources(DataSources)} applies only in this JVM.
         *
         * @param executor where and how trials run
         * @return this builder
         */
        public Builder executor(TrialExecutor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
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
