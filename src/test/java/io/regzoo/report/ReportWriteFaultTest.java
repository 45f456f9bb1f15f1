package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.EnvironmentException;
import io.regzoo.FolderSnapshot;
import io.regzoo.SmallTmpfs;
import io.regzoo.experiment.ResultsStore;
import io.regzoo.experiment.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report rewrite that fails half-way (a real full disk) leaves the previous report intact, every file of it. */
class ReportWriteFaultTest {

    /** Every file in a folder and its bytes. */
    static Map<String, byte[]> snapshot(Path dir) throws Exception {
        return FolderSnapshot.of(dir);
    }

    static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        FolderSnapshot.assertUnchanged(before, after);
    }

    @Test
    void aFullDiskHalfWayThroughARewriteKeepsEveryFileOfThePreviousReport(@TempDir Path tmp) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 4096)) {
            Path dir = Files.createDirectories(fs.dir().resolve("run"));
            Path results = dir.resolve(ResultsStore.FILE_NAME);
            List<TrialResult> ts = new ArrayList<>(ReportRenderTest.experiment());
            ResultsFile.write(results, ts);
            RenderedReport first = Report.render(dir);
            assertTrue(first.charts().size() >= 4, "charts: " + first.charts());
            ts.add(Fixtures.classifier("mnist-cnn", "dropout", 4, 0.99, 0.977)); // the rewrite has something new
            ResultsFile.write(results, ts);
            Map<String, byte[]> before = snapshot(dir);
            long report = before.entrySet().stream().filter(e -> !e.getKey().equals(ResultsStore.FILE_NAME))
                    .mapToLong(e -> e.getValue().length).sum();
            // Leave room for about half of a report: the first files fit, a later one does not.
            fillLeaving(fs.dir().resolve("filler"), report / 2);
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> Report.render(dir));
            System.out.println("full disk during the report: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot write " + dir + "/"), e.getMessage());
            assertTrue(e.getMessage().endsWith(": No space left on device; free space on that disk or write to another "
                    + "folder"), e.getMessage());
            assertSame(before, snapshot(dir));
        }
    }

    /** Fills the disk, then frees {@code free} bytes (rounded up to pages). */
    private static void fillLeaving(Path filler, long free) throws Exception {
        ResultsFileWriteTest.fill(filler);
        long size = Files.size(filler);
        try (var ch = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, size - free));
        }
    }
}
