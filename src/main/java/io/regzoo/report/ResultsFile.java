package io.regzoo.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.regzoo.RegzooException;
import io.regzoo.experiment.TrialResult;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trials of one {@code results.jsonl} file (one {@link TrialResult} JSON object per line), read
 * robustly: a half-written or garbage line is skipped with a warning naming the file and line
 * number, a trial id that occurs twice keeps its last line (a re-run replaces the earlier result),
 * and a missing accuracy or loss may be written as the {@code NaN} literal, the string
 * {@code "NaN"}, or {@code null}.
 *
 * <p>Also writes such files ({@link #write(Path, Collection)}), with {@code NaN} as the string
 * {@code "NaN"}, so that tests and tools can produce results without training.
 */
public final class ResultsFile {

    /** The conventional file name inside an experiment's output folder. */
    public static final String FILE_NAME = "results.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(ResultsFile.class);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("regzoo-nan")
                    .addDeserializer(Double.TYPE, new NanTolerantDouble()))
            .build();

    private final Path file;
    private final List<TrialResult> trials;
    private final List<String> warnings;

    private ResultsFile(Path file, List<TrialResult> trials, List<String> warnings) {
        this.file = file;
        this.trials = List.copyOf(trials);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads a results file. Unreadable lines are skipped and reported in {@link #warnings()} (and
     * logged); blank lines are ignored.
     *
     * @param file the {@code results.jsonl} file
     * @return the trials read, in the order of their first appearance, and the warnings
     * @throws RegzooException when the file does not exist or cannot be read
     */
    public static ResultsFile read(Path file) {
        Map<String, TrialResult> byId = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                TrialResult t;
                try {
                    t = MAPPER.readValue(line, TrialResult.class);
                } catch (JsonProcessingException e) {
                    String why = e.getOriginalMessage().lines().findFirst().orElse("unreadable JSON");
                    warn(warnings, file + ":" + lineNo + ": skipped an unreadable line (" + why + ")");
                    continue;
                }
                if (t == null || t.model() == null || t.variant() == null) {
                    warn(warnings, file + ":" + lineNo + ": skipped a line without model or variant");
                    continue;
                }
                TrialResult fixed = t.trialId() == null
                        ? withId(t, TrialResult.idOf(t.model(), t.variant(), t.seed()))
                        : t;
                if (byId.put(fixed.trialId(), fixed) != null) {
                    warn(warnings, file + ":" + lineNo + ": trial " + fixed.trialId()
                            + " occurs again; keeping this later line");
                }
            }
        } catch (NoSuchFileException e) {
            throw new RegzooException("no results file " + file + ": run 'regzoo compare' first or give the folder that holds "
                    + FILE_NAME, e);
        } catch (IOException e) {
            throw new RegzooException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
        return new ResultsFile(file, new ArrayList<>(byId.values()), warnings);
    }

    private static void warn(List<String> warnings, String message) {
        LOG.warn(message);
        warnings.add(message);
    }

    private static TrialResult withId(TrialResult t, String id) {
        return new TrialResult(id, t.model(), t.variant(), t.seed(), t.status(), t.stopReason(), t.epochsRun(),
                t.bestEpoch(), t.history(), t.trainLoss(), t.trainAccuracy(), t.testLoss(), t.testAccuracy(),
                t.weightNorm(), t.nearZeroFraction(), t.weightSample(), t.seconds(), t.message(), t.provenance());
    }

    /**
     * Writes trials as a results file, one JSON object per line ({@code NaN} as {@code "NaN"}),
     * replacing the file.
     *
     * @param file the file to write
     * @param trials the trials
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, Collection<TrialResult> trials) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TrialResult t : trials) {
                out.write(toJsonLine(t));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * One trial as a single JSON line (no line break), as the runner stores it.
     *
     * @param trial the trial
     * @return its JSON
     */
    public static String toJsonLine(TrialResult trial) {
        try {
            return MAPPER.writeValueAsString(trial);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write trial " + trial.trialId() + " as JSON", e);
        }
    }

    /**
     * The Jackson mapper this class reads and writes with (thread-safe; do not reconfigure): non-numeric
     * numbers allowed, {@code NaN} written as a string, {@code null} read as {@code NaN} for
     * {@code double} fields, unknown properties ignored.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    /** @return the trials, one per trial id, in the order their ids first appeared */
    public List<TrialResult> trials() {
        return trials;
    }

    /** @return one line per skipped or replaced line, each naming the file and line number */
    public List<String> warnings() {
        return warnings;
    }

    /** Reads a {@code double} from a number, a {@code NaN}/{@code Infinity} literal or string, or {@code null} (NaN). */
    private static final class NanTolerantDouble extends StdDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        NanTolerantDouble() {
            super(Double.TYPE);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken tok = p.currentToken();
            if (tok == JsonToken.VALUE_NUMBER_FLOAT || tok == JsonToken.VALUE_NUMBER_INT) {
                return p.getDoubleValue();
            }
            if (tok == JsonToken.VALUE_STRING) {
                String s = p.getText().trim();
                switch (s) {
                    case "NaN", "nan", "": return Double.NaN;
                    case "Infinity", "+Infinity", "inf", "INF": return Double.POSITIVE_INFINITY;
                    case "-Infinity", "-inf", "-INF": return Double.NEGATIVE_INFINITY;
                    default:
                        try {
                            return Double.parseDouble(s);
                        } catch (NumberFormatException e) {
                            return (Double) ctxt.handleWeirdStringValue(Double.TYPE, s, "not a number");
                        }
                }
            }
            if (tok == JsonToken.VALUE_NULL) {
                return Double.NaN;
            }
            return (Double) ctxt.handleUnexpectedToken(Double.TYPE, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
