package io.regzoo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a file so that readers see either its previous version or the complete new one, never a
 * part: the content goes to a temporary file in the same folder ({@code .NAME.UUID.tmp}, or
 * {@code .NAME.UUID.tmp.EXT} for {@link #writeVia}), is forced to the disk ({@code fsync}), and
 * the temporary file is renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE} (falling
 * back to {@link StandardCopyOption#REPLACE_EXISTING} only where the file system cannot move
 * atomically); the folder is then forced too, so the rename survives a power cut.
 *
 * <p>When anything fails (the disk fills, permission is denied, the content callback throws), the
 * previous version of the target is left as it was, the temporary file is removed, and an
 * {@link EnvironmentException} names the file and the operating system's reason (an exception the
 * callback throws that is not an {@link IOException} is rethrown unchanged). Missing parent folders
 * are created. An interrupt pending on the writing thread (a Ctrl-C that stopped a run) does not abort
 * the write (file channels would close on it); the interrupt flag is restored afterwards.
 *
 * <p>Every layer may use it, e.g. for a report's Markdown or an XChart PNG:
 * {@code AtomicFiles.write(dir.resolve("loss.png"), BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG))}.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Produces a file's content into a stream.
     */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the temporary file's stream; do not close it (closing is harmless)
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Produces a file's content at a path, for libraries that only write to a path (e.g. XChart's
     * {@code BitmapEncoder.saveBitmap}).
     */
    @FunctionalInterface
    public interface PathContent {
        /**
         * Writes the whole content to {@code temporary}.
         *
         * @param temporary the path to write (in the target's folder, ending in the target's extension,
         *     e.g. {@code .loss.png.3f2a....tmp.png}); it does not exist yet
         * @throws IOException when writing fails
         */
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the file to create or replace
     * @param bytes the whole content
     * @return {@code target}
     * @throws EnvironmentException naming {@code target} and the reason when it cannot be written; the
     *     previous version is then intact
     */
    public static Path write(Path target, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return write(target, out -> out.write(bytes));
    }

    /**
     * Writes text (UTF-8) atomically.
     *
     * @param target the file to create or replace
     * @param text the whole content
     * @return {@code target}
     * @throws EnvironmentException naming {@code target} and the reason when it cannot be written; the
     *     previous version is then intact
     */
    public static Path write(Path target, String text) {
        Objects.requireNonNull(text, "text");
        return write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes what {@code content} produces atomically.
     *
     * @param target the file to create or replace
     * @param content writes the whole content into the stream it is given
     * @return {@code target}
     * @throws EnvironmentException naming {@code target} and the reason when it cannot be written or
     *     {@code content} throws an {@link IOException}; the previous version is then intact
     */
    public static Path write(Path target, Content content) {
        Objects.requireNonNull(content, "content");
        Path t = target.toAbsolutePath();
        return commit(target, t, temporary(t, ""), tmp -> fillStream(tmp, content));
    }

    /**
     * Writes the file {@code content} creates at a temporary path, then renames it into place atomically.
     *
     * @param target the file to create or replace
     * @param content writes the whole content to the temporary path it is given
     * @return {@code target}
     * @throws EnvironmentException naming {@code target} and the reason when it cannot be written, when
     *     {@code content} throws an {@link IOException} or creates no file; the previous version is then intact
     */
    public static Path writeVia(Path target, PathContent content) {
        Objects.requireNonNull(content, "content");
        Path t = target.toAbsolutePath();
        String name = t.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        return commit(target, t, temporary(t, ext), tmp -> {
            content.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the content was not written to " + tmp);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
                ch.force(true); // read-only is enough to fsync, and works for a hard link to a read-only file
            }
        });
    }

    /**
     * Writes several files as one: every file's content first goes to its own temporary file in its
     * target's folder and is forced to the disk; only when all of them are complete are they renamed
     * over their targets, in the order given. A failure while producing or forcing any of them (a full
     * disk half-way through) removes every temporary file and replaces nothing, so the previous
     * versions of all targets are intact. A rename that fails after others succeeded (rare: a rename
     * needs no space) leaves the files renamed before it new and the rest as they were, and removes
     * the remaining temporary files.
     *
     * @param files each target and its content, in the order to rename them (e.g. the page that links
     *     the others last)
     * @return the targets, in the order given
     * @throws EnvironmentException naming the target that could not be written and the reason; an
     *     exception a callback throws that is not an {@link IOException} is rethrown unchanged, also
     *     with nothing replaced
     */
    public static List<Path> writeAll(Map<Path, Content> files) {
        Objects.requireNonNull(files, "files");
        boolean interrupted = Thread.interrupted(); // see commit(): a pending Ctrl-C must not tear the write
        try {
            return writeAllNow(files);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<Path> writeAllNow(Map<Path, Content> files) {
        List<Path[]> staged = new ArrayList<>(); // {as given, absolute target, temporary}
        boolean done = false;
        Path current = null;
        try {
            for (Map.Entry<Path, Content> e : files.entrySet()) {
                current = e.getKey();
                Content content = Objects.requireNonNull(e.getValue(), "content");
                Path t = current.toAbsolutePath();
                Path tmp = temporary(t, "");
                if (t.getParent() != null) {
                    Files.createDirectories(t.getParent());
                }
                staged.add(new Path[] {current, t, tmp});
                fillStream(tmp, content);
            }
            List<Path> out = new ArrayList<>();
            Set<Path> dirs = new LinkedHashSet<>();
            for (Path[] s : staged) {
                current = s[0];
                move(s[2], s[1]);
                s[2] = null; // renamed: nothing left to remove
                out.add(s[0]);
                if (s[1].getParent() != null) {
                    dirs.add(s[1].getParent());
                }
            }
            done = true;
            dirs.forEach(AtomicFiles::forceDirectory);
            return out;
        } catch (IOException e) {
            throw EnvironmentException.io("write", current, e);
        } finally {
            if (!done) {
                for (Path[] s : staged) {
                    if (s[2] != null) {
                        try {
                            Files.deleteIfExists(s[2]); // only ever our own temporary files
                        } catch (IOException ignored) {
                            // the write already failed; the error names the target
                        }
                    }
                }
            }
        }
    }

    /** Fills a new temporary file from a stream callback and forces it to the disk. */
    private static void fillStream(Path tmp, Content content) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            content.writeTo(out);
            out.flush();
            ch.force(true);
        }
    }

    /** The body of a write: fills the temporary file. */
    private interface Fill {
        void into(Path tmp) throws IOException;
    }

    private static Path temporary(Path target, String ext) {
        Path dir = target.getParent();
        String name = "." + target.getFileName() + "." + UUID.randomUUID() + ".tmp" + ext;
        return dir == null ? Path.of(name) : dir.resolve(name);
    }

    /**
     * {@link #commitNow} with the thread's interrupt flag cleared and restored afterwards: file channels
     * close themselves when the writing thread is interrupted, and an interrupt (Ctrl-C) that stopped a
     * run must not make the run's last writes (its spec, its report) fail.
     */
    private static Path commit(Path asGiven, Path target, Path tmp, Fill fill) {
        boolean interrupted = Thread.interrupted();
        try {
            return commitNow(asGiven, target, tmp, fill);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path commitNow(Path asGiven, Path target, Path tmp, Fill fill) {
        boolean done = false;
        try {
            Path dir = target.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            fill.into(tmp);
            move(tmp, target);
            done = true;
            forceDirectory(dir);
            return asGiven;
        } catch (IOException e) {
            throw EnvironmentException.io("write", asGiven, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp); // only ever our own temporary file
                } catch (IOException ignored) {
                    // the write already failed; the error names the target
                }
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a folder's entries (the rename) to the disk where the platform allows opening a folder. */
    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here (e.g. Windows): the rename itself is still atomic
        }
    }
}
