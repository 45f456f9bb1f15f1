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
