package io.regzoo.experiment;

import io.regzoo.RegzooException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an output directory ({@code OUT/.regzoo.lock}, an OS file lock) held while
 * a run appends to its {@code results.jsonl}, so that two runs on one directory cannot both run
 * the same trials. The OS drops the lock when the process dies, so a killed run never leaves a
 * stale lock behind.
 */
final class RunLock implements AutoCloseable {

    /** The lock file's name inside the output directory. */
    static final String FILE_NAME = ".regzoo.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @param outDir the output directory (exists)
     * @return the held lock
     * @throws RegzooException when another run holds it or the file cannot be opened
     */
    static RunLock acquire(Path outDir) {
        Path f = outDir.resolve(FILE_NAME);
        FileChannel ch;
        try {
            Files.createDirectories(outDir);
            ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw io.regzoo.EnvironmentException.io("open the lock file", f, e);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new RegzooException("cannot lock " + f + ": " + e.getMessage(), e);
        }
        if (l == null) {
            closeQuietly(ch);
            throw new RegzooException("another regzoo run is writing to " + outDir + " (it holds " + FILE_NAME
                    + "); wait for it to finish or use another --out");
        }
        return new RunLock(ch, l);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // no lock was taken on it; nothing else to release
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new RegzooException("cannot release the run lock: " + e.getMessage(), e);
        }
    }
}
