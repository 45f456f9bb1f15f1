package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.experiment.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsTrialsIncludingNaN() throws Exception {
        Path f = dir.resolve("results.jsonl");
        List<TrialResult> in = List.of(Fixtures.classifier("mlp", "baseline", 1, 0.99, 0.97),
                Fixtures.regressor("linear", "l2", 2, 0.01, 0.02), Fixtures.diverged("mlp", "big-lr", 3));
        ResultsFile.write(f, in);
        ResultsFile read = ResultsFile.read(f);
        assertEquals(in, read.trials());
        assertTrue(read.warnings().isEmpty(), read.warnings().toString());
        assertTrue(Files.readString(f).contains("\"NaN\""));
    }

    @Test
    void acceptsNaNLiteralStringAndNull() throws Exception {
        TrialResult t = Fixtures.regressor("linear", "baseline", 7, 0.01, 0.02);
        String line = ResultsFile.toJsonLine(t);
        Path f = dir.resolve("results.jsonl");
        Files.writeString(f, line.replaceFirst("\"trainAccuracy\":\"NaN\"", "\"trainAccuracy\":NaN")
                .replaceFirst("\"testAccuracy\":\"NaN\"", "\"testAccuracy\":null") + "\n");
        TrialResult back = ResultsFile.read(f).trials().get(0);
        assertTrue(Double.isNaN(back.trainAccuracy()));
        assertTrue(Double.isNaN(back.testAccuracy()));
        assertEquals(0.02, back.testLoss());
    }

    @Test
    void skipsGarbageLinesWithFileAndLineNumberAndKeepsLastDuplicate() throws Exception {
        Path f = dir.resolve("results.jsonl");
        ResultsFile.write(f, List.of(Fixtures.classifier("mlp", "baseline", 1, 0.99, 0.90),
                Fixtures.classifier("mlp", "baseline", 2, 0.99, 0.91)));
        String rerun = ResultsFile.toJsonLine(Fixtures.classifier("mlp", "baseline", 1, 0.99, 0.95));
        Files.writeString(f, "this is not json\n" + rerun + "\n{\"trialId\":\"mlp/l2/1\",\"model\":\"mlp\",\"tes",
                StandardOpenOption.APPEND);
        ResultsFile read = ResultsFile.read(f);
        assertEquals(2, read.trials().size());
        assertEquals(0.95, read.trials().get(0).testAccuracy());
        assertEquals(3, read.warnings().size(), read.warnings().toString());
        assertTrue(read.warnings().get(0).contains(f + ":3:"), read.warnings().get(0));
        assertTrue(read.warnings().get(2).contains(f + ":5:"), read.warnings().get(2));
    }

    @Test
    void missingFileIsAUserError() {
        RegzooException e = assertThrows(RegzooException.class, () -> ResultsFile.read(dir.resolve("nope.jsonl")));
        assertTrue(e.getMessage().contains("nope.jsonl"));
    }
}
