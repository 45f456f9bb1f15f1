package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.SweepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    private static final String[] BLOBS = {"sweep", "--model", "mlp-classifier", "--dataset", "blobs", "--train-size",
        "120", "--folds", "2", "--max-epochs", "4", "--eta", "2", "--quiet"};

    private static String[] with(String[] base, String... more) {
        String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }

    private static void badInput(String expectedStart, Path out, String... args) {
        CliRun r = CliRun.expect(2, with(with(BLOBS, args), "--out", out.toString()));
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("regzoo: " + expectedStart), r.err());
    }

    @Test
    void badInputIsOneLineAndExit2(@TempDir Path tmp) throws Exception {
        CliRun eta = CliRun.expect(2, "sweep", "--model", "mlp-classifier", "--dataset", "blobs", "--space", "l2=0,1e-3",
                "--eta", "1", "--out", tmp.toString());
        assertEquals("regzoo: sweep.eta: the reduction factor must be >= 2, got 1", eta.err().strip());
        badInput("sweep.minEpochs: 5 is more than sweep.maxEpochs 4", tmp, "--space", "l2=0,1e-3", "--min-epochs", "5");
        badInput("sweep.space: one-point search space", tmp, "--space", "l2=1e-3");
        badInput("sweep.space: unknown knob 'momentum'", tmp, "--space", "momentum=0.9,0.99");
        badInput("sweep.space.dropoutRate: mlp-classifier has no place for dropoutRate=0.5", tmp,
                "--space", "dropoutRate=0,0.5");
        CliRun folds = CliRun.expect(2, "sweep", "--model", "mlp-classifier", "--dataset", "blobs", "--train-size", "120",
                "--space", "l2=0,1e-3", "--folds", "60", "--out", tmp.toString());
        assertTrue(folds.err().strip().matches("regzoo: sweep\\.folds: 60 folds but the smallest class \\(\\d\\) has \\d+ "
                + "training examples; use at most \\d+ folds"), folds.err());
        badInput("sweep needs --spec FILE", tmp);
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, "name: s\ndataset: {name: blobs, trainSize: 60}\nmodels: [mlp-classifier]\n"
                + "variants: {baseline: {}}\nseeds: [1]\nepochs: 3\nsweep:\n  folds: 2\n  space:\n    l2: [0, 1e-3]\n"
                + "  maxEpochs: 2\n  minEpochs: 3\n");
        CliRun r = CliRun.expect(2, "sweep", "--spec", spec.toString(), "--out", tmp.resolve("o").toString());
        assertEquals("regzoo: " + spec + ": sweep.minEpochs: 3 is more than sweep.maxEpochs 2 (line 12)",
                r.err().strip());
    }

    @Test
    void ashaRunWritesItsReportAndResumesAsDone(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("s");
        CliRun r = CliRun.expect(0, with(BLOBS, "--space", "l2=0,1e-2,1", "--space", "activation=relu,tanh",
                "--seeds", "1,2", "--out", out.toString()));
        assertTrue(r.out().contains("<- chosen"), r.out());
        assertTrue(r.out().contains("refit on the whole training set (2 seeds, 4 epochs)"), r.out());
        SweepOutcome o = SweepOutcome.read(out);
        assertTrue(o.finished());
        assertTrue(o.epochsSpent() < o.gridEpochs());
        for (String f : new String[] {"sweep.md", "sweep.html", "sweep-rungs.png", "sweep-validation-e1.png",
            "refit/report.md"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        String md = Files.readString(out.resolve("sweep.md"));
        assertTrue(md.contains("(chosen)") && md.contains("fold-epochs trained") && md.contains("Refit on the whole"), md);
        long lines = Files.readAllLines(out.resolve("results.jsonl")).size();
        CliRun again = CliRun.expect(0, with(BLOBS, "--space", "l2=0,1e-2,1", "--space", "activation=relu,tanh",
                "--seeds", "1,2", "--out", out.toString()));
        assertEquals(lines, Files.readAllLines(out.resolve("results.jsonl")).size(), "nothing retrained");
        assertTrue(again.out().contains(o.chosenSetting().orElseThrow().label()), again.out());
        CliRun other = CliRun.expect(2, with(BLOBS, "--space", "l2=0,1e-3", "--out", out.toString()));
        assertTrue(other.err().contains("holds another sweep"), other.err());
    }
}
