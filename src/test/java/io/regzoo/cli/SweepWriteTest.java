package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.SmallTmpfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep} on a full disk: exit 1, one line naming sweep.json, and the earlier sweep.json intact. */
class SweepWriteTest {

    @Test
    void aFullDiskIsOneLineAndKeepsTheEarlierSweepJson(@TempDir Path dir) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, 4096)) {
            Path out = fs.dir().resolve("sweep");
            String[] args = {"sweep", "--model", "linear-regression", "--dataset", "sparse20", "--param", "l2",
                "--values", "0,1", "--folds", "2", "--epochs", "2", "--out", out.toString(), "--quiet"};
            CliRun.expect(0, args);
            Path file = out.resolve("sweep.json");
            byte[] before = Files.readAllBytes(file);
            fill(fs.dir().resolve("filler"));
            args[8] = "0,1,10";
            CliRun r = CliRun.expect(Main.EXIT_ENVIRONMENT, args);
            System.out.println("full disk: " + r.err().strip());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("regzoo: cannot write " + file + ": No space left on device"), r.err());
            assertArrayEquals(before, Files.readAllBytes(file));
        }
    }

    private static void fill(Path filler) throws IOException {
        try (OutputStream o = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                o.write(block);
            }
        } catch (IOException full) {
            // the disk is full
        }
    }
}
