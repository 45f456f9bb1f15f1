package io.regzoo.experiment;

import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.sweep.Dimension;
import io.regzoo.sweep.Job;
import io.regzoo.sweep.Scheduler;
import io.regzoo.sweep.ScoreBoard;
import io.regzoo.sweep.SearchSpace;
import io.regzoo.sweep.Setting;
import io.regzoo.sweep.SweepConfig;
import io.regzoo.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Runs a pruning sweep ({@link SweepConfig}) of one model on an experiment spec's data, like
 * {@code compare} runs an experiment: every fold × setting × rung is a {@link SweepUnit} task sent
 * through a {@link TrialExecutor} (this JVM, or child JVMs side by side) and appended to
 * {@code OUT/results.jsonl} by the one {@link TrialSink}; the scheduler ({@link Scheduler}) decides
 * from what is recorded which settings go on. A killed sweep run again with the same folder skips
 * every recorded unit and continues promoted settings from their checkpoints
 * ({@code OUT/checkpoints/}); an interrupted one (Ctrl-C) stops between epochs.
 *
 * <p>The spec gives the model (exactly one), the dataset (its training set is split into the folds;
 * its validation split is not used), the seeds (the first seeds the folds, initial weights and
 * data order of the sweep; all of them the refit), the batch size and optimizer, and the baseline:
 * its first variant, on which every setting is laid (other knobs, optimizer, activation). When the
 * sweep is done, the chosen setting is refit on the whole training set with every seed of the spec
 * beside the spec's variants, and scored on the test set ({@code OUT/refit}, an ordinary
 * experiment: its report has the paired statistics of {@code compare}).
 */
public final class SweepRun {

    /** The folder of the refit experiment inside the sweep's folder. */
    public static final String REFIT_DIR = "refit";
    /** The variant name of the chosen setting in the refit. */
    public static final String CHOSEN = "chosen";
    /** The checkpoints' folder inside the sweep's folder. */
    public static final String CHECKPOINTS = "checkpoints";
    private static final Pattern UNIT = Pattern.compile("(s\\d+)\\.f(\\d+)\\.e(\\d+)");

    private final ExperimentSpec spec;
    private final SweepConfig config;
    private final Path outDir;
    private final int workers;
    private final TrialExecutor executor;
    private final DataSources dataSources;
    private final boolean customData;
    private final RunListener listener;
    private final Consumer<String> warnings;
    private final boolean refit;
    private final java.util.function.BiConsumer<Long, Long> plan;

    private SweepRun(Builder b) {
        this.spec = b.spec;
        this.config = b.config;
        this.outDir = b.outDir;
        this.workers = b.workers;
        this.executor = b.executor;
        this.dataSources = b.dataSources;
        this.customData = b.customData;
        this.listener = b.listener;
        this.warnings = b.warnings;
        this.refit = b.refit;
        this.plan = b.plan;
    }

    /** @return a new builder (1 worker, refit on) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the model swept */
    public String model() {
        return spec.models().get(0);
    }

    /** @return the first variant of the spec: the base of every setting and the refit's baseline */
    public Variant base() {
        return spec.variants().values().iterator().next();
    }

    /**
     * A setting as a variant: the base with the setting's knobs, learning rate and activation.
     *
     * @param s the setting
     * @return the variant
     * @throws RegzooException naming the dimension when a value does not fit
     */
    public Variant variantOf(Setting s) {
        Variant base = base();
        Variant.Builder b = base.toBuilder().regularization(SearchSpace.regularization(base.regularization(), s));
        Object lr = s.values().get(Dimension.LEARNING_RATE);
        if (lr != null) {
            Optimizer o = base.optimizer() != null ? base.optimizer() : spec.optimizer() != null ? spec.optimizer()
                    : ModelZoo.defaults(model()).optimizer();
            b.optimizer(o.withLearningRate((Double) lr));
        }
        Object act = s.values().get(Dimension.ACTIVATION);
        if (act != null) {
            b.activation((Activation) act);
        }
        return b.build();
    }

