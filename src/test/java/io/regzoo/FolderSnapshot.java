package io.regzoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file of a folder and its bytes, for the fault tests' "nothing written before is lost". */
public final class FolderSnapshot {
    private FolderSnapshot() {}

    /**
     * @param dir a folder
     * @return its regular files (not sub-folders) by name, with their bytes
     * @throws IOException when the folder cannot be read
     */
    public static Map<String, byte[]> of(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) {
                    m.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return m;
    }

    /**
     * Asserts that two snapshots hold the same files with the same bytes (so no temporary file was left either).
     *
     * @param before the earlier snapshot
     * @param after the later one
     */
    public static void assertUnchanged(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "the same files, and no temporary file left");
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
    }
}
