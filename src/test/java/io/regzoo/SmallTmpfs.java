package io.regzoo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for one test, so that "No space left on device" is the real thing, not a
 * simulation. Needs root and a kernel that lets this process mount; otherwise {@link #mount} skips the
 * test with the reason printed.
 */
public final class SmallTmpfs implements AutoCloseable {
    private final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code kib} KiB on a fresh folder under {@code parent}, or skips the test.
     *
     * @param parent where the mount point is created
     * @param kib the size in KiB
     * @return the mounted file system; close it to unmount
     * @throws IOException if the mount point cannot be created
     * @throws InterruptedException if interrupted while mounting
     */
    public static SmallTmpfs mount(Path parent, int kib) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(parent.resolve("tmpfs-" + kib + "k"));
        String why = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString());
        if (why != null) {
            System.out.println("SKIPPED: cannot mount a small tmpfs (" + why + "); needs root with CAP_SYS_ADMIN");
        }
        Assumptions.assumeTrue(why == null, () -> "cannot mount a small tmpfs: " + why);
        return new SmallTmpfs(dir);
    }

    /**
     * The mounted folder.
     *
     * @return its path
     */
    public Path dir() {
        return dir;
    }

    /** Unmounts it (lazily, so an open file cannot keep it mounted). */
    @Override
    public void close() throws IOException, InterruptedException {
        String why = run("umount", "-l", dir.toString());
        if (why != null) {
            throw new IOException("cannot unmount " + dir + ": " + why);
        }
    }

    /** Runs a command; null when it exited 0, else its output and status. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", cmd) + " timed out";
        }
        String out = new String(p.getInputStream().readAllBytes()).strip();
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }
}
