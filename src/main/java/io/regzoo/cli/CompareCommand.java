package io.regzoo.cli;

import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import io.regzoo.experiment.Suite;
import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo compare SPEC --out DIR}: runs an experiment's trial grid, resumably; SPEC may also
 * name a {@link Suite} (several specs, one per network, into one folder and one report).
 */
@Command(name = "compare", description = {
        "Run every model x variant x seed of an experiment spec (or of a suite of specs) and append each trial to "
                + "OUT/results.jsonl.",
        "Re-running with the same --out resumes: finished trials are skipped."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "A spec or suite file (.yaml/.json), a built-in spec name: "
            + "doc1-linear-l2, doc2-mlp-decay, doc3-cnn-weight-decay, doc4-techniques, doc5-l1-l2-elu, "
            + "mnist-regularizers, mnist-small-data, synthetic-regularizers; or a built-in suite name: zoo-regularizers "
            + "(every zoo network with and without each regularizer, each on its own data).")
    private String spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (results.jsonl, spec.json).")
    private Path out;

    @Option(names = "--quiet", description = "No progress bar and no per-trial lines; only the summary.")
    private boolean quiet;

    @Option(names = "--seeds", split = ",", paramLabel = "S", description = "Override the spec's seeds, e.g. 1,2,3.")
    private List<Long> seeds;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the spec's epoch budget.")
    private Integer epochs;

    @Option(names = "--full", description = "Use the whole dataset instead of the spec's stratified subset.")
    private boolean full;

    @Option(names = "--train-size", paramLabel = "N", description = "Override the spec's training subset size.")
    private Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Override the spec's test subset size.")
    private Integer testSize;

    @Option(names = "--variants", split = ",", paramLabel = "V", description = "Run only these variants of the spec.")
    private List<String> variants;

    @Option(names = "--parallel", defaultValue = "auto", paramLabel = "N|auto", description = {
            "Trials run at once, each in its own JVM with cores/N threads (default ${DEFAULT-VALUE}: one per core",
            "for MNIST-sized data, where 2 single-threaded trials beat 1 two-threaded trial; 1 for synthetic data)."})
    private String parallel;

    @Spec
    private CommandSpec command;

    /**
     * Reads a {@code --parallel} value.
     *
     * @param value {@code auto} or a positive number
     * @return {@link ExperimentRunner#AUTO} or the number
     * @throws IllegalArgumentException when it is neither
     */
    static int parseParallel(String value) {
        if ("auto".equalsIgnoreCase(value.trim())) {
            return ExperimentRunner.AUTO;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--parallel must be 'auto' or a number >= 1, got '" + value + "'");
    }

    @Override
    public Integer call() {
        int workers = parseParallel(parallel);
        Optional<Suite> suite = Suite.find(spec);
        if (suite.isPresent()) {
            return runSuite(suite.get(), workers);
        }
        ExperimentSpec s = ExperimentSpec.load(spec);
        if (variants != null) {
            s = s.toBuilder().onlyVariants(variants).build();
        }
        RunSummary r = new RunConsole(command).quiet(quiet).labelled(true)
                .run(override(s), out, ExperimentRunner.builder().workers(workers));
        return RunConsole.exitCode(r);
    }

    /** The spec with the command line's --seeds, --epochs, --full, --train-size and --test-size. */
    private ExperimentSpec override(ExperimentSpec s) {
        if (seeds == null && epochs == null && !full && trainSize == null && testSize == null) {
            return s;
        }
        ExperimentSpec.Builder b = s.toBuilder();
        if (full || trainSize != null || testSize != null) {
            b.dataset(s.dataset().toBuilder().trainSize(full ? null : trainSize != null ? trainSize : s.dataset().trainSize())
                    .testSize(full ? null : testSize != null ? testSize : s.dataset().testSize()).build());
        }
        if (seeds != null) {
            b.seeds(seeds);
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        return b.build();
    }

    /**
     * Runs a suite's parts one after another into the one output folder (each part's trials through
     * the same console as a spec's; the last part's table and report cover every part), after writing
     * {@link Suite#NOT_APPLICABLE_FILE}. The combinations not run are printed before and after.
     */
    private int runSuite(Suite suite, int workers) {
        Suite s = (variants != null ? suite.onlyVariants(variants) : suite).mapParts(this::override);
        PrintWriter o = command.commandLine().getOut();
        o.printf(Locale.ROOT, "suite %s: %d networks, %d trials into %s%n", s.name(), s.parts().size(), s.numTrials(),
                out.toAbsolutePath());
        if (!quiet && !s.description().isEmpty()) {
            o.println(s.description().replaceAll("\\s+", " "));
        }
        Path na = s.writeNotApplicable(out);
        printNotApplicable(s, na, o);
        o.flush();
        RunSummary last = null;
        for (ExperimentSpec part : s.parts()) {
            o.printf(Locale.ROOT, "%n== %s: %s on %s, %s x %d seeds, %d epochs%n", part.name(), part.models().get(0),
                    part.dataset().name(), String.join(" / ", part.variants().keySet()), part.seeds().size(), part.epochs());
            o.flush();
            last = new RunConsole(command).quiet(quiet).labelled(true)
                    .run(part, out, ExperimentRunner.builder().workers(workers).specFile(Suite.specFile(part)));
            if (last.interrupted()) {
                break;
            }
        }
        if (!s.notApplicable().isEmpty()) {
            o.println();
            printNotApplicable(s, na, o);
        }
        o.flush();
        return last == null ? 0 : RunConsole.exitCode(last);
    }

    private static void printNotApplicable(Suite s, Path file, PrintWriter o) {
        if (s.notApplicable().isEmpty()) {
            o.println("every network has a place for every variant (" + file.getFileName() + " lists none)");
            return;
        }
        o.println("not applicable (not trained; listed in " + file.toAbsolutePath() + "):");
        for (Suite.NotApplicable n : s.notApplicable()) {
            o.printf(Locale.ROOT, "  %-32s %s%n", n.model() + " / " + n.variant(), n.reason());
        }
    }

    /**
     * One-line formatting of a trial result, shared by the commands.
     *
     * @param t the result
     * @return e.g. {@code mlp-regressor/l2/1  ok  completed  epochs 10  test loss 0.1234 ...}
     */
    static String describe(TrialResult t) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-36s %-8s", t.trialId(), t.status()));
        if (t.stopReason() != null) {
            sb.append(String.format(Locale.ROOT, " %-13s epochs %3d (kept %d)", t.stopReason().name().toLowerCase(Locale.ROOT),
                    t.epochsRun(), t.bestEpoch()));
        }
        if (t.isOk()) {
            sb.append(String.format(Locale.ROOT, "  train loss %.4f  test loss %.4f", t.trainLoss(), t.testLoss()));
            if (!Double.isNaN(t.testAccuracy())) {
                sb.append(String.format(Locale.ROOT, "  test acc %.2f%%", 100 * t.testAccuracy()));
            }
            sb.append(String.format(Locale.ROOT, "  |w| %.3f", t.weightNorm()));
        } else {
            sb.append("  ").append(t.message());
        }
        sb.append(String.format(Locale.ROOT, "  %.1fs", t.seconds()));
        return sb.toString();
    }
}
