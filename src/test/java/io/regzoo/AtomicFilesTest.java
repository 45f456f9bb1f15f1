package io.regzoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesANewFileAndReplacesAnOldOneLeavingNoTemporaryFile() throws IOException {
        Path f = tmp.resolve("sub/dir/report.md");
        assertEquals(f, AtomicFiles.write(f, "first\n"));
        assertEquals("first\n", Files.readString(f));
        AtomicFiles.write(f, "second, longer than the first\n");
        assertEquals("second, longer than the first\n", Files.readString(f));
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of("report.md"), names(f.getParent()));
    }

    @Test
    void aWriteThatFailsHalfWayKeepsThePreviousVersionAndRemovesTheTemporaryFile() throws IOException {
        Path f = tmp.resolve("results.md");
        AtomicFiles.write(f, "the old report\n");
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'x');
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> AtomicFiles.write(f, out -> {
            out.write(big, 0, big.length / 2);
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + f + ": No space left on device; free space on that disk or write to another folder",
                e.getMessage());
        assertEquals("the old report\n", Files.readString(f), "the previous version is intact");
        assertEquals(List.of("results.md"), names(tmp), "the temporary file is removed");
    }

    @Test
    void aCallbackBugIsRethrownUnchangedAndStillLeavesNothingBehind() throws IOException {
        Path f = tmp.resolve("chart.png");
        AtomicFiles.write(f, new byte[] {9});
        IllegalStateException bug = new IllegalStateException("a bug in the chart code");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[4096]);
            throw bug;
        })));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(f));
        assertEquals(List.of("chart.png"), names(tmp));
    }

    @Test
    void writeViaGivesAPathWithTheTargetsExtensionAndMovesItIntoPlace() throws IOException {
        Path f = tmp.resolve("loss.png");
        Path[] seen = new Path[1];
        AtomicFiles.writeVia(f, p -> {
            seen[0] = p;
            Files.write(p, new byte[] {7, 7});
        });
        assertTrue(seen[0].getFileName().toString().endsWith(".tmp.png"), seen[0].toString());
        assertEquals(f.getParent(), seen[0].getParent(), "same folder, so the rename is atomic");
        assertArrayEquals(new byte[] {7, 7}, Files.readAllBytes(f));

        EnvironmentException e = assertThrows(EnvironmentException.class, () -> AtomicFiles.writeVia(f, p -> {
            Files.write(p, new byte[] {1});
            throw new java.nio.file.AccessDeniedException(p.toString());
        }));
        assertEquals("cannot write " + f + ": Permission denied; check the folder's permissions or write to another folder",
                e.getMessage());
        assertArrayEquals(new byte[] {7, 7}, Files.readAllBytes(f));
        assertThrows(EnvironmentException.class, () -> AtomicFiles.writeVia(f, p -> { }), "no file written is a failure");
        assertEquals(List.of("loss.png"), names(tmp));
    }

    @Test
    void aReadOnlyFolderIsPermissionDeniedNamingTheFile() throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            System.out.println("SKIPPED aReadOnlyFolder...: running as root, who may write anywhere; "
                    + "the callback failures and the full tmpfs cover the same path");
        }
        Assumptions.assumeFalse(root, "root ignores folder permissions");
        Path dir = Files.createDirectories(tmp.resolve("ro"));
        Path f = AtomicFiles.write(dir.resolve("bench.json"), "{}\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> AtomicFiles.write(f, "{\"new\":1}\n"));
            assertTrue(e.getMessage().startsWith("cannot write " + f + ": Permission denied"), e.getMessage());
            assertEquals("{}\n", Files.readString(f));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFullDiskKeepsThePreviousVersion() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 64)) {
            Path f = AtomicFiles.write(fs.dir().resolve("index.html"), "<p>old</p>\n");
            byte[] big = new byte[256 * 1024];
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> AtomicFiles.write(f, big));
            assertTrue(e.getMessage().startsWith("cannot write " + f + ": No space left on device; free space"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
            assertEquals("<p>old</p>\n", Files.readString(f));
            assertEquals(List.of("index.html"), names(fs.dir()));
        }
    }
}
