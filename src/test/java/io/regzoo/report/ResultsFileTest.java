package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.experiment.ResultsStore;
import io.regzoo.experiment.TrialCodec;
import io.regzoo.experiment.TrialStatus;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.StopReason;
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
        // One NaN rule: non-finite numbers are written as null.
        String text = Files.readString(f);
        assertTrue(text.contains("\"testAccuracy\":null"), text);
        assertTrue(!text.contains("\"NaN\"") && !text.contains(":NaN") && !text.contains("Infinity"), text);
    }

    @Test
    void acceptsNaNLiteralStringAndNull() throws Exception {
        TrialResult t = Fixtures.regressor("linear", "baseline", 7, 0.01, 0.02);
        String line = TrialCodec.toJson(t);
        Path f = dir.resolve("results.jsonl");
        String edited = line.replaceFirst("\"trainAccuracy\":null", "\"trainAccuracy\":NaN")
                .replaceFirst("\"testAccuracy\":null", "\"testAccuracy\":\"NaN\"");
        assertTrue(edited.contains("\"trainAccuracy\":NaN") && edited.contains("\"testAccuracy\":\"NaN\""), edited);
        Files.writeString(f, edited + "\n");
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
        String rerun = TrialCodec.toJson(Fixtures.classifier("mlp", "baseline", 1, 0.99, 0.95));
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
    void loadsAResultsFileWrittenByTheEarlierFormat() throws Exception {
        // Written by regzoo before the typed contract: provenance a string map with "data."-prefixed keys,
        // the regularization as JSON text inside it, NaN as null (5 lines) and as "NaN" (the last line).
        Path old = Path.of("src/test/resources/results-v1/results.jsonl");
        ResultsFile read = ResultsFile.read(old);
        // Two runs wrote mlp-classifier/baseline/1: the later (ok) line replaces the earlier (failed) one.
        assertEquals(List.of(old + ":5: trial mlp-classifier/baseline/1 occurs again; keeping this later line"),
                read.warnings());
        List<TrialResult> ts = read.trials();
        assertEquals(5, ts.size());
        assertEquals(List.of(TrialStatus.OK, TrialStatus.FAILED, TrialStatus.OK, TrialStatus.DIVERGED, TrialStatus.OK),
                ts.stream().map(TrialResult::status).toList());
        TrialResult failed = ts.get(1);
        assertEquals("mlp-classifier/lr1e3/1", failed.trialId());
        assertTrue(failed.message().contains("is a classifier but dataset 'linear' is regression"), failed.message());
        assertEquals(null, failed.stopReason());
        assertEquals(null, failed.regularization());
        TrialResult lin = ts.get(2);
        assertEquals("linear-regression/baseline/1", lin.trialId());
        assertEquals(StopReason.COMPLETED, lin.stopReason());
        assertEquals(Regularization.none(), lin.regularization());
        assertEquals(8, lin.history().size());
        assertEquals(1.8774700164794922, lin.testLoss());
        assertTrue(Double.isNaN(lin.testAccuracy()) && Double.isNaN(lin.history().get(0).valAccuracy()));
        TrialResult diverged = ts.get(3);
        assertEquals(StopReason.DIVERGED, diverged.stopReason());
        assertTrue(Double.isNaN(diverged.testLoss()) && Double.isNaN(diverged.history().get(2).valLoss()));
        assertTrue(diverged.message().contains("loss became Infinity"), diverged.message());
        TrialResult mlp = ts.get(0);
        assertEquals(StopReason.COMPLETED, mlp.stopReason());
        assertEquals(0.6, mlp.testAccuracy());
        assertEquals(2000, mlp.weightSample().size());
        TrialResult nanStrings = ts.get(4);
        assertTrue(Double.isNaN(nanStrings.testAccuracy()) && Double.isNaN(nanStrings.history().get(7).trainAccuracy()));
        assertEquals(lin.testLoss(), nanStrings.testLoss());
        assertEquals("cac955f48c1f137501ae01dfa912c6629c345fe82932655e3609c1a4758cda24",
                lin.provenance().data().checksum("sha256", "train").orElseThrow());
        assertEquals("1.0.0-M2.1", lin.provenance().environment().dl4j());
        assertEquals(2, lin.provenance().environment().cores());
        assertEquals("synthetic:linear", lin.provenance().data().source());
        assertEquals(1L, lin.provenance().data().dataSeed());
        assertEquals("train=32, validation=8, test=20", lin.provenance().data().sizes());
        assertEquals(8, lin.provenance().epochs());
        assertEquals(1L, lin.provenance().seed());
        assertEquals(io.regzoo.regularize.Optimizer.sgd(0.01), lin.provenance().optimizer());
        assertEquals("RELU", lin.provenance().activation());
        assertTrue(lin.provenance().modelConfig().contains("\"linear\""));
        assertEquals("4119f8d607102a004255fad5d5cb8263ca69083ccc07a5a4e555f40c936d6d29", lin.provenance().specHash());
        // The report's provenance table shows the same keys as before.
        assertEquals(lin.provenance().data().checksum("sha256", "test").orElseThrow(),
                lin.provenance().asMap().get("data.sha256.test"));
        assertEquals("none", lin.provenance().asMap().get("earlyStopping"));
        assertEquals(Regularization.none().describe(), ModelStats.regularizationOf(List.of(lin)));
        assertEquals("?", ModelStats.regularizationOf(List.of(failed)));

        // The runner's store opens it for resuming, and what it writes back reads the same.
        Path copy = dir.resolve("results.jsonl");
        Files.copy(old, copy);
        List<String> warnings = new java.util.ArrayList<>();
        ResultsStore store = ResultsStore.open(copy, warnings::add);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(6, store.results().size());
        assertEquals(5, store.finishedIds().size());
        Path again = dir.resolve("again.jsonl");
        ResultsFile.write(again, ts);
        assertEquals(ts, ResultsFile.read(again).trials());
    }

    @Test
    void missingFileIsAUserError() {
        RegzooException e = assertThrows(RegzooException.class, () -> ResultsFile.read(dir.resolve("nope.jsonl")));
        assertTrue(e.getMessage().contains("nope.jsonl"));
    }
}
