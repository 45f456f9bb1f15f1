package io.regzoo.cli;

import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.SweepOutcome;
import io.regzoo.experiment.SweepReplay;
import io.regzoo.experiment.SweepRun;
import io.regzoo.experiment.Variant;
import io.regzoo.report.SweepReport;
import io.regzoo.sweep.Choice;
import io.regzoo.sweep.Dimension;
import io.regzoo.sweep.SearchSpace;
import io.regzoo.sweep.SweepConfig;
import io.regzoo.sweep.SweepSection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import io.regzoo.experiment.Sweep;
import io.regzoo.experiment.SweepResult;
import io.regzoo.report.RenderedReport;
import io.regzoo.report.Report;
import io.regzoo.report.SweepCurve;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo sweep}: tunes regularization by k-fold cross-validation, over a search space of
 * several knobs, with the {@code grid} or {@code asha} scheduler ({@link SweepRun}), resumable; or,
 * with {@code --param}, the one-knob grid of earlier versions. {@code --param} takes a knob's spec key
 * or its option's name ({@code weightDecay} or {@code weight-decay}).
 */
@Command(name = "sweep", description = {
        "Tune regularization by k-fold cross-validation, pruning poor settings early (ASHA) or trying every one (grid).",
        "The search space spans several knobs (--space l2=0,1e-4,1e-3 --space dropoutRate=lin:0:0.5:3, or a spec "
                + "file's sweep: section, keys in docs/SPEC.md). Each fold x setting x rung is appended to "
                + "OUT/results.jsonl, so a killed sweep resumes where it stopped.",
        "The chosen setting (--choose best|1se) is refit on the whole training set with every seed of the spec "
                + "beside the baseline and scored on the test set, with compare's paired statistics. Writes "
                + "OUT/sweep.json, OUT/sweep.md and charts; --scheduler both runs grid and asha side by side.",
        "Datasets: mnist and fashion-mnist (subsets with --train-size) and the synthetic linear, regression10, "
                + "sparse20, blobs. Built-in sweep spec: mnist-l2-dropout.",
        "Legacy form: --param KNOB --values V,... (one knob, full budget, one JVM; writes OUT/sweep.json). "
                + "Regularization options set the other knobs (the base)."})
final class SweepCommand implements Callable<Integer> {

    /** The built-in sweep specs ({@code src/main/resources/specs/sweeps/NAME.yaml}). */
    static final List<String> BUILT_IN = List.of("mnist-l2-dropout");

    @Option(names = "--spec", paramLabel = "FILE|NAME", description = "A sweep spec file (an experiment spec with a "
            + "sweep: section) or a built-in sweep spec name (mnist-l2-dropout).")
    private String specFile;

    @Option(names = "--model", description = "Zoo network name (without --spec).")
    private String model;

    @Option(names = "--dataset", paramLabel = "NAME", completionCandidates = TrainCommand.DatasetNames.class,
            description = "Dataset: ${COMPLETION-CANDIDATES} (without --spec).")
    private String dataset;

    @Option(names = "--train-size", description = "Training-set size (default: the dataset's or the spec's).")
    private Integer trainSize;

    @Option(names = "--test-size", description = "Test-set size (default: the dataset's or the spec's).")
    private Integer testSize;

    @Option(names = "--space", paramLabel = "KNOB=VALUES", description = {
            "One axis of the search space (repeat for more): a list 0,1e-4,1e-3; lin:FROM:TO:N; log:FROM:TO:N;",
            "loguniform:FROM:TO:N (sampled with --sample-seed). KNOB: l1, l2, weightDecay, dropoutRate, lr, activation."})
    private List<String> space;

    @Option(names = "--sample-seed", defaultValue = "1", description = "Seed of loguniform samples (default ${DEFAULT-VALUE}).")
    private long sampleSeed;

    @Option(names = "--scheduler", description = "grid, asha or both (default: the spec's, else asha).")
    private String scheduler;

