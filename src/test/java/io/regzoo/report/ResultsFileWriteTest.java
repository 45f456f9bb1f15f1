package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.EnvironmentException;
import io.regzoo.SmallTmpfs;
import io.regzoo.experiment.TrialResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ResultsFile#write} replaces the file atomically: a full disk keeps the previous version. */
class ResultsFileWriteTest {

    @Test
    void aFullDiskKeepsThePreviousResultsFileAndNamesIt(@TempDir Path dir) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, 64)) {
            Path f = fs.dir().resolve("results.jsonl");
            ResultsFile.write(f, List.of(Fixtures.classifier("mlp", "baseline", 1, 0.99, 0.97)));
            byte[] before = Files.readAllBytes(f);
            fill(fs.dir().resolve("filler"));
            List<TrialResult> many = new ArrayList<>();
            for (int s = 1; s <= 40; s++) {
                many.add(Fixtures.classifier("mlp", "baseline", s, 0.99, 0.97)); // ~10 KB each: more than the disk
            }
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> ResultsFile.write(f, many));
            System.out.println("full disk: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot write " + f + ": No space left on device"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(f));
            try (Stream<Path> s = Files.list(fs.dir())) {
                assertEquals(List.of("filler", "results.jsonl"), s.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    /** Writes zeros until the disk is full, then frees a little so that small writes still fit. */
    static void fill(Path filler) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[1024];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // full now
        }
        long size = Files.size(filler);
        try (var ch = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, size - 8192));
        }
    }
}
