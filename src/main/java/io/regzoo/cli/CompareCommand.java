package io.regzoo.cli;

import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import io.regzoo.experiment.SequentialOutcome;
import io.regzoo.experiment.SequentialSeeds;
import io.regzoo.experiment.Suite;
import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo compare SPEC --out DIR}: runs an experiment's trial grid, resumably; SPEC may also
 * name a {@link Suite} (several specs, one per network, into one folder and one report).
 */
@Command(name = "compare", description = {
        "Run every model x variant x seed of an experiment spec (or of a suite of specs) and append each trial to OUT/results.jsonl.",
        "Re-running with the same --out resumes: finished trials are skipped.",
        "With --seeds auto, seeds are added in rounds until every comparison with the baseline is decided "
                + "(different, or equivalent within the margin) or a budget (--max-seeds, --time-budget) is spent; "
                + "OUT/sequential.json says what was decided at which seed count."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "A spec or suite file (.yaml/.json), a built-in spec name: "
            + "doc1-linear-l2, doc2-mlp-decay, doc3-cnn-weight-decay, doc4-techniques, doc5-l1-l2-elu, "
            + "mnist-data-size, mnist-regularizers, mnist-small-data, synthetic-regularizers; or a built-in suite name: zoo-regularizers "
            + "(every zoo network with and without each regularizer, each on its own data).")
    private String spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (results.jsonl, spec.json).")
    private Path out;

    @Option(names = "--quiet", description = "No progress bar and no per-trial lines; only the summary.")
    private boolean quiet;

    @Option(names = "--seeds", paramLabel = "S|auto", description = "Override the spec's seeds: a list, e.g. 1,2,3, "
            + "or 'auto': seeds 1..min for every variant, then one more seed at a time for the baseline and each "
            + "variant whose comparison is still open, stopping each comparison once it is decided (an anytime-valid "
            + "confidence sequence, so looking after every seed keeps the false-positive rate at 5%%; see "
            + "docs/STATISTICS.md).")
    private String seeds;

    @Option(names = "--min-seeds", paramLabel = "N", description = "With --seeds auto: seeds before the first look "
            + "(default 3, at least 2).")
    private Integer minSeeds;

    @Option(names = "--max-seeds", paramLabel = "N", description = "With --seeds auto: the most seeds any variant "
            + "gets (default 20).")
    private Integer maxSeeds;

    @Option(names = "--time-budget", paramLabel = "T", description = "With --seeds auto: start no new trial after "
            + "this much time (e.g. 30m, 2h, 90s, 1h30m); running trials finish. Counted per run: resuming gets the "
            + "whole budget again.")
    private String timeBudget;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the spec's epoch budget.")
    private Integer epochs;

    @Option(names = "--full", description = "Use the whole dataset instead of the spec's stratified subset.")
    private boolean full;

    @Option(names = "--train-size", paramLabel = "N", description = "Override the spec's training subset size.")
    private Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Override the spec's test subset size.")
    private Integer testSize;

    @Option(names = "--train-sizes", split = ",", paramLabel = "N", description = {
            "Train every variant at each of these training-set sizes (e.g. 500,2000,10000): the report then draws",
            "each variant's benefit over the baseline against the size. Replaces the spec's dataset.trainSizes."})
    private List<Integer> trainSizes;

    @Option(names = "--variants", split = ",", paramLabel = "V", description = "Run only these variants of the spec.")
    private List<String> variants;

    @Option(names = "--parallel", defaultValue = "auto", paramLabel = "N|auto", description = {
            "Trials run at once, each in its own JVM with cores/N threads (default ${DEFAULT-VALUE}: one per core",
            "for MNIST-sized data, where 2 single-threaded trials beat 1 two-threaded trial; 1 for synthetic data)."})
    private String parallel;

    @Option(names = "--margin", paramLabel = "M", description = {
            "Equivalence margin of the report (replaces the spec's margin key): 0.003 (the primary metric, in its",
            "units), 0.3pp (accuracy), or accuracy=0.003,loss=0.01. Default: 0.3 pp for accuracy, none for a loss."})
    private String margin;

    @Mixin
    private EngineOptions engine = new EngineOptions();

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

    /**
     * Applies {@code --seeds}, {@code --min-seeds}, {@code --max-seeds} and {@code --time-budget} to a spec.
     *
     * @param b the spec's builder
     * @param loaded the spec as loaded (its own sequential settings are the defaults of the options)
     * @param seeds the {@code --seeds} value, or {@code null}
     * @param min {@code --min-seeds}, or {@code null}
     * @param max {@code --max-seeds}, or {@code null}
     * @param budget {@code --time-budget}, or {@code null}
     * @throws IllegalArgumentException when a value is malformed, or a sequential option is given without
     *     {@code --seeds auto} and the spec's seeds are a fixed list
     */
    static void applySeeds(ExperimentSpec.Builder b, ExperimentSpec loaded, String seeds, Integer min, Integer max,
            String budget) {
        boolean auto = seeds != null ? "auto".equalsIgnoreCase(seeds.trim()) : loaded.sequential() != null;
        if (!auto) {
            if (min != null || max != null || budget != null) {
                throw new IllegalArgumentException("--min-seeds, --max-seeds and --time-budget need --seeds auto"
                        + " (or a spec with seeds: {auto: true})");
            }
            if (seeds != null) {
                List<Long> list = new ArrayList<>();
                for (String part : seeds.split(",")) {
                    try {
                        list.add(Long.parseLong(part.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seeds must be 'auto' or a list of integers such as 1,2,3,"
                                + " got '" + seeds + "'");
                    }
                }
                b.seeds(list);
            }
            return;
        }
        SequentialSeeds base = loaded.sequential() != null ? loaded.sequential() : SequentialSeeds.DEFAULTS;
        int lo = min != null ? min : base.minSeeds();
        int hi = max != null ? max : Math.max(base.maxSeeds(), lo);
        Duration t = budget != null ? SequentialSeeds.parseDuration(budget) : base.timeBudget();
        try {
            b.autoSeeds(new SequentialSeeds(lo, hi, t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--seeds auto: " + e.getMessage().replace("min ", "--min-seeds ")
                    .replace("max ", "--max-seeds "), e);
        }
    }

    @Override
    public Integer call() {
        try (EngineOptions e = engine) {
            return compare();
        }
    }

    private int compare() {
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
                .run(override(s), out, engine.configure(ExperimentRunner.builder().workers(workers)));
        if (r.sequential() != null) {
            java.io.PrintWriter w = command.commandLine().getOut();
            describe(r.sequential()).forEach(w::println);
            w.flush();
        }
        return RunConsole.exitCode(r);
    }

    /** The spec with the command line's --seeds, --epochs, --full, --train-size and --test-size. */
    private ExperimentSpec override(ExperimentSpec s) {
        Map<String, Double> marginMap = ReportCommand.parseMargin(margin);
        boolean seedOptions = seeds != null || minSeeds != null || maxSeeds != null || timeBudget != null;
        if (!seedOptions && epochs == null && !full && trainSize == null && testSize == null && marginMap == null
                && trainSizes == null) {
            return s;
        }
        if (trainSizes != null && (trainSize != null || full)) {
            throw new ParameterException(command.commandLine(), "--train-sizes cannot be combined with "
                    + (full ? "--full" : "--train-size"));
        }
        ExperimentSpec.Builder b = s.toBuilder();
        if (full || trainSize != null || testSize != null || trainSizes != null) {
            DatasetSpec.Builder d = s.dataset().toBuilder()
                    .testSize(full ? null : testSize != null ? testSize : s.dataset().testSize());
            if (trainSizes != null) {
                d.trainSize(null).trainSizes(trainSizes);
            } else if (full || trainSize != null) {
                d.trainSizes(null).trainSize(full ? null : trainSize);
            }
            b.dataset(d.build());
        }
        if (seedOptions) {
            applySeeds(b, s, seeds, minSeeds, maxSeeds, timeBudget);
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (marginMap != null) {
            b.margin(marginMap);
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
        RunConsole console = null;
        for (ExperimentSpec part : s.parts()) {
            o.printf(Locale.ROOT, "%n== %s: %s on %s, %s x %d seeds, %d epochs%n", part.name(), part.models().get(0),
                    part.dataset().name(), String.join(" / ", part.variants().keySet()), part.seeds().size(), part.epochs());
            o.flush();
            // One report, after the last part (or the part Ctrl-C stopped): it covers every part run so far.
            console = new RunConsole(command).quiet(quiet).labelled(true).rendersReport(false);
            last = console.run(part, out, engine.configure(ExperimentRunner.builder().workers(workers)
                    .specFile(Suite.specFile(part))));
            if (last.interrupted()) {
                break;
            }
        }
        if (last != null && !last.results().isEmpty()) {
            o.println();
            o.flush();
            console.report(out, last.results().size());
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
     * What the sequential procedure decided, one line per comparison after a heading that says why it stopped.
     *
     * @param o the outcome
     * @return the lines, e.g. {@code   linear-regression l2: different after 4 seeds: test loss +0.2845, 95%
     *     confidence sequence [+0.1489, +0.4201], anytime p 0.020 (Holm over 2)}
     */
    static List<String> describe(SequentialOutcome o) {
        List<String> out = new ArrayList<>();
        String why = switch (o.stoppedBy()) {
            case ALL_DECIDED -> allStopped(o);
            case MAX_SEEDS -> "the seeds ran out (max " + o.maxSeeds() + ") before every comparison was decided";
            case TIME_BUDGET -> "the time budget (" + o.timeBudget() + ") is spent; run the same command again to go on";
            case INTERRUPTED -> "interrupted; run the same command again to go on";
            case RUNNING -> "still running";
        };
        out.add(String.format(Locale.ROOT, "seeds auto (min %d, max %d%s): %s", o.minSeeds(), o.maxSeeds(),
                o.timeBudget() == null ? "" : ", time budget " + o.timeBudget(), why));
        for (SequentialOutcome.ModelOutcome m : o.models()) {
            boolean acc = m.metric().equals("test accuracy");
            double scale = acc ? 100 : 1;
            String unit = acc ? " pp" : "";
            for (SequentialOutcome.Comparison c : m.comparisons()) {
                String what = switch (c.decision()) {
                    case DIFFERENT -> "different after " + c.seeds() + " seeds";
                    case EQUIVALENT -> String.format(Locale.ROOT, "equivalent within ±%s%s after %d seeds",
                            number(scale * m.margin()), unit, c.seeds());
                    case INCONCLUSIVE -> "inconclusive at the budget of " + c.seeds() + " seeds";
                    case CONTINUE -> "undecided after " + c.seeds() + " seeds";
                };
                out.add(String.format(Locale.ROOT, "  %s %s: %s: %s %s%s, %.0f%% confidence sequence [%s, %s]%s,"
                        + " anytime p %.3g (Holm over %d)", m.model(), c.variant(), what, m.metric(),
                        signed(scale * c.estimate()), unit, 100 * (1 - o.alpha()), signed(scale * c.low()),
                        signed(scale * c.high()), unit, c.adjustedP(), m.comparisons().size()));
            }
        }
        return out;
    }

    private static String allStopped(SequentialOutcome o) {
        long atBudget = o.models().stream().flatMap(m -> m.comparisons().stream())
                .filter(c -> c.decision() == io.regzoo.stats.SequentialDesign.Decision.INCONCLUSIVE).count();
        long all = o.models().stream().mapToLong(m -> m.comparisons().size()).sum();
        return atBudget == 0 ? "every comparison is decided"
                : "every comparison stopped: " + (all - atBudget) + " decided, " + atBudget + " at the budget of "
                        + o.maxSeeds() + " seeds";
    }

    private static String signed(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "+∞" : "−∞";
        }
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.4g", v);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
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
        sb.append("  ").append(seconds(t.seconds()));
        return sb.toString();
    }

    /**
     * A time for the command line: {@code 12.3s}, or {@code –} when there is none (a variant whose
     * trials all diverged or failed has no mean time; a time is never printed as {@code NaNs}).
     *
     * @param s seconds, possibly NaN or infinite
     * @return the text
     */
    static String seconds(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.1fs", s) : "–";
    }
}
