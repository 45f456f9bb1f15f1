package io.regzoo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.EnvironmentException;
import io.regzoo.SmallTmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench.json and bench.md are replaced atomically: a full disk keeps the previous run's files. */
class BenchReportTest {

    private static BenchReport report(String data) {
        return new BenchReport(List.of(), 12.5, null, 64, 1e6, 2, data, "skipped (--no-torch)", Map.of("cpu", "test"));
    }

    /** Ratios 1.1 and 0.9 in wall time: geometric mean √0.99; t(0.975, 1) = 12.706 over the log ratios' SD. */
    @Test
    void pairedRatioIsTheGeometricMeanWithAStudentTInterval() {
        BenchReport.Paired p = new BenchReport.Paired(5, List.of(100.0, 100.0), List.of(110.0, 90.0), List.of(10.0, 10.0),
                List.of(9.0, 9.0));
        assertEquals(Math.sqrt(0.99), p.ratio(), 1e-12);
        double sd = Math.abs(Math.log(1.1) - Math.log(0.9)) / Math.sqrt(2);
        assertEquals(p.ratio() * Math.exp(12.706204736 * sd / Math.sqrt(2)), p.high(), 1e-6);
        assertEquals(p.ratio() * Math.exp(-12.706204736 * sd / Math.sqrt(2)), p.low(), 1e-6);
        assertEquals(0.9, p.cpuRatio(), 1e-12);
        assertEquals(0.9, p.cpuLow(), 1e-12, "no spread: the interval is the point");
        assertThrows(IllegalArgumentException.class, () -> new BenchReport.Paired(5, List.of(1.0), List.of(), List.of(), List.of()));
    }

    /** The RSS cell is the runs' median with the largest in brackets, and the text below the table says so. */
    @Test
    void peakRssIsReportedPerRunAndTheTableSaysWhatItShows() {
        long g = 1L << 30;
        BenchReport.Row row = new BenchReport.Row("mnist-cnn", 256, 1, 2, List.of(1.0, 2.0, 3.0), List.of(1.0, 2.0, 3.0), List.of(),
                List.of(2 * g, g + g / 2, 3 * g), List.of(g, g, g), List.of(), null, null);
        assertEquals(List.of(2 * g, g + g / 2, 3 * g), row.regzooRssRuns());
        assertEquals(2 * g, row.regzooRss(), "median, not the largest");
        assertEquals(null, row.pytorchRss());
        BenchReport r = new BenchReport(List.of(row), 12.5, null, 64, 1e6, 2, "test", "skipped (--no-torch)", Map.of("cpu", "test"));
        String t = r.table();
        assertTrue(t.contains("| 2.00 (3.00) GiB / 1.00 (1.00) GiB / — |"), t);
        assertTrue(t.contains("Peak RSS: each run's own peak (VmHWM of its process at its end), the median over the 3 runs,"
                + " the largest in brackets."), t);
        assertTrue(!t.contains("one JVM"), "no paired column without a paired measurement: " + t);
    }

    /** Both one-JVM ratios get a column, and the text under the table says what the second one measures. */
    @Test
    void theSameBatchesRatioHasItsOwnColumn() {
        BenchReport.Paired views = new BenchReport.Paired(5, List.of(100.0, 100.0), List.of(90.0, 90.0), List.of(10.0, 10.0),
                List.of(9.0, 9.0));
        BenchReport.Paired same = new BenchReport.Paired(5, List.of(92.0, 92.0), List.of(90.0, 90.0), List.of(9.2, 9.2),
                List.of(9.0, 9.0));
        BenchReport.Row row = new BenchReport.Row("mlp-classifier", 64, 1, 2, List.of(90.0), List.of(100.0), List.of(),
                List.of(1L), List.of(1L), List.of(), views, same);
        String t = new BenchReport(List.of(row), 12.5, null, 64, 1e6, 2, "test", "skipped", Map.of("cpu", "test")).table();
        assertTrue(t.contains("| regzoo/raw in one JVM: wall; CPU (95% CI) | regzoo/raw on the same shuffled batches, one JVM |"), t);
        assertTrue(t.contains("| 0.900× (0.900–0.900); CPU 0.900× (0.900–0.900) | 0.978× (0.978–0.978); CPU 0.978× (0.978–0.978) |"), t);
        assertTrue(t.contains("the wrapper's own cost"), t);
    }

    @Test
    void aFullDiskKeepsThePreviousBenchFilesAndNamesTheFile(@TempDir Path tmp) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 32)) {
            Path json = fs.dir().resolve("bench.json");
            Path md = fs.dir().resolve("bench.md");
            report("old run").writeJson(json);
            report("old run").writeMarkdown(md);
            String oldJson = Files.readString(json);
            String oldMd = Files.readString(md);
            // fill the disk, leaving less than either file needs
            Files.write(fs.dir().resolve("filler"), new byte[(int) Files.getFileStore(fs.dir()).getUsableSpace() - 256]);
            String longData = "x".repeat(8192);
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> report(longData).writeJson(json));
            assertTrue(e.getMessage().startsWith("cannot write " + json + ": No space left on device"), e.getMessage());
            e = assertThrows(EnvironmentException.class, () -> report(longData).writeMarkdown(md));
            assertTrue(e.getMessage().startsWith("cannot write " + md + ": No space left on device"), e.getMessage());
            assertEquals(oldJson, Files.readString(json));
            assertEquals(oldMd, Files.readString(md));
            try (Stream<Path> s = Files.list(fs.dir())) {
                assertEquals(List.of("bench.json", "bench.md", "filler"),
                        s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
            }
        }
    }
}