    @Option(names = "--eta", description = "ASHA's reduction factor, >= 2 (default: the spec's, else 3).")
    private Integer eta;

    @Option(names = "--min-epochs", description = "ASHA's bottom rung (default: the spec's, else 1).")
    private Integer minEpochs;

    @Option(names = "--max-epochs", description = "Top rung and the refit's epochs (default: the spec's, else --epochs).")
    private Integer maxEpochs;

    @Option(names = "--choose", description = "best or 1se (one-standard-error rule; default: the spec's, else best).")
    private String choose;

    @Option(names = "--seeds", split = ",", description = "Seeds of the refit (the first also seeds the sweep; "
            + "default: the spec's, else --seed).")
    private List<Long> seeds;

    @Option(names = "--parallel", defaultValue = "auto", paramLabel = "N|auto", description = {
            "Units run at once, each worker a child JVM (default ${DEFAULT-VALUE}: one per core for MNIST-sized",
            "data, 1 in this JVM for synthetic data)."})
    private String parallel;

    @Option(names = "--no-refit", description = "Skip the refit with the spec's seeds.")
    private boolean noRefit;

    @Option(names = "--replay", description = {
            "Train nothing: replay the scheduler (--scheduler, --eta, --min-epochs, --max-epochs) on the finished grid "
                    + "sweep in --out (or OUT/grid), from the held-out score each fold recorded after every epoch, and "
                    + "print the fold-epochs it would spend and the setting it would choose against the grid's best."})
    private boolean replay;

    @Option(names = "--param", completionCandidates = RegularizationOptions.SweepParams.class,
            description = "Legacy one-knob sweep. The knob to vary: ${COMPLETION-CANDIDATES}. Its option's kebab-case "
                    + "name works too (weight-decay for weightDecay).")
    private String param;

    @Mixin
    private RegularizationOptions base;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--values", split = ",", description = "Legacy: values to try, e.g. 0,1e-4,1e-3,1e-2.")
    private List<Double> values;

    @Option(names = "--folds", description = "Number of folds (default: the spec's, else 3; legacy 5).")
    private Integer folds;

    @Option(names = "--epochs", description = "Epochs per fit (legacy; default 20).")
    private Integer epochs;

    @Option(names = "--batch-size", description = "Minibatch size (default: the spec's, else 32).")
    private Integer batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--optimizer", description = "sgd, momentum or adam (default: the spec's or the model's).")
    private String optimizer;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Learning rate (with --optimizer; default "
            + "0.01); the older name --lr works too.")
    private Double lr;

    /**
     * The older name of {@code --learning-rate}, hidden so that the usage line shows the spec key's name.
     *
     * @param value the learning rate
     */
    @Option(names = "--lr", hidden = true, paramLabel = "LR", description = "The older name of --learning-rate.")
    void olderLearningRate(double value) {
        lr = value;
    }

    @Option(names = "--out", required = true, description = "Output directory.")
    private Path out;

