package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo demo}: the MNIST demo. Fetches MNIST through the data providers, trains the seed
 * documents' CNN ({@code mnist-cnn}) without and with decoupled weight decay 5e-4 (plus dropout
 * and batch-norm variants on request) over a few seeds with the experiment runner, and prints and
 * writes the comparison. Defaults are a stratified subset sized to finish in about three minutes on
 * two cores ({@link #estimatedMinutes}); {@code --full} runs the documents' setting. Ctrl-C keeps every finished trial (and tries to render
 * the report from them; {@code regzoo report} does it otherwise), and a re-run resumes.
 */
@Command(name = "demo", description = {
        "Train the MNIST CNN without and with weight decay 5e-4 over a few seeds and compare them.",
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
    /** Weight decay of the seed document. */
    static final double WEIGHT_DECAY = 5e-4;
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

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N", description = "Number of seeds, 1..N (default ${DEFAULT-VALUE}).")
    private int numSeeds;

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
        if (numSeeds < 1) {
            throw new RegzooException("--seeds must be >= 1, got " + numSeeds);
        }
        Integer train = full ? null : trainSize != null ? trainSize : tiny ? 300 : TRAIN_SIZE;
        Integer test = full ? null : testSize != null ? testSize : tiny ? 100 : TEST_SIZE;
        int ep = epochs != null ? epochs : full ? FULL_EPOCHS : tiny ? 1 : EPOCHS;
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= (tiny ? 1 : numSeeds); s++) {
            seeds.add(s);
        }
        ExperimentSpec.Builder b = ExperimentSpec.builder(full ? "mnist-demo-full" : tiny ? "mnist-demo-tiny" : "mnist-demo")
                .dataset(DatasetSpec.builder("mnist").trainSize(train).testSize(test).validationSplit(0.1).build())
                .models(MnistCnn.NAME)
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("weight-decay", Variant.of(Regularization.builder().weightDecay(WEIGHT_DECAY).build()))
                .seeds(seeds).epochs(ep).batchSize(batchSize).optimizer(Optimizer.adam(1e-3))
                .margin(ReportCommand.parseMargin(margin));
        if (dropout) {
            b.variant("dropout", Variant.of(Regularization.builder().dropoutRate(DROPOUT_RATE).build()));
        }
        if (batchNorm) {
            b.variant("batch-norm", Variant.of(Regularization.builder().batchNorm(true).build()));
        }
        return b.build();
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
        RunSummary r = new RunConsole(command).quiet(quiet).epochLines(true).handleCtrlC(handleCtrlC)
                .showModels(!noSaveModels).run(s, out, rb);
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
            String[] text = spec.usageMessage().description().clone();
            for (int i = 0; i < text.length; i++) {
                text[i] = text[i].replace("{default}", def).replace("{full}", all);
            }
            spec.usageMessage().description(text);
        }
    }

    private void printSetting(ExperimentSpec s, int workers, PrintWriter o) {
        DatasetSpec d = s.dataset();
        double minutes = estimatedMinutes(s, workers, Runtime.getRuntime().availableProcessors());
        o.printf(Locale.ROOT, "regzoo demo: %s (%s), %s x %d seeds, %d epochs, batch %d, Adam 1e-3%n", MnistCnn.NAME,
                "Conv32-Pool-Conv64-Pool-Dense64-softmax", String.join(" / ", s.variants().keySet()), s.seeds().size(),
                s.epochs(), s.batchSize());
        if (d.trainSize() == null) {
            o.println("data: full MNIST, 60,000 training (10% held out for validation) and 10,000 test digits"
                    + " - the documents' setting");
        } else {
            o.printf(Locale.ROOT, "data: a stratified SUBSET of MNIST, %,d training (10%% held out for validation) and %,d test"
                    + " digits; --full runs the documents' setting (full MNIST, %d epochs)%n", d.trainSize(), d.testSize(),
                    FULL_EPOCHS);
        }
        o.printf(Locale.ROOT, "%d trials, roughly %s on 2 free cores; output: %s%n", s.numTrials(), inWords(minutes),
                out.toAbsolutePath());
        o.flush();
    }
}
