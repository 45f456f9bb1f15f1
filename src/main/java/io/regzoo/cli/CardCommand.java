package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.zoo.ModelCard;
import io.regzoo.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo card [NAME...]}: writes the model cards of trained models from their training records. */
@Command(name = "card", aliases = "model-card", description = {
        "Write the model cards of trained models.",
        "Writes models/<name>.md (model card) and models/<name>.json (its JSON twin, read by ModelZoo.pretrained) "
                + "from models/<name>.train.json and models/<name>.zip, as written by "
                + "'regzoo train --save models/<name>.zip'.",
        "Without NAME: every training record in the models directory."})
final class CardCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Model names (or paths to <name>.train.json files).")
    private List<String> names = new ArrayList<>();

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Models directory (default: -Dregzoo.models, else REGZOO_MODELS, else ./models).")
    private Path modelsDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = modelsDir != null ? modelsDir : ModelZoo.modelsDir();
        List<Path> records = new ArrayList<>();
        for (String n : names) {
            records.add(n.endsWith(ModelCard.RECORD_SUFFIX) ? Path.of(n) : dir.resolve(n + ModelCard.RECORD_SUFFIX));
        }
        if (names.isEmpty()) {
            records.addAll(allRecords(dir));
            if (records.isEmpty()) {
                throw new RegzooException("no training records (*" + ModelCard.RECORD_SUFFIX + ") in " + dir.toAbsolutePath()
                        + "; train with 'regzoo train --model mnist-cnn --save " + dir + "/mnist-cnn.zip ...'");
            }
        }
        for (Path r : records) {
            ModelCard card = ModelCard.fromTrainingRecord(r);
            Path md = card.write();
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s and %s%s (weights sha256 %s)%n", card.name(), md,
                    md.resolveSibling(card.name() + ModelCard.JSON_SUFFIX).getFileName(),
                    Double.isNaN(card.testAccuracy()) ? "" : String.format(Locale.ROOT, ", test accuracy %.2f%% on %,d",
                            100 * card.testAccuracy(), card.testExamples()), card.weightsSha256().substring(0, 16) + "…");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<Path> allRecords(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RegzooException("models directory " + dir.toAbsolutePath() + " does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(ModelCard.RECORD_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new RegzooException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