    /** The one-variant experiment a unit of setting {@code s} trains. */
    private ExperimentSpec unitSpec(Setting s, long seed) {
        try {
            return ExperimentSpec.builder("sweep-" + spec.name() + "-" + s.id())
                    .dataset(spec.dataset().toBuilder().validationSplit(0).build()).models(model())
                    .variant(s.id(), variantOf(s)).seeds(seed).epochs(config.maxEpochs()).batchSize(spec.batchSize())
                    .optimizer(spec.optimizer()).build();
        } catch (RegzooException e) {
            throw new RegzooException("sweep.space: " + s.label() + " on " + model() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks everything that can be checked before training: one model, every setting buildable on
     * it, and (after loading the data) the folds against the smallest class.
     *
     * @throws RegzooException one line naming the field
     */
    public void check() {
        if (spec.models().size() != 1) {
            throw new RegzooException("models: a sweep tunes one model, got " + spec.models());
        }
        config.space().checkFor(model(), base().regularization());
        long seed = spec.seeds().get(0);
        for (Setting s : config.space().settings()) {
            unitSpec(s, seed);
        }
        Splits data = dataSources.get(spec.dataset().name()).load(spec.dataset().toBuilder().validationSplit(0).build(),
                seed);
        DataSet train = data.train();
        if (config.folds() > train.numExamples()) {
            throw new RegzooException("sweep.folds: " + config.folds() + " folds but only " + train.numExamples()
                    + " training examples");
        }
        if (data.isClassification()) {
            double[] counts = train.getLabels().sum(0).toDoubleVector();
            int smallest = Integer.MAX_VALUE;
            int cls = -1;
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] < smallest) {
                    smallest = (int) counts[c];
                    cls = c;
                }
            }
            if (config.folds() > smallest) {
                throw new RegzooException("sweep.folds: " + config.folds() + " folds but the smallest class (" + cls
                        + ") has " + smallest + " training examples; use at most " + Math.max(2, smallest) + " folds");
            }
        }
    }

    /**
     * Runs (or resumes) the sweep, then the refit when it finished.
     *
     * @return the outcome (also written to {@code OUT/sweep.json})
     * @throws RegzooException on bad input or when the output cannot be written
     */
    public SweepOutcome run() {
        check();
        long t0 = System.nanoTime();
        String model = model();
        long seed = spec.seeds().get(0);
        Scheduler scheduler = config.newScheduler();
        boolean cls = ModelZoo.entry(model).defaults().isClassifier();
        Path ckpt = outDir.resolve(CHECKPOINTS).toAbsolutePath();
        writePlan();
        SweepOutcome outcome;
        try (RunLock lock = RunLock.acquire(outDir)) {
            ResultsStore store = ResultsStore.open(outDir.resolve(ResultsStore.FILE_NAME), warnings);
            int width = Math.max(1, workers);
            long[] est = estimate(scheduler, cls, width);
            int total = (int) est[0];
            int done = store.results().size();
            plan.accept(est[1], store.results().stream().mapToLong(TrialResult::epochsRun).sum());
            listener.onStart(Math.max(total, done), done);
            TrialSink sink = new TrialSink(store, listener, warnings, Math.max(0, total - done), config.maxEpochs());
            boolean interrupted;
            if (executor == null && width > 1 && !scheduler.name().equals("grid")) {
                interrupted = runLanes(scheduler, cls, sink, store, width, seed, model, ckpt);
            } else {
                interrupted = runRequests(scheduler, cls, sink, store, width, seed, model, ckpt);
            }
            boolean flag = Thread.interrupted();
            outcome = outcome(scheduler, board(store.results(), cls), store.results(), cls, !interrupted,
                    (System.nanoTime() - t0) / 1e9);
            outcome.write(outDir);
            if (outcome.finished()) {
                deleteCheckpoints(ckpt); // every score is in results.jsonl; a finished sweep never continues again
            }
            if (flag) {
                Thread.currentThread().interrupt();
            }
        }
        if (outcome.finished() && refit) {
            ExperimentRunner.Builder refitRun = ExperimentRunner.builder().spec(refitSpec(outcome))
                    .outDir(outDir.resolve(REFIT_DIR)).workers(workers).listener(listener).warnings(warnings);
            if (customData) {
                refitRun.dataSources(dataSources); // only then: the runner refuses custom sources with child JVMs
            }
            if (executor != null) {
                refitRun.executor(executor); // the refit runs where the sweep's units ran (e.g. on Spark)
            }
            RunSummary r = refitRun.build().run();
            if (r.interrupted()) {
                return outcome;
            }
            outcome = new SweepOutcome(outcome.model(), outcome.dataset(), outcome.scheduler(), outcome.metric(),
                    outcome.higherIsBetter(), outcome.folds(), outcome.eta(), outcome.rungs(), outcome.choose(),
                    outcome.settings(), outcome.chosen(), outcome.epochsSpent(), outcome.gridEpochs(),
                    outcome.unitSeconds(), outcome.wallSeconds(), true, REFIT_DIR);
            outcome.write(outDir);
        }
        return outcome;
    }

