package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.Splits;
import io.regzoo.experiment.Variant;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import io.regzoo.train.Measures;
import io.regzoo.train.Provenance;
import io.regzoo.train.TrainRun;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooNetwork;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo train}: trains one zoo network with the given regularization and saves it. */
@Command(name = "train", description = "Train one zoo network with the given regularizers and save it (DL4J ModelSerializer zip).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Zoo network name (see 'regzoo zoo').")
    private String model;

    @Option(names = "--dataset", description = "Dataset name, e.g. linear, regression10, sparse20, blobs, mnist "
            + "(default: the model's, as 'regzoo zoo' lists it).")
    private String dataset;

    @Option(names = "--train-size", description = "Training-set size before the validation split.")
    private Integer trainSize;

    @Option(names = "--test-size", description = "Test-set size.")
    private Integer testSize;

    @Option(names = "--validation-split", defaultValue = "0.2", description = "Validation fraction (default ${DEFAULT-VALUE}).")
    private double validationSplit;

    @Mixin
    private RegularizationOptions regularization;

    @Option(names = "--activation", description = "Hidden activation (relu, elu, tanh, ...).")
    private String activation;

    @Option(names = "--optimizer", description = "sgd, momentum or adam (default: the model's).")
    private String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: the model's).")
    private Double lr;

    @Option(names = "--epochs", defaultValue = "10", description = "Epoch budget (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for data, weights and shuffling (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--patience", description = "Early stopping with this patience (on --monitor), restoring the best weights.")
    private Integer patience;

    @Option(names = "--monitor", defaultValue = "val_loss", converter = MonitorConverter.class,
            description = "What early stopping watches: val_loss or val_accuracy (default ${DEFAULT-VALUE}).")
    private EarlyStopping.Monitor monitor;

    @Option(names = "--save", required = true, paramLabel = "FILE", description = "Where to save the trained network (.zip).")
    private Path save;

    @Spec
    private CommandSpec cli;

    @Override
    public Integer call() throws IOException {
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
        Splits data = DataSources.defaults().get(ds).load(dspec, seed);
        ZooNetwork net = spec.network(model, "cli", seed, data.numFeatures(), data.isClassification() ? data.numLabels() : -1);
        data = data.shapedFor(net);
        if (net.isClassifier() != data.isClassification()) {
            throw new RegzooException("model " + model + " is a " + (net.isClassifier() ? "classifier" : "regressor")
                    + " but dataset '" + ds + "' is not; pick another --dataset");
        }
        PrintWriter o = cli.commandLine().getOut();
        o.println(net);
        TrainRun run = Trainer.builder().epochs(epochs).batchSize(batchSize).seed(seed).earlyStopping(es)
                .listener(m -> o.printf(Locale.ROOT, "epoch %3d  loss %.5f  val loss %.5f%s  lr %.3g  |w| %.4f  %.2fs%n",
                        m.epoch(), m.trainLoss(), m.valLoss(),
                        Double.isNaN(m.valAccuracy()) ? "" : String.format(Locale.ROOT, "  val acc %.2f%%", 100 * m.valAccuracy()),
                        m.learningRate(), m.weightNorm(), m.seconds()))
                .build().fit(net, data.train(), data.validation());
        o.printf(Locale.ROOT, "%s after %d epochs (kept epoch %d)%s%n", run.stopReason().name().toLowerCase(Locale.ROOT),
                run.epochsRun(), run.bestEpoch(), run.message().isEmpty() ? "" : ": " + run.message());
        double testLoss = Measures.dataLoss(run.network(), data.test());
        double testAcc = net.isClassifier() ? Measures.accuracy(run.network(), data.test()) : Double.NaN;
        o.printf(Locale.ROOT, "test loss %.5f%s%n", testLoss, net.isClassifier()
                ? String.format(Locale.ROOT, "  test accuracy %.2f%%", 100 * testAcc) : "");
        Path dir = save.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, save.getFileName().toString(), ".part");
        try {
            ModelSerializer.writeModel(run.network(), tmp.toFile(), true);
            Files.move(tmp, save, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("command", "./regzoo " + String.join(" ", cli.commandLine().getParseResult().originalArgs()));
        record.put("model", model);
        record.put("weightsFile", save.getFileName().toString());
        record.put("weightsSha256", io.regzoo.zoo.ModelCard.sha256(save));
        record.put("numParams", run.network().numParams());
        record.put("dataset", ds);
        record.put("data", new java.util.TreeMap<>(data.provenance()));
        record.put("seed", seed);
        record.put("epochs", epochs);
        record.put("batchSize", batchSize);
        record.put("stopReason", run.stopReason().name());
        record.put("epochsRun", run.epochsRun());
        record.put("optimizer", net.optimizer());
        record.put("regularization", net.regularization());
        record.put("activation", net.activation().name());
        record.put("testLoss", testLoss);
        record.put("testAccuracy", testAcc);
        record.put("testExamples", data.test().numExamples());
        record.put("history", run.history());
        record.put("trainingSeconds", run.seconds());
        record.put("finished", Instant.now().toString());
        record.put("environment", Provenance.environment());
        Path recordFile = dir.resolve(save.getFileName().toString().replaceFirst("\\.zip$", "") + ".train.json");
        Files.writeString(recordFile, SpecJson.mapper().writeValueAsString(record));
        o.println("saved " + save + " and its training record " + recordFile.getFileName());
        o.flush();
        return 0;
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
