package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.ResultsStore;
import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialProvenance;
import io.regzoo.experiment.TrialResult;
import io.regzoo.report.ResultsFile;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void reRendersAFolderFromResultsJsonl() {
        List<TrialResult> ts = new ArrayList<>();
        for (String v : List.of("baseline", "l2")) {
            for (long s = 1; s <= 2; s++) {
                ts.add(TrialResult.ok(new Trial("linear", v, s),
                        new TrialResult.Fit(StopReason.COMPLETED, 1, 1, List.of(new EpochMetrics(1, 0.1, Double.NaN,
                                0.1 + s / 100.0, Double.NaN, 0.01, 2.0, 0.0, 0.1)), ""),
                        new TrialResult.Scores(0.1, Double.NaN, 0.1 + s / 100.0, Double.NaN, 2.0, 0.0, List.of(1.0, 2.0)),
                        0.1, null, TrialProvenance.none()));
            }
        }
        ResultsFile.write(dir.resolve(ResultsStore.FILE_NAME), ts);
        assertEquals(0, Main.run("report", dir.toString()));
        assertTrue(Files.exists(dir.resolve("index.html")) && Files.exists(dir.resolve("report.md")));
    }

    @Test
    void aFolderWithoutResultsIsAUsageError() {
        assertEquals(Main.EXIT_USAGE, Main.run("report", dir.toString()));
    }
}