    /** The units of a job that are not recorded yet. */
    private List<TrialTask> tasks(Job j, ScoreBoard board, long seed, String model, Path ckpt) {
        ExperimentSpec us = unitSpec(j.setting(), seed);
        List<TrialTask> tasks = new ArrayList<>();
        for (int f = 0; f < config.folds(); f++) {
            if (!board.has(j.setting().index(), j.toEpochs(), f)) {
                tasks.add(new SweepUnit(us.toJson(), j.setting().id(), f, config.folds(), j.fromEpochs(), j.toEpochs(),
                        ckpt.toString()).task(model, seed));
            }
        }
        return tasks;
    }

    /**
     * Requests: the scheduler gives up to {@code width} jobs, their units run through one executor
     * call, and the next request waits for all of them (the grid's one request holds every job).
     *
     * @return true when interrupted
     */
    private boolean runRequests(Scheduler scheduler, boolean cls, TrialSink sink, ResultsStore store, int width,
            long seed, String model, Path ckpt) {
        // child JVMs stay alive between the scheduler's requests: each loads MNIST and splits the folds once
        ChildJvmExecutor children = executor == null && width > 1 ? ChildJvmExecutor.keepingWorkers(width) : null;
        TrialExecutor ex = executor != null ? executor : children != null ? children
                : new InProcessExecutor(new TrialRunner(dataSources, warnings));
        try {
            while (true) {
                ScoreBoard board = board(store.results(), cls);
                List<Job> jobs = scheduler.next(board, width);
                if (jobs.isEmpty()) {
                    return false;
                }
                List<TrialTask> tasks = new ArrayList<>();
                for (Job j : jobs) {
                    tasks.addAll(tasks(j, board, seed, model, ckpt));
                }
                int before = sink.recorded();
                boolean interrupted = ex.execute(tasks, sink);
                if (interrupted || sink.isClosed() || sink.recorded() == before) {
                    return interrupted || sink.recorded() == before;
                }
            }
        } finally {
            if (children != null) {
                children.close();
            }
        }
    }

