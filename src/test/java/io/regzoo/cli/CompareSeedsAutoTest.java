package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.SequentialOutcome;
import io.regzoo.experiment.SequentialSeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --seeds auto [--min-seeds] [--max-seeds] [--time-budget]}. */
class CompareSeedsAutoTest {

    private static ExperimentSpec applied(ExperimentSpec loaded, String seeds, Integer min, Integer max, String t) {
        ExperimentSpec.Builder b = loaded.toBuilder();
        CompareCommand.applySeeds(b, loaded, seeds, min, max, t);
        return b.build();
    }

    @Test
    void optionsBecomeTheSpecsSequentialSettings() {
        ExperimentSpec doc1 = ExperimentSpec.load("doc1-linear-l2");
        assertEquals(SequentialSeeds.DEFAULTS, applied(doc1, "auto", null, null, null).sequential());
        assertEquals(new SequentialSeeds(4, 9, Duration.ofMinutes(30)),
                applied(doc1, "auto", 4, 9, "30m").sequential());
        assertEquals(List.of(1L, 5L), applied(doc1, "1,5", null, null, null).seeds());
        assertNull(applied(doc1, "1,5", null, null, null).sequential());
        // A sequential spec keeps its settings; the options replace single ones.
        ExperimentSpec auto = applied(doc1, "auto", 4, 9, "30m");
        assertEquals(new SequentialSeeds(4, 12, Duration.ofMinutes(30)), applied(auto, null, null, 12, null).sequential());

        assertEquals("--min-seeds, --max-seeds and --time-budget need --seeds auto (or a spec with seeds: {auto: true})",
                assertThrows(IllegalArgumentException.class, () -> applied(doc1, null, null, 5, null)).getMessage());
        assertEquals("--seeds auto: --max-seeds (2) must be at least --min-seeds (3)",
                assertThrows(IllegalArgumentException.class, () -> applied(doc1, "auto", null, 2, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> applied(doc1, "1,x", null, null, null))
                .getMessage().startsWith("--seeds must be 'auto' or a list of integers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> applied(doc1, "auto", null, null, "later"))
                .getMessage().contains("got 'later'"));
    }

    @Test
    void compareWithSeedsAutoPrintsAndWritesTheDecisions(@TempDir Path out) throws Exception {
        CliRun r = CliRun.expect(0, "compare", "doc1-linear-l2", "--out", out.toString(), "--seeds", "auto",
                "--max-seeds", "4", "--epochs", "5", "--quiet");
        assertTrue(r.out().contains("seeds auto (min 3, max 4): "), r.out());
        assertTrue(r.out().contains("  linear-regression l2: "), r.out());
        SequentialOutcome o = SequentialOutcome.read(out).orElseThrow();
        assertEquals(4, o.maxSeeds());
        assertTrue(Files.readString(out.resolve("spec.json")).contains("\"auto\" : true"));
        // The report's primary verdict comes from the confidence sequence, not from a fixed-n paired t-test.
        SequentialOutcome.Comparison c = o.comparison("linear-regression", "l2").orElseThrow();
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("anytime-valid, sequential, Holm p"), md);
        assertTrue(md.contains("95% confidence sequence") || md.contains("still unbounded"), md);
        assertTrue(c.seeds() >= 3 && md.contains(c.seeds() + " seeds"), md);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"sequential\""));

        CliRun bad = CliRun.expect(Main.EXIT_USAGE, "compare", "doc1-linear-l2", "--out", out.toString(),
                "--max-seeds", "4");
        assertTrue(bad.err().contains("need --seeds auto") && bad.err().strip().lines().count() == 1, bad.err());
        CliRun help = CliRun.expect(0, "compare", "--help");
        assertTrue(help.out().contains("--seeds=S|auto") && help.out().contains("--time-budget=T"), help.out());
    }
}
