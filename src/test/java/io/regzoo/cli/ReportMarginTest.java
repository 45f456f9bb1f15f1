package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.ResultsStore;
import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialProvenance;
import io.regzoo.experiment.TrialResult;
import io.regzoo.report.Report;
import io.regzoo.report.ResultsFile;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.StopReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --margin} and the printed table's statistics. */
class ReportMarginTest {

    @TempDir
    Path dir;

    /** Linear regressor, 3 seeds: l1's test loss is the baseline's + 0.0001, 0.0003, 0.0002. */
    private static List<TrialResult> trials() {
        List<TrialResult> ts = new ArrayList<>();
        double[] base = {0.020, 0.022, 0.021};
        double[] plus = {0.0001, 0.0003, 0.0002};
        for (String v : List.of("l1", "baseline")) {
            for (int s = 1; s <= 3; s++) {
                double loss = base[s - 1] + (v.equals("l1") ? plus[s - 1] : 0);
                ts.add(TrialResult.ok(new Trial("linear", v, s), new TrialResult.Fit(StopReason.COMPLETED, 1, 1,
                        List.of(new EpochMetrics(1, 0.01, Double.NaN, loss, Double.NaN,
                                0.01, 2.0, 0.0, 0.1)), ""), new TrialResult.Scores(0.01, Double.NaN, loss, Double.NaN, 2.0 + s, 0.0,
                        List.of(1.0, 2.0)), 0.1, null, TrialProvenance.none()));
            }
        }
        return ts;
    }

    @Test
    void reportMarginIsUsedAndStatedWithItsSource() throws Exception {
        ResultsFile.write(dir.resolve(ResultsStore.FILE_NAME), trials());
        assertEquals(0, Main.run("report", dir.toString()));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("- Margin: none: a loss has no default margin"), md);
        // SciPy ttest_rel: p = 0.0742; interval 0.0002 ± 4.303 · 0.0001/√3
        assertTrue(md.contains("- **l1**: no difference in test loss detectable: between −0.00005 and +0.00045 "
                + "(paired, 3 seeds, p = 0.074; no margin, so equivalence is not assessed)"), md);

        assertEquals(0, Main.run("report", dir.toString(), "--margin", "loss=0.001"));
        md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("- Margin: ±0.001 (`--margin`)."), md);
        assertTrue(md.contains("- **l1**: test loss equivalent within ±0.001 (between −0.00005 and +0.00045, paired, "
                + "3 seeds, p = 0.074)"), md);
        assertEquals(Main.EXIT_USAGE, Main.run("report", dir.toString(), "--margin", "loss=0.3pp"));
    }

    @Test
    void theTableShowsTheBaselineFirstTheTestTheHolmPAndTheMargin() {
        StringWriter w = new StringWriter();
        SummaryTable.print(Report.builder().trials(trials()).build().stats(), new PrintWriter(w, true));
        String s = w.toString();
        assertTrue(s.contains("  paired t-test by seed (Welch if seeds do not match); Holm over 1 comparison; margin "
                + "none: a loss has no default margin"), s);
        assertTrue(s.contains("95% CI") && s.contains("Holm p"), s);
        assertTrue(s.indexOf("  baseline ") < s.indexOf("  l1 "), "baseline first although it finished last: " + s);
        assertTrue(s.contains("(paired, 3 seeds, p = 0.074; no margin"), s);
    }
}
