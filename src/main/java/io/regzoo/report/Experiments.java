package io.regzoo.report;

import io.regzoo.RegzooException;
import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One call that runs an experiment and renders its report: what {@code regzoo compare SPEC --out DIR}
 * does, without the console. It runs the grid with an {@link ExperimentRunner} (resuming: trials already
 * in {@code DIR/results.jsonl} are skipped) and then writes the report files with {@link Report#render}
 * ({@code index.html}, {@code report.md}, {@code results.csv}, {@code summary.json}, the charts).
 *
 * <pre>{@code
 * Experiments.Outcome out = Experiments.run("synthetic-regularizers", Path.of("out"));
 * System.out.println(out.summary().ran() + " trials, report " + out.report().orElseThrow().html());
 * }</pre>
 *
 * <p>It prints nothing and does not switch on DL4J's oneDNN layer helpers (call
 * {@link io.regzoo.zoo.LayerHelpers#enable()} first for the command line's speed). For workers, saved
 * models, a listener or another executor, configure an {@link ExperimentRunner.Builder} and pass it to
 * {@link #run(ExperimentRunner.Builder)}.
 */
public final class Experiments {

    private Experiments() {}

    /**
     * What {@link Experiments#run} did.
     *
     * @param summary the run: every result now recorded, how many ran and were skipped, whether it was
     *     interrupted
     * @param report the report files, or empty when no trial is recorded at all (a run interrupted
     *     before its first trial finished)
     */
    public record Outcome(RunSummary summary, Optional<RenderedReport> report) {

        /**
         * Checks the components.
         *
         * @param summary the run
         * @param report the report, or empty
         */
        public Outcome {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * Loads a spec ({@link ExperimentSpec#load}: a file, or a built-in name such as
     * {@code "synthetic-regularizers"}), runs it into {@code outDir} in this JVM, and renders its report there.
     *
     * @param specPathOrName a {@code .yaml}/{@code .json} spec file, or a built-in spec's name
     * @param outDir the output folder (created if needed)
     * @return the run and the report files
     * @throws RegzooException when the spec is missing or invalid, the data cannot be loaded, or the output
     *     cannot be written
     */
    public static Outcome run(String specPathOrName, Path outDir) {
        return run(ExperimentSpec.load(specPathOrName), outDir);
    }

    /**
     * Runs a spec into {@code outDir} in this JVM, one trial after another, and renders its report there.
     *
     * @param spec the experiment (e.g. built with {@link ExperimentSpec#builder(String)})
     * @param outDir the output folder (created if needed)
     * @return the run and the report files
     * @throws RegzooException when the data cannot be loaded or the output cannot be written
     */
    public static Outcome run(ExperimentSpec spec, Path outDir) {
        return run(ExperimentRunner.builder().spec(spec).outDir(outDir));
    }

    /**
     * Builds and runs a configured runner, then renders the report into the runner's output folder.
     * When the run was interrupted (the thread's interrupt flag stopped it between epochs), the report is
     * still written from the finished trials, and the interrupt flag is set again before returning.
     *
     * @param runner a runner builder with at least its spec and output folder set
     * @return the run and the report files
     * @throws RegzooException when the runner's settings are invalid, the data cannot be loaded, or the
     *     output cannot be written
     */
    public static Outcome run(ExperimentRunner.Builder runner) {
        RunSummary summary = runner.build().run();
        // Writing the report uses interruptible file channels: clear the flag meanwhile, restore it after.
        boolean interrupted = Thread.interrupted() || summary.interrupted();
        try {
            Optional<RenderedReport> report = summary.results().isEmpty() ? Optional.empty()
                    : Optional.of(Report.render(summary.outDir()));
            return new Outcome(summary, report);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
