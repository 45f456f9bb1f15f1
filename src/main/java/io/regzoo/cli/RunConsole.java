package io.regzoo.cli;

import io.regzoo.EnvironmentException;
import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.ResultsStore;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import io.regzoo.experiment.TrialStatus;
import io.regzoo.report.RenderedReport;
import io.regzoo.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The console around an experiment run, shared by {@code compare} and {@code demo}: it runs the
 * trials with a {@link Progress} listener (bar on a terminal, otherwise one line per trial and, on
 * request, per epoch) and {@link CtrlC} installed, then prints the totals line
 * ({@code N trials recorded in OUT/results.jsonl (...)}), renders the report, prints the
 * {@link SummaryTable} and where the report (and the models) went, and says how to resume after an
 * interruption. Everything goes to the command's picocli writers.
 *
 * <p>Usage: {@code new RunConsole(spec).quiet(q).run(experiment, outDir, ExperimentRunner.builder().workers(n))},
 * then {@link #exitCode(RunSummary)}.
 */
final class RunConsole {
    /** Exit status of a run stopped by Ctrl-C (128 + SIGINT, as a shell reports it). */
    static final int EXIT_INTERRUPTED = 130;

    private final PrintWriter out;
    private final PrintWriter err;
    private boolean quiet;
    private boolean epochLines;
    private boolean handleCtrlC = true;
    private boolean showModels;
    private boolean labelled;
    private boolean rendersReport = true;
    private final java.util.Set<String> printed = java.util.Collections.synchronizedSet(new java.util.HashSet<>());

    /**
     * A console printing to a command's writers.
     *
     * @param command the running command's spec ({@code @Spec}); its {@code getOut()}/{@code getErr()} are used
     */
    RunConsole(CommandSpec command) {
        this(command.commandLine().getOut(), command.commandLine().getErr());
    }

    /**
     * A console printing to the given writers.
     *
     * @param out standard output (progress lines, totals, table, report lines)
     * @param err standard error (warnings, the Ctrl-C message)
     */
    RunConsole(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param quiet no progress bar and no per-trial lines; only the totals, the table and the report lines
     * @return this console
     */
    RunConsole quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    /**
     * @param epochLines without a progress bar, also print one line per epoch (the demo does)
     * @return this console
     */
    RunConsole epochLines(boolean epochLines) {
        this.epochLines = epochLines;
        return this;
    }

    /**
     * @param handle whether to install the Ctrl-C handler (default true; tests turn it off)
     * @return this console
     */
    RunConsole handleCtrlC(boolean handle) {
        this.handleCtrlC = handle;
        return this;
    }

    /**
     * @param show print where the trained networks were saved (with {@code saveModels(true)} on the runner)
     * @return this console
     */
    RunConsole showModels(boolean show) {
        this.showModels = show;
        return this;
    }

    /**
     * @param report render the report and print its table after the run (default true; a suite renders once, after
     *     its last part, with {@link #report(Path)})
     * @return this console
     */
    RunConsole rendersReport(boolean report) {
        this.rendersReport = report;
        return this;
    }

    /**
     * @param labelled start the totals line with the experiment's name ({@code compare} does, {@code demo} does not)
     * @return this console
     */
    RunConsole labelled(boolean labelled) {
        this.labelled = labelled;
        return this;
    }

    /**
     * Runs the experiment and prints everything after it.
     *
     * @param spec the experiment
     * @param outDir its output folder
     * @param runner a runner builder with the run's other settings (workers, models, data sources); this
     *     method sets its spec, output folder, listener and warnings
     * @return what the run did
     */
    RunSummary run(ExperimentSpec spec, Path outDir, ExperimentRunner.Builder runner) {
        boolean bar = !quiet && System.console() != null;
        Progress progress = new Progress(quiet, bar, epochLines, out);
        CtrlC ctrlC = handleCtrlC ? new CtrlC(Thread.currentThread(), outDir, err) : null;
        RunSummary r;
        try {
            r = runner.spec(spec).outDir(outDir).listener(progress)
                    .warnings(this::warn)
                    .build().run();
        } finally {
            progress.close();
            if (ctrlC != null) {
                ctrlC.restore();
            }
        }
        if (r.interrupted()) {
            // The interrupt has done its job (the run stopped between epochs); clear it so that writing
            // the report (interruptible file channels) is not aborted.
            Thread.interrupted();
        }
        printTotals(spec, outDir, r);
        if (!r.results().isEmpty() && rendersReport) {
            report(outDir, r.results().size());
        }
        if (r.interrupted()) {
            out.println("interrupted: finished trials are kept; run the same command again to resume");
        }
        out.flush();
        return r;
    }

    /**
     * Renders the report of an output folder and prints its table and where it is.
     *
     * @param outDir the experiment's output folder (with results)
     * @param recorded how many trial results the folder holds (for the message when the report cannot be written)
     * @throws EnvironmentException when the report cannot be written, saying that the results are kept
     */
    void report(Path outDir, int recorded) {
        RenderedReport rep;
        try {
            rep = Report.render(outDir, null, this::warn);
        } catch (EnvironmentException e) {
            // the trials are recorded; only the report is missing: say so, and how to make it later
            throw new EnvironmentException(e.getMessage() + "; the " + recorded + " trial results are "
                    + "kept in " + outDir.resolve(ResultsStore.FILE_NAME) + "; write the report later "
                    + "with 'regzoo report " + outDir + "'", e);
        }
        SummaryTable.print(rep.stats(), out);
        out.println();
        out.println("report: " + rep.html().toAbsolutePath() + " (also " + rep.markdown().getFileName() + ", "
                + rep.csv().getFileName() + ", " + rep.summaryJson().getFileName() + ")");
        if (showModels) {
            out.println("models: " + outDir.resolve(ExperimentRunner.MODELS_DIR).toAbsolutePath()
                    + "/<model>-<variant>-<seed>.zip (ModelSerializer.restoreMultiLayerNetwork)");
        }
        out.flush();
    }

    /** Prints a warning once, in one format: the report reads the lines the runner already warned about. */
    private void warn(String w) {
        if (printed.add(w)) {
            err.println("regzoo: warning: " + w);
            err.flush();
        }
    }

    private void printTotals(ExperimentSpec spec, Path outDir, RunSummary r) {
        out.printf(Locale.ROOT, "%s%d trials recorded in %s (%d ok, %d diverged, %d failed); ran %d now, skipped %d%s%n",
                labelled ? spec.name() + ": " : "", r.results().size(), outDir.resolve("results.jsonl"),
                r.count(TrialStatus.OK), r.count(TrialStatus.DIVERGED), r.count(TrialStatus.FAILED), r.ran(), r.skipped(),
                r.interrupted() ? " (interrupted)" : "");
    }

    /**
     * The command's exit status after a run.
     *
     * @param r the run
     * @return {@link #EXIT_INTERRUPTED} when Ctrl-C stopped it, else 0
     */
    static int exitCode(RunSummary r) {
        return r.interrupted() ? EXIT_INTERRUPTED : 0;
    }
}
