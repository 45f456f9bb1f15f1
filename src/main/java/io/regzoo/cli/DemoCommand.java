package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import io.regzoo.experiment.SequentialSeeds;
import io.regzoo.experiment.Variant;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.MnistCnn;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo demo}: the MNIST demo. Fetches MNIST through the data providers and trains the seed
 * documents' CNN ({@code mnist-cnn}) over a few seeds with the experiment runner, three ways: without
 * regularization; with the third document's own setting, Keras {@code L2(5e-4)} under Adam, which is
 * DL4J {@code l2(1e-3)}, a penalty coupled to Adam's gradient ({@link #KERAS_L2}); and with decoupled
 * weight decay (AdamW) at a strength that acts within the demo's budget ({@link #WEIGHT_DECAY}); plus
 * dropout and batch-norm variants on request. It prints and writes the comparison. Defaults are a
 * stratified subset sized to finish in about five minutes on two cores ({@link #estimatedMinutes});
 * {@code --full} runs the documents' setting. Ctrl-C keeps every finished trial (and tries to render
 * the report from them; {@code regzoo report} does it otherwise), and a re-run resumes.
 *
 * <p>Why {@link #WEIGHT_DECAY} is 0.5 and not a library default: DL4J's
 * {@code WeightDecay(λ, applyLR=true)}, like PyTorch's {@code torch.optim.AdamW} (default
 * {@code weight_decay=0.01}) and Keras's {@code keras.optimizers.AdamW} (default
 * {@code weight_decay=0.004}), shrinks every weight by the factor {@code 1 − lr·λ} each step. With
 * Adam's learning rate 1e-3 and λ = 0.01 that is 1e-5 per step: over the demo's ≈ 850 steps (3 epochs
 * × 18,000 digits / 64) at most {@code 1 − (1 − 1e-5)^850} ≈ 0.8%, too little to see (those defaults
 * are meant for runs of 10⁵ steps). λ = 0.5 shrinks by 5e-4 per step, at most ≈ 34% over the demo;
 * {@link #decayShrink} computes the figure the demo prints.
 */
@Command(name = "demo", description = {
        "Train the MNIST CNN with the third document's L2, with decoupled weight decay and with neither, over a few "
                + "seeds and compare them.",
        "Variants: baseline; l2-keras-5e-4, the document's own setting, Keras L2(5e-4) under Adam, i.e. DL4J "
                + "l2(1e-3), a penalty added to the gradient before Adam rescales it; weight-decay-{wd}, decoupled "
                + "weight decay (AdamW): DL4J WeightDecay({wd}) with the learning rate applied, which shrinks every "
                + "weight by lr x {wd} = {perstep} per step after Adam's update.",
        "Why {wd}: AdamW's defaults, weight_decay=0.01 in PyTorch (torch.optim.AdamW) and 0.004 in Keras "
                + "(keras.optimizers.AdamW), are also multiplied by the learning rate: with Adam's 1e-3 that is a "
                + "1e-5 shrink per step, at most {pytorch} over the demo's {steps} steps (3 epochs x 18,000 digits / "
                + "64) - too little to see. {wd} shrinks by at most {shrink} over them, so its effect on the "
                + "weights shows within the budget (--weight-decay sets another value).",
        "Prints the side-by-side table and writes the report and the trained models.",
        "Default: a stratified subset of MNIST, about {default} on 2 cores; --full runs the documents' setting "
                + "(full MNIST, 10 epochs), about {full}.",
        "Ctrl-C keeps finished trials; running the same command again resumes."})
final class DemoCommand implements Callable<Integer> {

    /** Default training-subset size (before the 10% validation split). */
    static final int TRAIN_SIZE = 20_000;
    /** Default test-subset size. */
    static final int TEST_SIZE = 5_000;
    /** Default epoch budget on the subset. */
    static final int EPOCHS = 3;
    /** The documents' epoch budget ({@code --full}). */
    static final int FULL_EPOCHS = 10;
    /** Fraction of the training digits held out for validation. */
    static final double VALIDATION_SPLIT = 0.1;
    /** Adam's learning rate, the document's. */
    static final double LEARNING_RATE = 1e-3;
    /** The third document's Keras {@code L2(5e-4)} ({@code λ·Σw²}), i.e. DL4J {@code l2(1e-3)}. */
    static final double KERAS_L2 = 5e-4;
    /**
     * Default decoupled weight decay: a strength that acts within the demo's ≈ 850 steps (see the
     * class comment; {@code --weight-decay} overrides it).
     */
    static final double WEIGHT_DECAY = 0.5;
    /** PyTorch's {@code torch.optim.AdamW} default {@code weight_decay}, for the comparison in the help. */
    static final double PYTORCH_ADAMW_DEFAULT = 0.01;
    /** Dropout rate of the dropout variant. */
    static final double DROPOUT_RATE = 0.25;
    /**
     * Training speed of the CNN on a free 2-core machine with the default backend (oneDNN helpers),
     * for the time estimate: one trial on all cores, and one single-threaded trial of several side by
     * side (docs/PERFORMANCE.md).
     */
    private static final double SAMPLES_PER_SECOND = 1_800;
    private static final double SAMPLES_PER_SECOND_PER_WORKER = 1_450;

    @Option(names = "--out", defaultValue = "reports/demo", paramLabel = "DIR",
            description = "Output directory: results.jsonl, the report (index.html, report.md, ...), models/ (default ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N|auto", description = {
            "Number of seeds, 1..N (default ${DEFAULT-VALUE}); or 'auto': seeds 1-3, then one more at a time for the",
            "comparisons still open, until each is decided or --max-seeds / --time-budget is spent (see compare)."})
    private String numSeeds;

    @Option(names = "--max-seeds", paramLabel = "N", description = "With --seeds auto: the most seeds any variant gets "
            + "(default " + AUTO_MAX_SEEDS + " for the demo).")
    private Integer maxSeeds;

    @Option(names = "--time-budget", paramLabel = "T", description = "With --seeds auto: start no new trial after "
            + "this much time (e.g. 20m); running trials finish.")
    private String timeBudget;

    @Option(names = "--epochs", paramLabel = "N", description = "Epoch budget (default " + EPOCHS + ", or "
            + FULL_EPOCHS + " with --full, 1 with --tiny).")
    private Integer epochs;

    @Option(names = "--train-size", paramLabel = "N", description = "Training digits, a stratified subset (default " + TRAIN_SIZE + ").")
    private Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Test digits, a stratified subset (default " + TEST_SIZE + ").")
    private Integer testSize;

    @Option(names = "--full", description = "The documents' setting: all 60,000 training and 10,000 test digits, 10 epochs.")
    private boolean full;

    @Option(names = "--tiny", description = "A smoke run for CI: 300 training and 100 test digits, 1 epoch, 1 seed.")
    private boolean tiny;

    @Option(names = "--weight-decay", paramLabel = "λ", description = "Decoupled weight decay of the weight-decay "
            + "variant (default " + WEIGHT_DECAY + "; each step shrinks every weight by lr·λ).")
    private Double weightDecay;

    @Option(names = "--dropout", description = "Also train a variant with dropout (rate " + DROPOUT_RATE + ").")
    private boolean dropout;

    @Option(names = "--batch-norm", description = "Also train a variant with batch normalization.")
    private boolean batchNorm;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--margin", paramLabel = "M", description = {
            "Equivalence margin for test accuracy: 0.003 or 0.3pp (default 0.3 pp)."})
    private String margin;

    @Option(names = "--no-save-models", description = "Do not save the trained networks under OUT/models/.")
    private boolean noSaveModels;

    @Option(names = "--quiet", description = "No progress bar and no per-trial lines; only the summary.")
    private boolean quiet;

    @Option(names = "--parallel", defaultValue = "auto", paramLabel = "N|auto", description = {
            "Trials run at once, each in its own JVM with cores/N threads (default ${DEFAULT-VALUE}: one per core)."})
    private String parallel;

    @Mixin
    private EngineOptions engine = new EngineOptions();

    private final DataSources dataSources;
    private final boolean handleCtrlC;
    private CommandSpec command;
    /** Whether {@link #injectSpec} fills the running times into the help text (not for the estimate's own parse). */
    private boolean fillHelp = true;

    /** The command as the CLI runs it: MNIST through the default providers, Ctrl-C handled. */
    DemoCommand() {
        this(null, true);
    }

    /**
     * Test seam.
     *
     * @param dataSources where {@code mnist} comes from ({@code null}: the default providers; other
     *     sources run the trials in this JVM, one at a time)
     * @param handleCtrlC whether to install the Ctrl-C (shutdown) hook
     */
    DemoCommand(DataSources dataSources, boolean handleCtrlC) {
        this.dataSources = dataSources;
        this.handleCtrlC = handleCtrlC;
    }

    /**
     * The experiment the options describe.
     *
     * @return the spec
     * @throws RegzooException when the options contradict each other
     */
    ExperimentSpec spec() {
        if (full && tiny) {
            throw new RegzooException("--full and --tiny exclude each other");
        }
        if (full && (trainSize != null || testSize != null)) {
            throw new RegzooException("--full uses all of MNIST; drop --train-size/--test-size");
        }
        boolean auto = "auto".equalsIgnoreCase(numSeeds.trim());
        int n;
        try {
            n = auto ? 3 : Integer.parseInt(numSeeds.trim());
        } catch (NumberFormatException e) {
            throw new RegzooException("--seeds must be a number of seeds or 'auto', got '" + numSeeds + "'");
        }
        if (n < 1) {
            throw new RegzooException("--seeds must be >= 1, got " + n);
        }
        if (auto && tiny) {
            throw new RegzooException("--seeds auto needs at least 3 seeds; --tiny runs 1");
        }
        if (!auto && (maxSeeds != null || timeBudget != null)) {
            throw new RegzooException("--max-seeds and --time-budget need --seeds auto");
        }
        Integer train = full ? null : trainSize != null ? trainSize : tiny ? 300 : TRAIN_SIZE;
        Integer test = full ? null : testSize != null ? testSize : tiny ? 100 : TEST_SIZE;
        int ep = epochs != null ? epochs : full ? FULL_EPOCHS : tiny ? 1 : EPOCHS;
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= (tiny ? 1 : n); s++) {
            seeds.add(s);
        }
        double wd = weightDecay != null ? weightDecay : WEIGHT_DECAY;
        if (!(wd > 0) || Double.isInfinite(wd)) {
            throw new RegzooException("--weight-decay must be a number > 0, got " + wd);
        }
        ExperimentSpec.Builder b = ExperimentSpec.builder(full ? "mnist-demo-full" : tiny ? "mnist-demo-tiny" : "mnist-demo")
                .dataset(DatasetSpec.builder("mnist").trainSize(train).testSize(test).validationSplit(VALIDATION_SPLIT).build())
                .models(MnistCnn.NAME)
                .variant("baseline", Variant.of(Regularization.none()))
                .variant(L2_VARIANT, Variant.of(Regularization.builder().l2Keras(KERAS_L2).build()))
                .variant(weightDecayVariant(wd), Variant.of(Regularization.builder().weightDecay(wd).build()))
                .seeds(seeds).epochs(ep).batchSize(batchSize).optimizer(Optimizer.adam(LEARNING_RATE))
                .margin(ReportCommand.parseMargin(margin));
        if (auto) {
            try {
                b.autoSeeds(new SequentialSeeds(3, maxSeeds != null ? maxSeeds : AUTO_MAX_SEEDS,
                        timeBudget == null ? null : SequentialSeeds.parseDuration(timeBudget)));
            } catch (IllegalArgumentException e) {
                throw new RegzooException("--seeds auto: " + e.getMessage().replace("max ", "--max-seeds "), e);
            }
        }
        if (dropout) {
            b.variant("dropout", Variant.of(Regularization.builder().dropoutRate(DROPOUT_RATE).build()));
        }
        if (batchNorm) {
            b.variant("batch-norm", Variant.of(Regularization.builder().batchNorm(true).build()));
        }
        return b.build();
    }

    /** The most seeds {@code --seeds auto} gives a variant in the demo unless {@code --max-seeds} says otherwise. */
    static final int AUTO_MAX_SEEDS = 8;

    /** The variant with the document's own L2. */
    static final String L2_VARIANT = "l2-keras-5e-4";

    /**
     * The name of the decoupled-weight-decay variant.
     *
     * @param lambda its λ
     * @return e.g. {@code weight-decay-0.5}
     */
    static String weightDecayVariant(double lambda) {
        return "weight-decay-" + number(lambda);
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Optimizer steps of one trial: minibatches per epoch (of the training digits left after the
     * validation split) times epochs; early stopping can only make it fewer.
     *
     * @param s the experiment
     * @return steps
     */
    static long steps(ExperimentSpec s) {
        DatasetSpec d = s.dataset();
        int train = d.trainSize() == null ? 60_000 : d.trainSize();
        long fit = train - Math.round(train * d.validationSplit());
        return (fit + s.batchSize() - 1) / s.batchSize() * s.epochs();
    }

    /**
     * The most decoupled weight decay can shrink a weight over a run: {@code 1 − (1 − lr·λ)^steps},
     * what is left of a weight the gradient never pushes back.
     *
     * @param learningRate the learning rate (DL4J's {@code WeightDecay} with {@code applyLR=true}
     *     multiplies λ by it, as AdamW does in PyTorch and Keras)
     * @param lambda the decay
     * @param steps optimizer steps
     * @return the fraction, in [0, 1]
     */
    static double decayShrink(double learningRate, double lambda, long steps) {
        return 1 - Math.pow(1 - learningRate * lambda, steps);
    }

    @Override
    public Integer call() {
        int workers = dataSources == null ? CompareCommand.parseParallel(parallel) : 1;
        ExperimentSpec s = spec();
        PrintWriter o = command.commandLine().getOut();
        printSetting(s, workers, o);
        ExperimentRunner.Builder rb = ExperimentRunner.builder().saveModels(!noSaveModels).workers(workers);
        if (dataSources != null) {
            rb.dataSources(dataSources);
        }
        RunSummary r;
        try (EngineOptions e = engine) {
            if (dataSources != null && e.isSpark()) {
                throw new IllegalArgumentException("--engine spark reads the executors' data, not this demo's");
            }
            r = new RunConsole(command).quiet(quiet).epochLines(true).handleCtrlC(handleCtrlC)
                    .showModels(!noSaveModels).run(s, out, e.configure(rb));
        }
        if (r.sequential() != null) {
            CompareCommand.describe(r.sequential()).forEach(o::println);
        }
        if (!r.interrupted() && !full) {
            o.println("This was a stratified subset. For the documents' setting (full MNIST, " + FULL_EPOCHS
                    + " epochs): ./regzoo demo --full");
        }
        o.flush();
        return RunConsole.exitCode(r);
    }

    /**
     * The demo's running time as it estimates it: trials x training digits x epochs at the CNN's
     * measured speed on a free 2-core machine (one trial on all cores, or one single-threaded trial per
     * worker side by side), plus 30% for evaluation and 10 s for starting JVMs.
     *
     * @param s the experiment
     * @param workers trials at once, or {@link ExperimentRunner#AUTO}
     * @param cores available processors
     * @return minutes
     */
    static double estimatedMinutes(ExperimentSpec s, int workers, int cores) {
        DatasetSpec d = s.dataset();
        long perTrial = (long) (d.trainSize() == null ? 60_000 : d.trainSize()) * s.epochs();
        int w = workers == ExperimentRunner.AUTO ? ExperimentRunner.autoWorkers(s, s.numTrials(), cores) : workers;
        double rate = w > 1 ? SAMPLES_PER_SECOND_PER_WORKER * Math.min(w, cores) : SAMPLES_PER_SECOND;
        return (perTrial * s.numTrials() / rate * 1.3 + 10) / 60;
    }

    /**
     * A duration in words, as the demo prints it.
     *
     * @param minutes the duration
     * @return e.g. {@code a minute}, {@code 3 minutes}, {@code 1.5 hours}
     */
    static String inWords(double minutes) {
        return minutes < 1.5 ? "a minute" : minutes < 90 ? Math.round(minutes) + " minutes"
                : String.format(Locale.ROOT, "%.1f hours", minutes / 60);
    }

    /**
     * The estimate of {@link #estimatedMinutes} for the demo run with these options and no others
     * (e.g. none, or {@code --full}) with {@code --parallel auto} on 2 cores, in words: what the help text says.
     *
     * @param options demo options
     * @return e.g. {@code 3 minutes}
     */
    static String estimateOnTwoCores(String... options) {
        DemoCommand d = new DemoCommand(null, false);
        d.fillHelp = false;
        new CommandLine(d).parseArgs(options);
        return inWords(estimatedMinutes(d.spec(), ExperimentRunner.AUTO, 2));
    }

    /**
     * Picocli injects the command's spec here; the help text gets the running times from the same
     * estimate the demo prints ({@link #estimateOnTwoCores}) in place of {@code {default}} and {@code {full}}.
     *
     * @param spec this command's spec
     */
    @Spec
    void injectSpec(CommandSpec spec) {
        this.command = spec;
        if (fillHelp) {
            String def = estimateOnTwoCores();
            String all = estimateOnTwoCores("--full");
            DemoCommand d = new DemoCommand(null, false);
            d.fillHelp = false;
            new CommandLine(d).parseArgs();
            long steps = steps(d.spec());
            String[] text = spec.usageMessage().description().clone();
            for (int i = 0; i < text.length; i++) {
                text[i] = text[i].replace("{default}", def).replace("{full}", all).replace("{wd}", number(WEIGHT_DECAY))
                        .replace("{perstep}", number(LEARNING_RATE * WEIGHT_DECAY)).replace("{steps}", "≈ " + steps)
                        .replace("{pytorch}", percent(decayShrink(LEARNING_RATE, PYTORCH_ADAMW_DEFAULT, steps)).replace("%", "%%"))
                        .replace("{shrink}", percent(decayShrink(LEARNING_RATE, WEIGHT_DECAY, steps)).replace("%", "%%"));
            }
            spec.usageMessage().description(text);
        }
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, fraction < 0.1 ? "%.1f%%" : "%.0f%%", 100 * fraction);
    }

    private void printSetting(ExperimentSpec s, int workers, PrintWriter o) {
        DatasetSpec d = s.dataset();
        int cores = Runtime.getRuntime().availableProcessors(); // the help's figure is this estimate at 2 cores
        double minutes = estimatedMinutes(s, workers, cores);
        o.printf(Locale.ROOT, "regzoo demo: %s (%s), %s x %d seeds, %d epochs, batch %d, Adam 1e-3%n", MnistCnn.NAME,
                "Conv32-Pool-Conv64-Pool-Dense64-softmax", String.join(" / ", s.variants().keySet()), s.seeds().size(),
                s.epochs(), s.batchSize());
        double wd = s.variants().values().stream().mapToDouble(v -> v.regularization().weightDecay()).max().orElse(0);
        long steps = steps(s);
        o.printf(Locale.ROOT, "variants: %s = the third document's Keras L2(5e-4) under Adam (DL4J l2(1e-3), coupled);"
                + " %s = decoupled weight decay (AdamW), each step shrinks every weight by lr x %s = %s, at most %s over"
                + " the %,d steps (PyTorch's AdamW default 0.01: %s)%n", L2_VARIANT, weightDecayVariant(wd), number(wd),
                number(LEARNING_RATE * wd), percent(decayShrink(LEARNING_RATE, wd, steps)), steps,
                percent(decayShrink(LEARNING_RATE, PYTORCH_ADAMW_DEFAULT, steps)));
        if (d.trainSize() == null) {
            o.println("data: full MNIST, 60,000 training (10% held out for validation) and 10,000 test digits"
                    + " - the documents' setting");
        } else {
            o.printf(Locale.ROOT, "data: a stratified SUBSET of MNIST, %,d training (10%% held out for validation) and %,d test"
                    + " digits; --full runs the documents' setting (full MNIST, %d epochs)%n", d.trainSize(), d.testSize(),
                    FULL_EPOCHS);
        }
        String where = cores + " free core" + (cores == 1 ? "" : "s");
        if (s.sequential() != null) {
            o.printf(Locale.ROOT, "seeds auto: 3 to %d seeds per variant, until each comparison is decided; up to %d"
                    + " trials, at most roughly %s on %s; output: %s%n", s.sequential().maxSeeds(),
                    s.numTrials(), inWords(minutes), where, out.toAbsolutePath());
        } else {
            o.printf(Locale.ROOT, "%d trials, roughly %s on %s; output: %s%n", s.numTrials(), inWords(minutes), where,
                    out.toAbsolutePath());
        }
        o.flush();
    }
}
