package io.regzoo.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunListener;
import io.regzoo.experiment.Splits;
import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialOutcome;
import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialRunner;
import io.regzoo.experiment.TrialStatus;
import io.regzoo.experiment.Variant;
import io.regzoo.provenance.DataProvenance;
import io.regzoo.provenance.TrainingRecord;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Provenance;
import io.regzoo.zoo.ModelCard;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.Pretrained;
import io.regzoo.zoo.ZooNetwork;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo train}: trains one zoo network with the given regularization and saves it with its
 * training record and model card ({@code NAME.train.json}, {@code NAME.json}, {@code NAME.md}), so
 * {@code regzoo predict --model NAME} can use it at once. When the training diverges (the loss became
 * NaN or infinite) it prints one line saying where and what to try, saves nothing (no model, no
 * training record) and exits with {@link #EXIT_DIVERGED}.
 *
 * <p>Every option that has a spec key is that key in kebab case ({@code --learning-rate} ↔
 * {@code optimizer.learningRate}, {@code --batch-size} ↔ {@code batchSize}, {@code --weight-decay}
 * ↔ {@code weightDecay}); older names stay as aliases ({@code --lr}).
 */
@Command(name = "train", description = "Train one zoo network with the given regularizers and save it (DL4J ModelSerializer zip).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:trained; the model, its training record and its model card are saved",
            "1:a failure of the environment (disk full, permission denied, out of memory)",
            "2:a user mistake (bad option, missing data)",
            "3:the training diverged (loss NaN or infinite); nothing saved",
            "130:interrupted (Ctrl-C); nothing saved"})
final class TrainCommand implements Callable<Integer> {

    /** Exit status of a training that diverged: nothing was saved. */
    static final int EXIT_DIVERGED = 3;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Zoo network name (see 'regzoo zoo').")
    private String model;

    @Option(names = "--dataset", paramLabel = "NAME", completionCandidates = DatasetNames.class,
            description = "Dataset: ${COMPLETION-CANDIDATES} (default: the model's, as 'regzoo zoo' lists it).")
    private String dataset;

    @Option(names = "--train-size", paramLabel = "N", description = "Training-set size before the validation split.")
    private Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Test-set size.")
    private Integer testSize;

    @Option(names = "--validation-split", defaultValue = "0.2", paramLabel = "F",
            description = "Validation fraction (default ${DEFAULT-VALUE}).")
    private double validationSplit;

    @Mixin
    private RegularizationOptions regularization;

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation (relu, elu, tanh, ...).")
    private String activation;

