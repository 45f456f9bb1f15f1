package io.regzoo.cli;

import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.experiment.DatasetSpec;
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
 * {@code regzoo sweep}: chooses a regularization strength by k-fold cross-validation. {@code --param}
 * takes a knob's spec key or its option's name ({@code weightDecay} or {@code weight-decay}).
 */
@Command(name = "sweep", description = {
        "Choose a regularization strength by k-fold cross-validation.",
        "Refits on the whole training set with the chosen value, reports the test score and writes OUT/sweep.json "
                + "and the validation curve.",
        "Regularization options set the other knobs (the base)."})
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Zoo network name.")
    private String model;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", completionCandidates = TrainCommand.DatasetNames.class,
            description = "Dataset: ${COMPLETION-CANDIDATES}.")
    private String dataset;

    @Option(names = "--train-size", paramLabel = "N", description = "Training-set size (default: the dataset's).")
    private Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Test-set size (default: the dataset's).")
    private Integer testSize;

    @Option(names = "--param", required = true, paramLabel = "KNOB", completionCandidates = RegularizationOptions.SweepParams.class,
            description = "The knob to vary: ${COMPLETION-CANDIDATES}. Its option's kebab-case name works too "
                    + "(weight-decay for weightDecay).")
    private String param;

    @Mixin
    private RegularizationOptions base;

    @Option(names = "--values", required = true, split = ",", paramLabel = "V[,V...]", description = "Values to try, e.g. 0,1e-4,1e-3,1e-2.")
    private List<Double> values;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Number of folds (default ${DEFAULT-VALUE}).")
    private int folds;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Epochs per fit (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--optimizer", paramLabel = "KIND", description = "sgd, momentum or adam (default: the model's).")
    private String optimizer;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Learning rate (with --optimizer; default 0.01); the older name --lr works too.")
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

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory for sweep.json.")
    private Path out;

    @Option(names = "--quiet", description = "No per-fold lines.")
    private boolean quiet;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
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
                .param(param).base(base.toRegularization(Regularization.none())).values(values).folds(folds).epochs(epochs).batchSize(batchSize).seed(seed).optimizer(opt)
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