    /**
     * Lanes: one thread and one kept child JVM per worker; a lane whose job is recorded asks the
     * scheduler for the next one at once, told which jobs the other lanes run (ASHA as published:
     * no worker waits for another's job, unless nothing can start before it is recorded).
     *
     * @return true when interrupted (Ctrl-C interrupts the calling thread; the lanes are stopped)
     */
    private boolean runLanes(Scheduler scheduler, boolean cls, TrialSink sink, ResultsStore store, int width,
            long seed, String model, Path ckpt) {
        Object schedule = new Object();
        List<Job> running = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "regzoo-sweep-lane");
            t.setDaemon(true);
            return t;
        });
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            futures.add(lanes.submit(() -> {
                try (ChildJvmExecutor child = ChildJvmExecutor.keepingOneOf(width)) {
                    while (!stop.get()) {
                        Job job;
                        ScoreBoard board;
                        synchronized (schedule) {
                            board = board(store.results(), cls);
                            List<Job> jobs = scheduler.next(board, 1, running);
                            if (jobs.isEmpty()) {
                                if (running.isEmpty()) {
                                    schedule.notifyAll();
                                    return null; // the sweep is done
                                }
                                schedule.wait(); // a running job's scores may open a promotion
                                continue;
                            }
                            job = jobs.get(0);
                            running.add(job);
                        }
                        int before = sink.recorded();
                        boolean stopped;
                        try {
                            stopped = child.execute(tasks(job, board, seed, model, ckpt), sink);
                        } finally {
                            synchronized (schedule) {
                                running.remove(job);
                                schedule.notifyAll();
                            }
                        }
                        if (stopped || sink.isClosed() || sink.recorded() == before) {
                            interrupted.compareAndSet(false, stopped || sink.recorded() == before);
                            stop.set(true);
                            synchronized (schedule) {
                                schedule.notifyAll();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    stop.set(true);
                } catch (RuntimeException | Error e) { // e.g. results.jsonl cannot be written: the other lanes stop too
                    stop.set(true);
                    synchronized (schedule) {
                        schedule.notifyAll();
                    }
                    throw e;
                }
                return null;
            }));
        }
        Throwable failure = null;
        try {
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    stop.set(true);
                    futures.forEach(x -> x.cancel(true));
                }
            }
        } catch (InterruptedException e) {
            interrupted.set(true);
            stop.set(true);
            futures.forEach(f -> f.cancel(true)); // interrupts each lane: its executor kills its child JVM
        } finally {
            lanes.shutdownNow();
            try {
                lanes.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error er) {
            throw er;
        }
        if (failure != null) {
            throw new RegzooException("sweep lanes failed: " + failure.getMessage(), failure);
        }
        if (interrupted.get()) {
            Thread.currentThread().interrupt(); // as the request loop leaves it
        }
        return interrupted.get();
    }

    /**
     * The refit experiment: the spec's variants (the baseline first) and the chosen setting, every seed of the spec,
     * {@code maxEpochs}, the whole training set.
     *
     * @param o a finished sweep's outcome
     * @return the experiment
     */
    public ExperimentSpec refitSpec(SweepOutcome o) {
        Setting chosen = config.space().settings().stream().filter(s -> s.id().equals(o.chosen())).findFirst()
                .orElseThrow();
        ExperimentSpec.Builder b = ExperimentSpec.builder(spec.name() + "-refit")
                .dataset(spec.dataset().toBuilder().validationSplit(0).build()).models(model())
                .seeds(spec.seeds()).epochs(config.maxEpochs()).batchSize(spec.batchSize()).optimizer(spec.optimizer());
        spec.variants().forEach(b::variant);
        b.variant(CHOSEN, variantOf(chosen));
        return b.build();
    }

    private void deleteCheckpoints(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path p : files.toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException e) {
            warnings.accept("could not delete the checkpoints in " + dir + ": " + e.getMessage());
        }
    }

    /** A record of the plan; a folder holding another plan is refused (its unit ids would mean other settings). */
    private void writePlan() {
        StringBuilder sb = new StringBuilder();
        sb.append("model ").append(model()).append('\n').append("dataset ").append(spec.dataset()).append('\n')
                .append("seed ").append(spec.seeds().get(0)).append(" folds ").append(config.folds())
                .append(" batchSize ").append(spec.batchSize()).append(" optimizer ").append(spec.optimizer())
                .append('\n').append("base ").append(base()).append('\n');
        for (Setting s : config.space().settings()) {
            sb.append(s.id()).append(' ').append(s.label()).append('\n');
        }
        Path plan = outDir.resolve("sweep-plan.txt");
        try {
            if (java.nio.file.Files.exists(plan)) {
                String old = java.nio.file.Files.readString(plan);
                if (!old.equals(sb.toString())) {
                    throw new RegzooException("--out " + outDir + " holds another sweep (" + plan.getFileName()
                            + " differs: other model, data, folds or settings); use a new --out");
                }
                return;
            }
            java.nio.file.Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new RegzooException("cannot read " + plan + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(plan, sb.toString());
    }

    /**
     * Units and fold-epochs the scheduler asks for in all, found by running it on made-up scores (the counts hardly
     * depend on them).
     */
    private long[] estimate(Scheduler s, boolean cls, int width) {
        ScoreBoard b = new ScoreBoard(config.folds(), cls);
        long units = 0;
        long epochs = 0;
        for (List<Job> jobs; !(jobs = s.next(b, width)).isEmpty();) {
            for (Job j : jobs) {
                units += config.folds();
                epochs += (long) config.folds() * j.epochs();
                for (int f = 0; f < config.folds(); f++) {
                    b.record(j.setting().index(), j.toEpochs(), f, j.setting().index() * 1e-3 + j.toEpochs());
                }
            }
        }
        return new long[] {units, epochs};
    }

    /** The scores in the results file. */
    private ScoreBoard board(List<TrialResult> results, boolean cls) {
        ScoreBoard b = new ScoreBoard(config.folds(), cls);
        for (TrialResult r : results) {
            Matcher m = UNIT.matcher(r.variant());
            if (!m.matches()) {
                continue;
            }
            int setting = Integer.parseInt(m.group(1).substring(1));
            int fold = Integer.parseInt(m.group(2));
            if (setting >= config.space().size() || fold >= config.folds()) {
                continue;
            }
            double score = r.status() == TrialStatus.OK ? (cls ? r.testAccuracy() : r.testLoss()) : Double.NaN;
            b.record(setting, Integer.parseInt(m.group(3)), fold, score);
        }
        return b;
    }

    private SweepOutcome outcome(Scheduler s, ScoreBoard b, List<TrialResult> results, boolean cls, boolean finished,
            double wall) {
        List<SweepOutcome.SettingScores> rows = new ArrayList<>();
        for (Setting st : s.settings()) {
            List<SweepOutcome.RungScore> rs = new ArrayList<>();
            for (int e : s.rungs()) {
                double[] f = b.foldScores(st.index(), e);
                if (f != null) {
                    List<Double> fl = new ArrayList<>();
                    for (double v : f) {
                        fl.add(v);
                    }
                    rs.add(new SweepOutcome.RungScore(e, b.mean(st.index(), e), b.std(st.index(), e), fl));
                }
            }
            Map<String, Object> vs = new LinkedHashMap<>();
            st.values().forEach((k, v) -> vs.put(k, v instanceof Activation a ? a.name().toLowerCase(java.util.Locale.ROOT) : v));
            rows.add(new SweepOutcome.SettingScores(st.id(), st.label(), vs, rs));
        }
        long spent = 0;
        double secs = 0;
        for (TrialResult r : results) {
            Matcher m = UNIT.matcher(r.variant());
            if (m.matches()) {
                spent += r.epochsRun();
                secs += r.seconds();
            }
        }
        List<Setting> fin = s.finalists(b);
        String chosen = finished && !fin.isEmpty()
                ? config.choose().choose(fin, b, s.rungs().get(s.rungs().size() - 1)).id() : null;
        return new SweepOutcome(model(), spec.dataset().name(), s.name(), cls ? "val_accuracy" : "val_loss", cls,
                config.folds(), config.eta(), s.rungs(), config.choose().key(), rows, chosen, spent,
                s.gridEpochsPerFold() * config.folds(), secs, wall, finished, null);
    }

    /** Builds a {@link SweepRun}. */
    public static final class Builder {
        private ExperimentSpec spec;
        private SweepConfig config;
        private Path outDir;
        private int workers = 1;
        private TrialExecutor executor;
        private DataSources dataSources = DataSources.defaults();
        private boolean customData;
        private RunListener listener = RunListener.NONE;
        private Consumer<String> warnings = w -> { };
        private boolean refit = true;
        private java.util.function.BiConsumer<Long, Long> plan = (a, b) -> { };

        private Builder() {}

        /**
         * @param spec model, data, seeds, batch size, optimizer, baseline variant(s)
         * @return this builder
         */
        public Builder spec(ExperimentSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /**
         * @param config the space, scheduler, epochs, folds, choice
         * @return this builder
         */
        public Builder config(SweepConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param outDir the sweep's folder
         * @return this builder
         */
        public Builder outDir(Path outDir) {
            this.outDir = Objects.requireNonNull(outDir, "outDir");
            return this;
        }

        /**
         * @param n units at once: 1 in this JVM, more in child JVMs
         * @return this builder
         */
        public Builder workers(int n) {
            if (n < 1) {
                throw new RegzooException("--parallel must be >= 1, got " + n);
            }
            this.workers = n;
            return this;
        }

        /**
         * @param executor where units run (default by {@link #workers(int)})
         * @return this builder
         */
        public Builder executor(TrialExecutor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * @param dataSources where datasets come from; units in child JVMs read the default ones, so
         *     custom sources need {@code workers(1)} (or an executor of one's own)
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
         * @param warnings receives one-line warnings
         * @return this builder
         */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /**
         * @param refit whether to refit the chosen setting with the spec's seeds (default true)
         * @return this builder
         */
        public Builder refit(boolean refit) {
            this.refit = refit;
            return this;
        }

        /**
         * @param plan told, before training, the fold-epochs the sweep trains in all (an estimate for asha) and
         *     those already recorded (for a progress bar)
         * @return this builder
         */
        public Builder onPlan(java.util.function.BiConsumer<Long, Long> plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /**
         * @return the sweep
         * @throws RegzooException when the spec, config or folder is missing
         */
        public SweepRun build() {
            if (spec == null || config == null || outDir == null) {
                throw new RegzooException("a sweep needs a spec, a sweep configuration and --out");
            }
            if (customData && workers > 1 && executor == null) {
                throw new RegzooException("sweep units in child JVMs (parallel) read the default data sources;"
                        + " custom data sources need workers(1)");
            }
            return new SweepRun(this);
        }
    }
}
