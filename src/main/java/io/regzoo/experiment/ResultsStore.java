package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.regzoo.RegzooException;
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
 * killed run leaves at most one incomplete last line. On {@link #open} that line (or an unreadable
 * last line) is reported through the warning callback, naming file and line, and cut off by
 * truncating the file after the last newline; unreadable lines elsewhere are reported and skipped.
 * Non-finite numbers (NaN accuracies of regressors, a diverged loss) are written as JSON
 * {@code null} and read back as NaN.
 */
public final class ResultsStore {

    /** The file name inside an output directory. */
    public static final String FILE_NAME = "results.jsonl";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(nanAsNull())
            .build();

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
     * @throws RegzooException when the file cannot be read or repaired
     */
    public static ResultsStore open(Path file, Consumer<String> warnings) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            Loaded l = read(file, warnings);
            if (l.keepBytes < Files.size(file)) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(l.keepBytes);
                    ch.force(true);
                }
            }
            return new ResultsStore(file, new ArrayList<>(l.results));
        } catch (IOException e) {
            throw new RegzooException("cannot open results file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a results file without modifying it (for reports). Unreadable lines are skipped with a
     * warning.
     *
     * @param file the {@code results.jsonl} path
     * @param warnings receives one line per ignored line
     * @return the trial results in file order
     * @throws RegzooException when the file cannot be read
     */
    public static List<TrialResult> load(Path file, Consumer<String> warnings) {
        try {
            return read(file, warnings).results;
        } catch (IOException e) {
            throw new RegzooException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The mapper that writes and reads results (non-finite numbers as {@code null}). */
    static ObjectMapper mapper() {
        return MAPPER;
    }

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
     * Appends one result as one line with a single write, then forces it to disk.
     *
     * @param r the result
     * @throws RegzooException when the write fails
     */
    public synchronized void append(TrialResult r) {
        byte[] line = (toJsonLine(r) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new RegzooException("cannot append to results file " + file + ": " + e.getMessage(), e);
        }
        results.add(r);
    }

    /**
     * One result as one line of JSON (no newline); non-finite numbers become {@code null}.
     *
     * @param r the result
     * @return the JSON line
     */
    public static String toJsonLine(TrialResult r) {
        try {
            return MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write trial " + r.trialId() + " as JSON", e);
        }
    }

    /**
     * Parses one line written by {@link #toJsonLine}.
     *
     * @param line the JSON line
     * @return the result ({@code null} numbers read as NaN)
     * @throws JsonProcessingException when the line is not a trial result
     */
    public static TrialResult fromJsonLine(String line) throws JsonProcessingException {
        TrialResult r = MAPPER.readValue(line, TrialResult.class);
        if (r == null || r.trialId() == null) {
            throw new com.fasterxml.jackson.databind.JsonMappingException(null, "no trialId");
        }
        return r;
    }

    private static final class Loaded {
        final List<TrialResult> results = new ArrayList<>();
        long keepBytes;
    }

    private static Loaded read(Path file, Consumer<String> warnings) throws IOException {
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
            if (!complete) {
                warnings.accept(file + " line " + lineNo + ": incomplete last line (a run was killed while writing?); ignored"
                        + " and cut off");
            } else if (!text.isEmpty()) {
                try {
                    l.results.add(fromJsonLine(text));
                    lastGoodEnd = nl + 1L;
                } catch (JsonProcessingException e) {
                    warnings.accept(file + " line " + lineNo + ": not a trial result (" + e.getOriginalMessage() + ")"
                            + (last ? "; ignored and cut off" : "; ignored"));
                    if (!last) {
                        lastGoodEnd = nl + 1L;
                    }
                }
            } else {
                lastGoodEnd = nl + 1L;
            }
            start = complete ? nl + 1 : all.length;
        }
        l.keepBytes = lastGoodEnd;
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

    private static SimpleModule nanAsNull() {
        SimpleModule m = new SimpleModule("regzoo-nan-as-null");
        StdSerializer<Double> ser = new StdSerializer<>(Double.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        m.addSerializer(Double.class, ser);
        m.addSerializer(Double.TYPE, ser);
        StdDeserializer<Double> de = new StdDeserializer<>(Double.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    return Double.valueOf(p.getText());
                }
                return p.getDoubleValue();
            }

            @Override
            public Double getNullValue(DeserializationContext c) {
                return Double.NaN;
            }
        };
        m.addDeserializer(Double.class, de);
        m.addDeserializer(Double.TYPE, de);
        return m;
    }
}
