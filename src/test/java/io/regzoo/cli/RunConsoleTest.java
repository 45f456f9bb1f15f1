package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post-run block {@code compare} and {@code demo} share, on the tiny linear experiment. */
class RunConsoleTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private RunConsole console() {
        return new RunConsole(new PrintWriter(out, true), new PrintWriter(err, true)).handleCtrlC(false);
    }

    private static ExperimentSpec tiny() {
        return ExperimentSpec.load("doc1-linear-l2").toBuilder().seeds(1).epochs(2).build();
    }

    @Test
    void printsEachTrialThenTheTotalsTheTableTheReportAndTheModelsInThatOrder(@TempDir Path dir) {
        RunSummary r = console().labelled(true).showModels(true).epochLines(true)
                .run(tiny(), dir, ExperimentRunner.builder().saveModels(true));
        String s = out.toString();
        assertEquals(0, RunConsole.exitCode(r));
        int epoch = s.indexOf("  linear-regression/baseline/1 ep 1/2 loss ");
        int trial = s.indexOf("[1/2] linear-regression/baseline/1");
        int totals = s.indexOf("doc1-linear-l2: 2 trials recorded in " + dir.resolve("results.jsonl")
                + " (2 ok, 0 diverged, 0 failed); ran 2 now, skipped 0\n");
        int table = s.indexOf("linear-regression — test loss over seeds (mean ± std), vs baseline");
        int report = s.indexOf("report: " + dir.resolve("index.html").toAbsolutePath() + " (also report.md, results.csv, summary.json)");
        int models = s.indexOf("models: " + dir.resolve("models").toAbsolutePath() + "/<model>-<variant>-<seed>.zip");
        assertTrue(0 <= epoch && epoch < trial && trial < totals && totals < table && table < report && report < models, s);
        assertFalse(s.contains("interrupted"), s);
    }

    @Test
    void quietLeavesOutTheTrialLinesAndTheDemoHasNoLabel(@TempDir Path dir) {
        console().quiet(true).epochLines(true).run(tiny(), dir, ExperimentRunner.builder());
        String s = out.toString();
        assertTrue(s.startsWith("2 trials recorded in "), s);
        assertFalse(s.contains("[1/2]") || s.contains(" ep 1/2 ") || s.contains("models: "), s);
        assertTrue(s.contains("report: "), s);
    }

    @Test
    void anInterruptedRunSaysHowToResumeAndExits130(@TempDir Path dir) {
        Thread.currentThread().interrupt(); // as Ctrl-C does: the runner stops before the next trial
        RunSummary r = console().run(tiny(), dir, ExperimentRunner.builder());
        assertFalse(Thread.currentThread().isInterrupted(), "the console clears the interrupt once the run stopped");
        assertTrue(r.interrupted());
        assertEquals(RunConsole.EXIT_INTERRUPTED, RunConsole.exitCode(r));
        String s = out.toString();
        assertTrue(s.contains("0 trials recorded") && s.contains("ran 0 now, skipped 0 (interrupted)"), s);
        assertTrue(s.strip().endsWith("interrupted: finished trials are kept; run the same command again to resume"), s);
    }
}
