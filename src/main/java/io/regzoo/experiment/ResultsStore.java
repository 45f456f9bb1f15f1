package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regzoo.EnvironmentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code results.jsonl}: one {@link TrialResult} per line, appended atomically. Each line is
 * written with one {@code write} and then forced to disk ({@link FileChannel#force(boolean)}), so a
 * killed run leaves at most one incomplete last line; a failed append (a full disk) cuts its own
 * incomplete line off again before it reports the failure. On {@link #open} an incomplete line (or an unreadable
 * last line) is reported through the warning callback, naming file and line, and cut off by
 * truncating the file after the last newline; unreadable lines elsewhere are reported and skipped.
 * Lines are written and read by {@link TrialCodec} (non-finite numbers as JSON {@code null}).
 * The report reads such files with {@code io.regzoo.report.ResultsFile}, which keeps the last line
 * of a trial id that occurs twice.
 */
public final class ResultsStore {

    /** The file name inside an output directory. */
    public static final String FILE_NAME = "results.jsonl";

    private final Path file;
    private final List<TrialResult> results;

    private ResultsStore(Path file, List<TrialResult> results) {
        this.file = file;
        this.results = results;
    }

    /**
     * Opens (creating if absent) a results file for appending: loads the finished trials and repairs
     * a torn last line.
     *
     * @param file the {@code results.jsonl} path
     * @param warnings receives one line per ignored line
     * @return the store
     * @throws EnvironmentException when the file cannot be read or repaired (naming it and the reason)
     */
    public static ResultsStore open(Path file, Consumer<String> warnings) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            Loaded l = read(file, warnings, true, line -> { });
            if (l.keepBytes < Files.size(file)) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(l.keepBytes);
                    ch.force(true);
                }
            }
            return new ResultsStore(file, new ArrayList<>(l.results));
        } catch (IOException e) {
            throw EnvironmentException.io("open results file", file, e);
        }
    }

    /**
     * Reads a results file without modifying it (for reports): every readable line, in file order,
     * with its line number (a trial id may occur more than once; the report warns about a repeat in the
     * same format). Unreadable lines are skipped with a
     * warning {@code FILE:LINE: not a trial result (why); skipped} or {@code FILE:LINE: incomplete line (...)};
     * blank lines are ignored. Every warning about a line has this one format, from the runner and the report.
     *
     * @param file the {@code results.jsonl} path
     * @param warnings receives one line per skipped line
     * @return the readable lines
     * @throws IOException when the file is missing or cannot be read
     */
    public static List<Line> readLines(Path file, Consumer<String> warnings) throws IOException {
        List<Line> lines = new ArrayList<>();
        readLines(file, warnings, lines::add);
        return lines;
    }

    /**
     * Reads a results file without modifying it, handing each readable line to {@code lines} as it
     * is read, in file order, between the warnings of the lines around it (see
     * {@link #readLines(Path, Consumer)}).
     *
     * @param file the {@code results.jsonl} path
     * @param warnings receives one line per skipped line
     * @param lines receives every readable line
     * @throws IOException when the file is missing or cannot be read
     */
    public static void readLines(Path file, Consumer<String> warnings, Consumer<Line> lines) throws IOException {
        read(file, warnings, false, lines);
    }

    /**
     * One readable line of a results file.
     *
     * @param number 1-based line number
     * @param result the trial result on it
     */
    public record Line(int number, TrialResult result) {}

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the results loaded and appended so far, in file order */
    public synchronized List<TrialResult> results() {
        return Collections.unmodifiableList(new ArrayList<>(results));
    }

    /** @return the ids of recorded trials */
    public synchronized Set<String> finishedIds() {
        Set<String> s = new LinkedHashSet<>();
        for (TrialResult r : results) {
            s.add(r.trialId());
        }
        return s;
    }

    /**
     * Appends one result as one line with a single write, then forces it to disk. When the write or
     * the force fails (e.g. the disk is full), the file is truncated back to its length before this
     * append, so it still ends with a complete line and every result recorded before is intact.
     *
     * @param r the result
     * @throws EnvironmentException when the write fails: one line naming the file, the operating
     *     system's reason, and whether the incomplete line was cut off
     */
    public synchronized void append(TrialResult r) {
        byte[] line = (TrialCodec.toJson(r) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = opener.open(file)) {
            long before = ch.size();
            try {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            } catch (IOException e) {
                throw failed(e, cutBack(ch, before));
            }
        } catch (IOException e) {
            throw EnvironmentException.io("append to results file", file, e);
        }
        results.add(r);
    }

    /** Truncates back to {@code before}; null when done, else why not. */
    private static String cutBack(FileChannel ch, long before) {
        try {
            if (ch.size() > before) {
                ch.truncate(before);
            }
        } catch (IOException | RuntimeException e) {
            return e instanceof IOException io ? EnvironmentException.reason(io) : String.valueOf(e);
        }
        try {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // the cut is made; forcing it is best effort on a disk that just failed
        }
        return null;
    }

    private EnvironmentException failed(IOException e, String cutFailed) {
        EnvironmentException base = EnvironmentException.io("append to results file", file, e);
        int n = results.size();
        String what = cutFailed == null
                ? "; the incomplete line was cut off, the " + n + " result" + (n == 1 ? "" : "s")
                        + " recorded before it " + (n == 1 ? "is" : "are") + " intact"
                : "; cutting the incomplete line off failed too (" + cutFailed
                        + "), the next run on this folder cuts it off";
        return new EnvironmentException(base.getMessage() + what, e);
    }

    /** Opens the results file for appending; replaced in tests to inject a failing channel. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    private static final ChannelOpener APPEND =
            f -> FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private ChannelOpener opener = APPEND;

    /**
     * For tests: the store appends through channels {@code opener} opens.
     *
     * @param opener opens the file for appending
     * @return this store
     */
    synchronized ResultsStore withOpener(ChannelOpener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        return this;
    }

    private static final class Loaded {
        final List<TrialResult> results = new ArrayList<>();
        long keepBytes;
    }

    /**
     * Reads every line; with {@code repair}, an incomplete last line is never used (the run that
     * wrote it stopped in the middle) and {@code keepBytes} says where the file must be cut.
     */
    private static Loaded read(Path file, Consumer<String> warnings, boolean repair, Consumer<Line> lines)
            throws IOException {
        Objects.requireNonNull(warnings, "warnings");
        byte[] all = Files.readAllBytes(file);
        Loaded l = new Loaded();
        int start = 0;
        int lineNo = 0;
        long lastGoodEnd = 0;
        while (start < all.length) {
            lineNo++;
            int nl = indexOf(all, (byte) '\n', start);
            boolean complete = nl >= 0;
            int end = complete ? nl : all.length;
            String text = new String(all, start, end - start, StandardCharsets.UTF_8).trim();
            boolean last = !complete || nl + 1 >= all.length;
            String where = file + ":" + lineNo + ": ";
            String fate = repair && last ? "; cut off" : "; skipped";
            if (!complete && repair) {
                warnings.accept(where + "incomplete line (the previous run stopped while writing it); cut off");
            } else if (!text.isEmpty()) {
                try {
                    Line line = new Line(lineNo, TrialCodec.fromJson(text));
                    l.results.add(line.result());
                    lines.accept(line);
                    lastGoodEnd = end + 1L;
                } catch (JsonProcessingException e) {
                    String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("unreadable JSON");
                    warnings.accept(where + (complete ? "not a trial result (" + why + ")"
                            : "incomplete line (the previous run stopped while writing it)") + fate);
                    if (!last) {
                        lastGoodEnd = end + 1L;
                    }
                }
            } else {
                lastGoodEnd = end + 1L;
            }
            start = complete ? nl + 1 : all.length;
        }
        l.keepBytes = Math.min(lastGoodEnd, all.length);
        return l;
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
