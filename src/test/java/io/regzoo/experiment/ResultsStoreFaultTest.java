package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.EnvironmentException;
import io.regzoo.SmallTmpfs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed append to {@code results.jsonl} never leaves a torn line: the file is cut back to its
 * length before the append, the results recorded before are intact, and the error is one line.
 */
class ResultsStoreFaultTest {

    private static TrialResult result(int seed, int padding) {
        return TrialResult.failed(new Trial("linear-regression", "baseline", seed), "x".repeat(padding), 0.5, null,
                TrialProvenance.none());
    }

    private static List<String> ids(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            ids.add(TrialCodec.fromJson(l).trialId());
        }
        return ids;
    }

    @Test
    void aWriteThatFailsHalfWayIsCutOffAndTheEarlierResultsAreIntact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ResultsStore.FILE_NAME);
        ResultsStore store = ResultsStore.open(file, w -> { });
        store.append(result(1, 10));
        store.append(result(2, 10));
        byte[] before = Files.readAllBytes(file);

        store.withOpener(f -> new FailingChannel(FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                true, false));
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> store.append(result(3, 10)));
        System.out.println("failed write: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot append to results file " + file + ": No space left on device"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the incomplete line was cut off, the 2 results recorded before it are intact"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
        assertEquals(List.of("linear-regression/baseline/1", "linear-regression/baseline/2"), store.results().stream()
                .map(TrialResult::trialId).toList());

        // The next run finds nothing to repair and appends after the two.
        List<String> warnings = new ArrayList<>();
        ResultsStore again = ResultsStore.open(file, warnings::add);
        assertEquals(List.of(), warnings);
        again.append(result(3, 10));
        assertEquals(List.of("linear-regression/baseline/1", "linear-regression/baseline/2",
                "linear-regression/baseline/3"), ids(file));
    }

    @Test
    void aForceThatFailsIsCutOffToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ResultsStore.FILE_NAME);
        ResultsStore store = ResultsStore.open(file, w -> { });
        store.append(result(1, 10));
        store.withOpener(f -> new FailingChannel(FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                false, true));
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> store.append(result(2, 10)));
        assertTrue(e.getMessage().contains("Input/output error") && e.getMessage().contains("the 1 result recorded"),
                e.getMessage());
        assertEquals(List.of("linear-regression/baseline/1"), ids(file));
        assertTrue(Files.readString(file).endsWith("\n"));
    }

    @Test
    void aFullTmpfsLeavesACompleteLastLine(@TempDir Path dir) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, 64)) {
            Path file = fs.dir().resolve(ResultsStore.FILE_NAME);
            ResultsStore store = ResultsStore.open(file, w -> { });
            EnvironmentException e = null;
            int appended = 0;
            for (int i = 0; i < 1000 && e == null; i++) {
                try {
                    store.append(result(i, 3000)); // about 3 KB a line: the disk fills in the middle of one
                    appended++;
                } catch (EnvironmentException x) {
                    e = x;
                }
            }
            assertTrue(e != null, "the 64 KiB disk never filled");
            System.out.println("full tmpfs after " + appended + " lines: " + e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            String text = Files.readString(file);
            assertTrue(text.endsWith("\n"), "the file ends in a torn line");
            assertEquals(appended, ids(file).size());
            assertEquals(appended, store.results().size());
            List<String> warnings = new ArrayList<>();
            assertEquals(appended, ResultsStore.open(file, warnings::add).results().size());
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void theRerunSaysTheLastLineIsIncompleteWithoutGuessingWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ResultsStore.FILE_NAME);
        ResultsStore.open(file, w -> { }).append(result(1, 10));
        Files.writeString(file, "{\"trialId\":\"linear-regression/baseline/2\",\"mod", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        ResultsStore store = ResultsStore.open(file, warnings::add);
        assertEquals(List.of(file + ":2: incomplete line (the previous run stopped while writing it); cut off"),
                warnings);
        assertEquals(1, store.results().size());
        assertEquals(List.of("linear-regression/baseline/1"), ids(file));
    }

    /**
     * A channel that writes half of what it is given and then fails with "No space left on device",
     * and/or fails {@code force} with "Input/output error"; everything else goes to the real file.
     */
    private static final class FailingChannel extends FileChannel {
        private final FileChannel real;
        private final boolean failWrite;
        private final boolean failForce;

        FailingChannel(FileChannel real, boolean failWrite, boolean failForce) {
            this.real = real;
            this.failWrite = failWrite;
            this.failForce = failForce;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (!failWrite) {
                return real.write(src);
            }
            ByteBuffer half = src.duplicate();
            half.limit(src.position() + src.remaining() / 2);
            int n = real.write(half);
            src.position(src.position() + n);
            throw new IOException("No space left on device");
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (failForce) {
                throw new IOException("Input/output error");
            }
            real.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new IOException("not used");
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throw new IOException("not used");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