    @Option(names = "--quiet", description = "No progress bar and no per-unit lines.")
    private boolean quiet;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (param != null || values != null) {
            if (param == null || values == null || model == null || dataset == null) {
                throw new RegzooException("the legacy sweep needs --model, --dataset, --param and --values");
            }
            if (specFile != null || space != null || scheduler != null) {
                throw new RegzooException("--param/--values cannot be combined with --spec, --space or --scheduler");
            }
            if (engine.isSpark()) {
                throw new RegzooException("--engine spark runs the pruning sweep (--space or --spec), not the legacy "
                        + "--param/--values sweep");
            }
            return legacy();
        }
        if (optimizer == null && lr != null) {
            throw new RegzooException("--lr needs --optimizer (sgd, momentum or adam)");
        }
        ExperimentSpec exp;
        SweepConfig cfg;
        if (specFile != null) {
            String[] text = readSpec(specFile);
            exp = ExperimentSpec.parse(SweepSection.withoutSection(text[0]), text[1]);
            cfg = SweepSection.present(text[0]) ? SweepSection.parse(text[0], text[1], exp.epochs()) : null;
            ExperimentSpec.Builder b = exp.toBuilder();
            if (trainSize != null || testSize != null) {
                DatasetSpec.Builder d = exp.dataset().toBuilder();
                if (trainSize != null) {
                    d.trainSize(trainSize);
                }
                if (testSize != null) {
                    d.testSize(testSize);
                }
                b.dataset(d.build());
            }
            if (seeds != null) {
                b.seeds(seeds);
            }
            if (batchSize != null) {
                b.batchSize(batchSize);
            }
            if (optimizer != null) {
                b.optimizer(Optimizer.of(optimizer, lr == null ? 0.01 : lr));
            }
            exp = b.build();
        } else {
            if (model == null || dataset == null || space == null) {
                throw new RegzooException("sweep needs --spec FILE, or --model, --dataset and --space (or the legacy "
                        + "--param/--values)");
            }
            int max = maxEpochs != null ? maxEpochs : epochs != null ? epochs : 20;
            exp = ExperimentSpec.builder("sweep-" + model).dataset(DatasetSpec.builder(dataset).trainSize(trainSize)
                            .testSize(testSize).validationSplit(0).build())
                    .models(model).variant("baseline", Variant.of(base.toRegularization(Regularization.none())))
                    .seeds(seeds == null ? List.of(seed) : seeds).epochs(max).batchSize(batchSize == null ? 32 : batchSize)
                    .optimizer(optimizer == null ? null : Optimizer.of(optimizer, lr == null ? 0.01 : lr)).build();
            cfg = null;
        }
        cfg = override(cfg, exp.epochs());
        if (replay) {
            return replay(exp, "both".equals(scheduler) ? cfg.withScheduler("asha") : cfg);
        }
        List<String> schedulers = "both".equals(scheduler) ? List.of("asha", "grid") : List.of(cfg.scheduler());
        int workers = workers(exp);
        PrintWriter o = spec.commandLine().getOut();
        List<SweepOutcome> outcomes = new ArrayList<>();
        for (String sch : schedulers) {
            Path dir = schedulers.size() > 1 ? out.resolve(sch) : out;
            SweepOutcome r = runOne(exp, cfg.withScheduler(sch), dir, workers);
            if (r == null) {
                return RunConsole.EXIT_INTERRUPTED;
            }
            outcomes.add(r);
        }
        if (outcomes.size() > 1) {
            o.println();
            o.println("side by side (" + exp.name() + "):");
            SweepReport.sideBySide(outcomes, o);
            o.flush();
        }
        return 0;
    }

    /** {@code --replay}: the scheduler on a finished grid's recorded curves. */
    private int replay(ExperimentSpec exp, SweepConfig cfg) {
        Path grid = Files.isRegularFile(out.resolve("grid").resolve(io.regzoo.experiment.ResultsStore.FILE_NAME))
                ? out.resolve("grid") : out;
        boolean cls = io.regzoo.zoo.ModelZoo.entry(exp.models().get(0)).defaults().isClassifier();
        PrintWriter e = spec.commandLine().getErr();
        SweepReplay.Result r = SweepReplay.replay(grid, cfg, cls, workers(exp), w -> e.println("regzoo: warning: " + w));
        PrintWriter o = spec.commandLine().getOut();
        java.util.function.DoubleFunction<String> f = v -> cls ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
                : String.format(Locale.ROOT, "%.4f", v);
        o.printf(Locale.ROOT, "replay of %s on the grid in %s:%n  %d fold-epochs, %.1f%% of the grid's %d; would choose "
                + "s%02d %s, %s in the grid; the grid's best s%02d %s, %s ± %s (1 SE): %s%n", r.scheduler(), grid,
                r.epochsSpent(), 100.0 * r.epochsSpent() / r.gridEpochs(), r.gridEpochs(), r.chosen().index(),
                r.chosen().label(), f.apply(r.chosenScore()), r.gridBest().index(), r.gridBest().label(),
                f.apply(r.gridBestScore()), f.apply(r.standardError()),
                r.within() ? "within one standard error" : "NOT within one standard error");
        o.flush();
        return 0;
    }

    /** The sweep configuration: the spec's, with the command line's options on top. */
    private SweepConfig override(SweepConfig c, int specEpochs) {
        SearchSpace sp = c == null ? null : c.space();
        if (space != null) {
            List<Dimension> dims = new ArrayList<>();
            for (String a : space) {
                dims.add(Dimension.parseArg(a, sampleSeed));
            }
            sp = new SearchSpace(dims);
        }
        if (sp == null) {
            throw new RegzooException("sweep.space: empty search space; give --space KNOB=VALUES or a sweep: section");
        }
        String sch = scheduler != null ? scheduler : c != null ? c.scheduler() : "asha";
        int max = maxEpochs != null ? maxEpochs : c != null ? c.maxEpochs() : specEpochs;
        boolean both = "both".equals(sch);
        SweepConfig r = new SweepConfig(sp, both ? "asha" : sch, eta != null ? eta : c != null ? c.eta() : 3,
                minEpochs != null ? minEpochs : c != null ? c.minEpochs() : 1, max,
                folds != null ? folds : c != null ? c.folds() : 3,
                choose != null ? Choice.of(choose) : c != null ? c.choose() : Choice.BEST);
        return r;
    }

    private int workers(ExperimentSpec exp) {
        int n = CompareCommand.parseParallel(parallel);
        if (n != io.regzoo.experiment.ExperimentRunner.AUTO) {
            return n;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return DataSources.FROM_DATA_PACKAGE.contains(exp.dataset().name()) && cores > 1 ? cores : 1;
    }

    /** Runs one scheduler, prints its table, refit statistics and report; null when interrupted. */
    private SweepOutcome runOne(ExperimentSpec exp, SweepConfig cfg, Path dir, int workers) {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        cfg.space().settings().forEach(s -> labels.put(s.id(), s.id() + " " + s.label()));
        SweepProgress progress = new SweepProgress(quiet, !quiet && System.console() != null, o, v -> {
            String[] p = v.split("\\.");
            return labels.getOrDefault(p[0], p[0]) + " fold " + p[1].substring(1) + " epochs " + p[2].substring(1);
        });
        o.printf(Locale.ROOT, "%s: %s, %d settings x %d folds, rungs %s%s, %d worker%s -> %s%n", cfg.scheduler(),
                exp.models().get(0) + " on " + exp.dataset(), cfg.space().size(), cfg.folds(),
                cfg.newScheduler().rungs(), cfg.scheduler().equals("asha") ? " (eta " + cfg.eta() + ")" : "", workers,
                workers == 1 ? "" : "s", dir);
        o.flush();
        CtrlC ctrlC = new CtrlC(Thread.currentThread(), dir, e);
        SweepOutcome r;
        try {
            r = SweepRun.builder().spec(exp).config(cfg).outDir(dir).workers(workers).refit(!noRefit)
                    .executor(engine.executorOrNull())
                    .listener(progress).onPlan(progress::plan).warnings(w -> {
                        e.println("regzoo: warning: " + w);
                        e.flush();
                    }).build().run();
        } finally {
            progress.close();
            ctrlC.restore();
            engine.close();
        }
        boolean interrupted = Thread.interrupted() || !r.finished();
        Path md = SweepReport.write(dir, r);
        SweepReport.printTable(r, o);
        if (r.refitDir() != null && Files.exists(dir.resolve(r.refitDir()).resolve("results.jsonl"))) {
            RenderedReport rep = Report.render(dir.resolve(r.refitDir()));
            o.println("refit on the whole training set (" + exp.seeds().size() + " seeds, " + cfg.maxEpochs()
                    + " epochs), test set, chosen vs baseline:");
            SummaryTable.print(rep.stats(), o);
            o.println("refit report: " + rep.html().toAbsolutePath());
        }
        o.println("sweep report: " + md.toAbsolutePath() + " (also sweep.html, sweep.json)");
        if (interrupted) {
            o.println("interrupted: recorded units are kept; run the same command again to resume");
            o.flush();
            return null;
        }
        o.flush();
        return r;
    }

    /** The text and name of a sweep spec: a file, or a built-in name. */
    private static String[] readSpec(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        try {
            if (Files.isRegularFile(p)) {
                return new String[] {Files.readString(p, StandardCharsets.UTF_8), nameOrPath};
            }
            try (InputStream in = SweepCommand.class.getResourceAsStream("/specs/sweeps/" + nameOrPath + ".yaml")) {
                if (in != null) {
                    return new String[] {new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath + ".yaml"};
                }
            }
        } catch (IOException e) {
            throw new RegzooException("cannot read " + nameOrPath + ": " + e.getMessage(), e);
        }
        throw new RegzooException("--spec: no file " + nameOrPath + " and no built-in sweep spec of that name (built in: "
                + String.join(", ", BUILT_IN) + ")");
    }

    private Integer legacy() {
        PrintWriter o = spec.commandLine().getOut();
        if (optimizer == null && lr != null) {
            throw new RegzooException("--learning-rate needs --optimizer (sgd, momentum or adam)");
        }
        try {
            param = Knob.sweepable(param).key(); // weight-decay and weightDecay name the same knob
        } catch (IllegalArgumentException e) {
            throw new RegzooException("--param: " + e.getMessage(), e);
        }
        Optimizer opt = optimizer == null ? null : Optimizer.of(optimizer, lr == null ? 0.01 : lr);
        SweepResult r = Sweep.builder().model(model)
                .dataset(DatasetSpec.builder(dataset).trainSize(trainSize).testSize(testSize).build())
                .param(param).base(base.toRegularization(Regularization.none())).values(values)
                .folds(folds == null ? 5 : folds).epochs(epochs == null ? 20 : epochs)
                .batchSize(batchSize == null ? 32 : batchSize).seed(seed).optimizer(opt)
                .progress(quiet ? s -> { } : o::println)
                .build().run();
        EarlyStopping.Monitor monitor = EarlyStopping.Monitor.of(r.metric());
        for (int i = 0; i < r.values().size(); i++) {
            o.printf(Locale.ROOT, "%s=%-10s %s %.5f ± %.5f%s%n", param, r.values().get(i), r.metric(),
                    r.mean().get(i), r.std().get(i), r.values().get(i) == r.chosenValue() ? "   <- chosen" : "");
        }
        o.printf(Locale.ROOT, "chosen %s=%s; refit on the whole training set: test %s %.5f%n", param,
                r.chosenValue(), monitor.higherIsBetter() ? "accuracy" : "loss", r.testScore());
        Path file = out.resolve("sweep.json");
        AtomicFiles.write(file, SpecJson.toJson(r)); // a failure keeps an earlier sweep.json intact
        boolean higherIsBetter = monitor.higherIsBetter();
        SweepCurve curve = new SweepCurve(r.model(), param, r.values(), r.mean(), r.std(), r.chosenValue(),
                r.metric(), higherIsBetter);
        RenderedReport rep = Report.builder().title("regzoo sweep: " + r.model() + ", " + param + " by " + r.folds()
                + "-fold cross-validation").sweeps(List.of(curve)).build().writeTo(out);
        o.println("wrote " + file + " and the validation curve: " + rep.html().toAbsolutePath());
        o.flush();
        return 0;
    }
}
