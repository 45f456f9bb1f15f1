package io.regzoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles#writeAll}: several files replaced as one; a failure half-way replaces none. */
class AtomicFilesWriteAllTest {

    private static AtomicFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesEveryFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(dir.resolve("a.png"), text("A"));
        files.put(dir.resolve("sub/b.md"), text("B"));
        files.put(dir.resolve("index.html"), text("C"));
        assertEquals(List.copyOf(files.keySet()), AtomicFiles.writeAll(files));
        assertEquals("A", Files.readString(dir.resolve("a.png")));
        assertEquals("B", Files.readString(dir.resolve("sub/b.md")));
        assertEquals(List.of("a.png", "index.html", "sub"), names(dir));
        assertEquals(List.of("b.md"), names(dir.resolve("sub")));
    }

    @Test
    void aFailureInTheThirdFileReplacesNoneAndRemovesEveryTemporaryFile(@TempDir Path dir) throws IOException {
        for (String n : List.of("a.png", "b.md", "c.csv", "index.html")) {
            Files.writeString(dir.resolve(n), "old " + n);
        }
        Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(dir.resolve("a.png"), text("new a"));
        files.put(dir.resolve("b.md"), text("new b"));
        files.put(dir.resolve("c.csv"), out -> {
            out.write("half of c".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        });
        files.put(dir.resolve("index.html"), text("new index"));
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> AtomicFiles.writeAll(files));
        assertEquals("cannot write " + dir.resolve("c.csv") + ": No space left on device; free space on that disk or "
                + "write to another folder", e.getMessage());
        for (String n : List.of("a.png", "b.md", "c.csv", "index.html")) {
            assertEquals("old " + n, Files.readString(dir.resolve(n)), n);
        }
        assertEquals(List.of("a.png", "b.md", "c.csv", "index.html"), names(dir), "no temporary file is left");
    }

    @Test
    void aCallbackBugIsRethrownUnchangedAndReplacesNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "old");
        Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(dir.resolve("a.md"), text("new"));
        files.put(dir.resolve("b.md"), out -> {
            throw new IllegalStateException("a bug");
        });
        assertEquals("a bug", assertThrows(IllegalStateException.class, () -> AtomicFiles.writeAll(files)).getMessage());
        assertEquals("old", Files.readString(dir.resolve("a.md")));
        assertEquals(List.of("a.md"), names(dir));
    }

    @Test
    void aFullDiskReplacesNoneOfTheFiles(@TempDir Path tmp) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 64)) {
            Path a = fs.dir().resolve("a.txt");
            Path b = fs.dir().resolve("b.txt");
            Files.writeString(a, "old a");
            Files.writeString(b, "old b");
            Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
            files.put(a, text("new a"));
            files.put(b, out -> out.write(new byte[256 * 1024])); // more than the disk holds
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> AtomicFiles.writeAll(files));
            System.out.println("full disk: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot write " + b + ": No space left on device"), e.getMessage());
            assertArrayEquals("old a".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(a));
            assertArrayEquals("old b".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(b));
            assertEquals(List.of("a.txt", "b.txt"), names(fs.dir()));
        }
    }
}
