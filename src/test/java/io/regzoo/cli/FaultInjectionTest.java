package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.FolderSnapshot;
import io.regzoo.SmallTmpfs;
import io.regzoo.experiment.TrialCodec;
import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection suite against the real commands: a full disk while writing the report (after
 * {@code compare}'s trials, and on {@code report}), a results file with torn, garbage and duplicate
 * lines, a spec changed between a run and its resume, two runs on one folder, out of memory in a
 * trial. Each asserts the exit status, the one line, and that what was written before is intact. The
 * worker JVM killed by a signal is {@code experiment.TrialFaultTest}; NaN and infinite losses at every
 * stage are {@code train.TrainerNonFiniteTest} and {@code cli.TrainDivergenceTest}.
 */
class FaultInjectionTest {

    private static final String SPEC = String.join("\n",
            "name: faults",
            "dataset: {name: linear, trainSize: 40, testSize: 20}",
            "models: [linear-regression]",
            "variants:",
            "  baseline: {}",
            "  l2: {l2: 0.1}",
            "seeds: [1, 2]",
            "epochs: 2",
            "batchSize: 8",
            "");

    private static Path spec(Path dir) throws IOException {
        return Files.writeString(dir.resolve("faults.yaml"), SPEC);
    }

    /** The lines of standard error; each is one whole message. */
    private static List<String> errLines(CliRun r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
        return r.err().lines().toList();
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        return FolderSnapshot.of(dir);
    }

    private static void assertIntact(Map<String, byte[]> before, Path dir) throws IOException {
        FolderSnapshot.assertUnchanged(before, snapshot(dir));
    }

    /** Writes zeros until the disk is full, then frees {@code free} bytes. */
    private static void fillLeaving(Path filler, long free) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // full now
        }
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, Files.size(filler) - free));
        }
    }

    @Test
    void aFullDiskAfterTheTrialsIsOneLineAndKeepsEveryResult(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp);
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 64)) { // room for the 4 results (~15 KB), not the report (~280 KB)
            Path out = fs.dir().resolve("run");
            CliRun r = CliRun.expect(Main.EXIT_ENVIRONMENT, "compare", spec.toString(), "--out", out.toString(), "--quiet");
            List<String> err = errLines(r);
            assertEquals(1, err.size(), r.err());
            String line = err.get(0);
            System.out.println("compare on a full disk: " + line);
            assertTrue(line.startsWith("regzoo: cannot write " + out + "/"), line);
            assertTrue(line.endsWith(": No space left on device; free space on that disk or write to another folder; "
                    + "the 4 trial results are kept in " + out.resolve("results.jsonl") + "; write the report later with "
                    + "'regzoo report " + out + "'"), line);
            List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
            assertEquals(4, lines.size());
            for (String l : lines) {
                assertEquals(TrialStatus.OK, TrialCodec.fromJson(l).status(), l);
            }
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(".regzoo.lock", "results.jsonl", "spec.json"),
                        s.map(p -> p.getFileName().toString()).sorted().toList(), "no report file, no temporary file");
            }
        }
    }

    @Test
    void reportOnAFullDiskIsOneLineAndKeepsThePreviousReport(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRun.expect(0, "compare", spec(tmp).toString(), "--out", run.toString(), "--quiet");
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 2048)) {
            Path dir = Files.createDirectories(fs.dir().resolve("run"));
            for (String f : List.of("results.jsonl", "spec.json")) {
                Files.copy(run.resolve(f), dir.resolve(f));
            }
            CliRun.expect(0, "report", dir.toString());
            Map<String, byte[]> before = snapshot(dir);
            fillLeaving(fs.dir().resolve("filler"), 64 * 1024); // a few charts fit, the whole report does not
            CliRun r = CliRun.expect(Main.EXIT_ENVIRONMENT, "report", dir.toString(), "--margin", "0.05");
            List<String> err = errLines(r);
            assertEquals(1, err.size(), r.err());
            System.out.println("report on a full disk: " + err.get(0));
            assertTrue(err.get(0).startsWith("regzoo: cannot write " + dir + "/"), err.get(0));
            assertTrue(err.get(0).endsWith(": No space left on device; free space on that disk or write to another folder"),
                    err.get(0));
            assertIntact(before, dir);
        }
    }

    @Test
    void tornGarbageAndDuplicateLinesAreEachWarnedOnceInOneFormatAndTheGoodLinesAreKept(@TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("run");
        Path spec = spec(tmp);
        CliRun.expect(0, "compare", spec.toString(), "--out", out.toString(), "--quiet");
        Path file = out.resolve("results.jsonl");
        List<String> l = Files.readAllLines(file);
        // line 2 garbage, line 4 a duplicate of line 1, line 6 torn (the fourth trial, half-written)
        String kept = l.get(0) + "\n" + "garbage{\n" + l.get(1) + "\n" + l.get(0) + "\n" + l.get(2) + "\n";
        Files.writeString(file, kept + l.get(3).substring(0, 50));
        CliRun r = CliRun.expect(0, "compare", spec.toString(), "--out", out.toString(), "--quiet");
        List<String> err = errLines(r);
        assertEquals(3, err.size(), r.err());
        assertTrue(err.get(0).startsWith("regzoo: warning: " + file + ":2: not a trial result ("), err.get(0));
        assertTrue(err.get(0).endsWith("); skipped"), err.get(0));
        assertEquals("regzoo: warning: " + file + ":6: incomplete line (the previous run stopped while writing it); cut off",
                err.get(1));
        assertEquals("regzoo: warning: " + file + ":4: trial linear-regression/baseline/1 occurs again; keeping this later "
                + "line", err.get(2));
        assertTrue(r.out().contains("ran 1 now, skipped 3"), r.out());
        String now = Files.readString(file);
        assertTrue(now.startsWith(kept), "the earlier lines are kept byte for byte:\n" + now);
        assertEquals(TrialResult.idOf("linear-regression", "l2", 2),
                TrialCodec.fromJson(now.substring(kept.length()).strip()).trialId());

        CliRun report = CliRun.expect(0, "report", out.toString());
        List<String> rerr = errLines(report);
        assertEquals(List.of(err.get(0), err.get(2),
                "regzoo: 2 warning(s) while reading the results (above, also listed in the report)"), rerr);
    }

    @Test
    void aSpecChangedBeforeTheResumeIsExitTwoOneLineAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Path spec = spec(tmp);
        CliRun.expect(0, "compare", spec.toString(), "--out", out.toString(), "--quiet");
        Map<String, byte[]> before = snapshot(out);
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "compare", spec.toString(), "--out", out.toString(), "--quiet",
                "--epochs", "3");
        assertEquals(List.of("regzoo: " + out.resolve("spec.json") + ": this folder's trials were run with a different "
                + "spec (epochs: 2 → 3); resuming would mix them under the same trial ids. Put that value back, or use "
                + "another --out for the new spec"), errLines(r));
        assertIntact(before, out);
    }

    @Test
    void aSecondRunOnTheSameFolderIsExitTwoOneLineAndLeavesTheFirstRunsFilesAlone(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Path spec = spec(tmp);
        CliRun.expect(0, "compare", spec.toString(), "--out", out.toString(), "--quiet");
        Map<String, byte[]> before = snapshot(out);
        try (FileChannel ch = FileChannel.open(out.resolve(".regzoo.lock"), StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            CliRun r = CliRun.expect(Main.EXIT_USAGE, "compare", spec.toString(), "--out", out.toString(), "--quiet",
                    "--epochs", "3");
            assertEquals(List.of("regzoo: another regzoo run is writing to " + out + " (it holds .regzoo.lock); wait for "
                    + "it to finish or use another --out"), errLines(r));
        }
        assertIntact(before, out);
    }

    @Test
    void outOfMemoryInATrialIsOneWarningLineAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        String victim = TrialResult.idOf("linear-regression", "l2", 1);
        System.setProperty("regzoo.test.outOfMemoryOnTrial", victim);
        CliRun r;
        try {
            r = CliRun.expect(0, "compare", spec(tmp).toString(), "--out", out.toString(), "--quiet");
        } finally {
            System.clearProperty("regzoo.test.outOfMemoryOnTrial");
        }
        List<String> err = errLines(r);
        assertEquals(1, err.size(), r.err());
        assertTrue(err.get(0).startsWith("regzoo: warning: trial " + victim + " failed: out of memory (Java heap space"),
                err.get(0));
        assertTrue(r.out().contains("4 trials recorded in " + out.resolve("results.jsonl") + " (3 ok, 0 diverged, 1 failed)"),
                r.out());
        assertTrue(Files.exists(out.resolve("index.html")), "the report is written");
    }

    @Test
    void aTrainWhoseLastUpdateBreaksTheWeightsIsExitThreeOneLineAndSavesNothing(@TempDir Path out) throws Exception {
        Path model = out.resolve("lin.zip");
        // one minibatch per epoch, one epoch: every minibatch score is finite, the network after the update is not
        for (String split : List.of("0.25", "0")) { // caught on the validation set, or else on the test set
            CliRun r = CliRun.expect(TrainCommand.EXIT_DIVERGED, "train", "--model", "linear-regression", "--dataset",
                    "linear", "--train-size", "40", "--validation-split", split, "--batch-size", "40", "--lr", "1e30",
                    "--epochs", "1", "--save", model.toString());
            List<String> err = errLines(r);
            assertEquals(1, err.size(), r.err());
            String where = split.equals("0") ? "on the test set after training" : "on the validation set after epoch 1";
            assertTrue(err.get(0).matches("regzoo: training linear-regression diverged: loss became (NaN|Infinity) "
                    + java.util.regex.Pattern.quote(where) + "; nothing saved; try a lower --lr .*"), err.get(0));
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.toList(), "nothing written");
            }
        }
    }

    @Test
    void aFullDiskWhileAppendingIsOneLineAndEveryRecordedResultIsIntact(@TempDir Path tmp) throws Exception {
        Path spec = spec(tmp);
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 12)) { // spec.json and two or so results (~3.7 KB each) fit
            Path out = fs.dir().resolve("run");
            CliRun r = CliRun.expect(Main.EXIT_ENVIRONMENT, "compare", spec.toString(), "--out", out.toString(), "--quiet");
            List<String> err = errLines(r);
            assertEquals(1, err.size(), r.err());
            String line = err.get(0);
            System.out.println("compare on a disk that fills while appending: " + line);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("regzoo: cannot append to results file "
                    + java.util.regex.Pattern.quote(out.resolve("results.jsonl").toString()) + ": No space left on device; "
                    + "free space on that disk or write to another folder; the incomplete line was cut off, the (\\d+) "
                    + "results? recorded before it (is|are) intact").matcher(line);
            assertTrue(m.matches(), line);
            int recorded = Integer.parseInt(m.group(1));
            assertTrue(recorded >= 1 && recorded < 4, line);
            String text = Files.readString(out.resolve("results.jsonl"));
            assertTrue(text.endsWith("\n"), "ends with a complete line");
            List<String> lines = text.lines().toList();
            assertEquals(recorded, lines.size());
            for (String l : lines) {
                TrialCodec.fromJson(l);
            }
        }
    }
}
