package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialProvenance;
import io.regzoo.experiment.TrialResult;
import io.regzoo.report.ModelStats;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.StopReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A diverged or failed trial has no time to show: the command line prints "–", never "NaNs". */
class CompareTimeTest {

    private static TrialResult diverged(String variant, long seed, double seconds) {
        List<EpochMetrics> h = List.of(new EpochMetrics(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 10.0,
                Double.NaN, Double.NaN, Double.NaN));
        return TrialResult.diverged(new Trial("linear-regression", variant, seed),
                new TrialResult.Fit(StopReason.DIVERGED, 1, 0, h, "loss became NaN at epoch 1, minibatch 1"), seconds,
                null, TrialProvenance.none());
    }

    private static TrialResult ok(String variant, long seed) {
        List<EpochMetrics> h = List.of(new EpochMetrics(1, 0.2, Double.NaN, 0.3, Double.NaN, 0.01, 1.0, 0.0, 0.5));
        return TrialResult.ok(new Trial("linear-regression", variant, seed),
                new TrialResult.Fit(StopReason.COMPLETED, 1, 1, h, ""),
                new TrialResult.Scores(0.2, Double.NaN, 0.3, Double.NaN, 1.0, 0.0, List.of(1.0)), 1.25, null,
                TrialProvenance.none());
    }

    @Test
    void describeShowsADashForATimeThatIsNotANumber() {
        String line = CompareCommand.describe(diverged("big-lr", 1, Double.NaN));
        assertTrue(line.endsWith("  –"), line);
        assertFalse(line.contains("NaNs"), line);
        assertTrue(CompareCommand.describe(diverged("big-lr", 1, 2.04)).endsWith("  2.0s"));
        assertEquals("–", CompareCommand.seconds(Double.POSITIVE_INFINITY));
    }

    @Test
    void theSummaryTableShowsADashForAVariantWhoseTrialsAllDiverged() {
        List<TrialResult> trials = List.of(ok("baseline", 1), ok("baseline", 2), diverged("big-lr", 1, 3.0),
                diverged("big-lr", 2, 4.0));
        StringWriter w = new StringWriter();
        SummaryTable.print(ModelStats.ofAll(trials), new PrintWriter(w, true));
        String table = w.toString();
        System.out.println(table);
        assertFalse(table.contains("NaN"), table);
        String bigLr = table.lines().filter(l -> l.strip().startsWith("big-lr")).findFirst().orElseThrow();
        assertTrue(bigLr.contains(" –  "), bigLr);
        String baseline = table.lines().filter(l -> l.strip().startsWith("baseline")).findFirst().orElseThrow();
        assertTrue(baseline.contains("1.3s") || baseline.contains("1.2s"), baseline);
    }
}