    @Option(names = "--optimizer", paramLabel = "KIND", description = "sgd, momentum or adam (default: the model's).")
    private String optimizer;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Learning rate (default: the model's); the older name --lr works too.")
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

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Epoch budget (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed for data, weights and shuffling (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--patience", paramLabel = "N",
            description = "Early stopping with this patience (on --monitor), restoring the best weights.")
    private Integer patience;

    @Option(names = "--monitor", defaultValue = "val_loss", paramLabel = "METRIC", converter = MonitorConverter.class,
            description = "What early stopping watches: val_loss or val_accuracy (default ${DEFAULT-VALUE}).")
    private EarlyStopping.Monitor monitor;

    @Option(names = "--save", required = true, paramLabel = "FILE", description = "Where to save the trained network (.zip).")
    private Path save;

    @Spec
    private CommandSpec cli;

    /** Where the datasets come from: {@link DataSources#defaults()}, or a test's. */
    private final DataSources sources;

    /** The command as the CLI runs it: the default datasets. */
    TrainCommand() {
        this(DataSources.defaults());
    }

    /**
     * Test seam.
     *
     * @param sources the datasets (e.g. the shipped MNIST sample in place of the full data)
     */
    TrainCommand(DataSources sources) {
        this.sources = sources;
    }

    @Override
    public Integer call() throws IOException {
        String stem = save.getFileName().toString().replaceFirst("\\.zip$", "");
        if (!stem.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new RegzooException("--save " + save + ": the file name is the model's name for 'regzoo predict --model "
                    + "NAME', so it must be letters, digits, '.', '_' and '-' (e.g. models/my-cnn.zip)");
        }
        String ds = dataset != null ? dataset : ModelZoo.entry(model).defaultDataset();
        // Without regularization options the network keeps its zoo default (e.g. mlp-classifier's L2 0.01).
        Regularization reg = regularization.toRegularization(ModelZoo.defaults(model).regularization());
        Optimizer opt = null;
        if (optimizer != null || lr != null) {
            Optimizer def = ModelZoo.defaults(model).optimizer();
            opt = optimizer == null ? def.withLearningRate(lr) : Optimizer.of(optimizer, lr == null ? def.learningRate() : lr);
        }
        Variant.Builder vb = Variant.builder().regularization(reg).optimizer(opt);
        if (activation != null) {
            try {
                vb.activation(Activation.valueOf(activation.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new RegzooException("--activation: unknown activation '" + activation + "'", e);
            }
        }
        EarlyStopping es = patience == null ? null : EarlyStopping.builder().monitor(monitor).patience(patience)
                .restoreBestWeights(true).build();
        DatasetSpec dspec = DatasetSpec.builder(ds).trainSize(trainSize).testSize(testSize).validationSplit(validationSplit).build();
        ExperimentSpec spec = ExperimentSpec.builder("train").dataset(dspec).models(model).variant("cli", vb.build())
                .seeds(seed).epochs(epochs).batchSize(batchSize).earlyStopping(es).build();
        Splits data = sources.get(ds).load(dspec, seed);
        ZooNetwork net = spec.network(model, "cli", seed, data.numFeatures(), data.isClassification() ? data.numLabels() : -1);
        PrintWriter o = cli.commandLine().getOut();
        o.println(net);
        RunListener printer = new RunListener() {
            @Override
            public void onEpoch(String trialId, EpochMetrics m) {
                o.printf(Locale.ROOT, "epoch %3d  loss %.5f  val loss %.5f%s  lr %.3g  |w| %.4f  %.2fs%n",
                        m.epoch(), m.trainLoss(), m.valLoss(),
                        Double.isNaN(m.valAccuracy()) ? "" : String.format(Locale.ROOT, "  val acc %.2f%%", 100 * m.valAccuracy()),
                        m.learningRate(), m.weightNorm(), m.seconds());
            }
        };
        TrialOutcome outcome = TrialRunner.train(spec, new Trial(model, "cli", seed), data, printer)
                .orElseThrow(() -> new RegzooException("training was interrupted; nothing saved"));
        TrialResult result = outcome.result();
        if (result.status() == TrialStatus.DIVERGED) {
            return diverged(result, net);
        }
        MultiLayerNetwork trained = outcome.trainedNetwork();
        o.printf(Locale.ROOT, "%s after %d epochs (kept epoch %d)%s%n", result.stopReason().name().toLowerCase(Locale.ROOT),
                result.epochsRun(), result.bestEpoch(), result.message().isEmpty() ? "" : ": " + result.message());
        double testLoss = result.testLoss();
        double testAcc = result.testAccuracy();
        boolean classifier = net.isClassifier();
        o.printf(Locale.ROOT, "test loss %.5f%s%n", testLoss, classifier
                ? String.format(Locale.ROOT, "  test accuracy %.2f%%", 100 * testAcc) : "");
        Path dir = save.toAbsolutePath().getParent();
        TrialRunner.saveModel(trained, save);
        List<Map<String, Double>> history = new ArrayList<>();
        for (EpochMetrics m : result.history()) {
            history.add(SpecJson.mapper().convertValue(m, new TypeReference<LinkedHashMap<String, Double>>() { }));
        }
        TrainingRecord record = new TrainingRecord(
                "./regzoo " + String.join(" ", cli.commandLine().getParseResult().originalArgs()), model,
                save.getFileName().toString(), ModelCard.sha256(save), trained.numParams(), ds,
                DataProvenance.of(data.provenance()), seed, epochs, batchSize, result.stopReason().name(),
                result.epochsRun(), net.optimizer(), result.regularization(), net.activation().name(), testLoss, testAcc,
                data.test().numExamples(), history, result.seconds(), Instant.now().toString(), Provenance.environment());
        Path recordFile = dir.resolve(stem + ModelCard.RECORD_SUFFIX);
        AtomicFiles.write(recordFile, SpecJson.mapper().writeValueAsString(record.toJson()));
        // the card (NAME.json, NAME.md) is what 'regzoo predict --model NAME' reads; each file is written atomically
        Path card = ModelCard.fromTrainingRecord(recordFile).write();
        o.println("saved " + save + ", its training record " + recordFile.getFileName() + " and its model card "
                + card.getFileName() + " (use it with 'regzoo predict --model " + stem + (dir.equals(Pretrained.modelsDir().toAbsolutePath()) ? ""
                : " --models-dir " + dir) + " FILE...')");
        o.flush();
        return 0;
    }

    /**
     * Reports a diverged training in one line on the error writer; nothing is saved (a model file
     * already at {@code --save} from an earlier run is left as it was).
     */
    private int diverged(TrialResult result, ZooNetwork net) {
        String where = result.message().isBlank() ? "the loss became NaN or infinite" : result.message();
        String kept = Files.exists(save) ? " (the existing " + save + " is left as it was)" : "";
        PrintWriter err = cli.commandLine().getErr();
        err.println("regzoo: training " + model + " diverged: " + where + "; nothing saved" + kept
                + "; try a lower --lr (it was " + String.format(Locale.ROOT, "%.3g", net.optimizer().learningRate())
                + "), or clip the gradients, e.g. --clip-norm 1");
        err.flush();
        return EXIT_DIVERGED;
    }

    /** The dataset names {@code --dataset} accepts ({@link DataSources#defaults()}), for its help. */
    static final class DatasetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DataSources.defaults().names().iterator();
        }
    }

    /** Parses {@code --monitor} with {@link EarlyStopping.Monitor#of(String)} (Keras names, any case). */
    static final class MonitorConverter implements CommandLine.ITypeConverter<EarlyStopping.Monitor> {
        @Override
        public EarlyStopping.Monitor convert(String value) {
            try {
                return EarlyStopping.Monitor.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
