package io.regzoo.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.experiment.ResultsStore;
import io.regzoo.experiment.TrialCodec;
import io.regzoo.experiment.TrialResult;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
 * The trials of one {@code results.jsonl} file ({@link ResultsStore#FILE_NAME}), read for a report:
 * a half-written or garbage line is skipped with a warning naming the file and line number, and a
 * trial id that occurs twice keeps its last line (a re-run replaces the earlier result). Lines are
 * decoded by the one codec, {@link TrialCodec} (so a missing accuracy or loss may be {@code null},
 * the string {@code "NaN"} or the {@code NaN} literal).
 *
 * <p>Also writes such files ({@link #write(Path, Collection)}), so that tests and tools can produce
 * results without training.
 */
public final class ResultsFile {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsFile.class);

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
        return read(file, LOG::warn);
    }

    /**
     * Reads a results file, handing each warning to {@code log} as well as keeping it in
     * {@link #warnings()} (e.g. to print it once, in the command line's format, instead of logging it).
     *
     * @param file the {@code results.jsonl} file
     * @param log receives each warning ({@code FILE:LINE: ...}) as it is found
     * @return the trials read, in the order of their first appearance, and the warnings
     * @throws RegzooException when the file does not exist or cannot be read
     */
    public static ResultsFile read(Path file, java.util.function.Consumer<String> log) {
        Map<String, TrialResult> byId = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        try {
            ResultsStore.readLines(file, w -> {
                log.accept(w);
                warnings.add(w);
            }, l -> {
                TrialResult t = l.result();
                if (byId.put(t.trialId(), t) != null) {
                    String w = file + ":" + l.number() + ": trial " + t.trialId() + " occurs again; keeping this later line";
                    log.accept(w);
                    warnings.add(w);
                }
            });
        } catch (NoSuchFileException e) {
            throw new RegzooException("no results file " + file + ": run 'regzoo compare' first or give the folder that holds "
                    + ResultsStore.FILE_NAME, e);
        } catch (IOException e) {
            throw new RegzooException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
        return new ResultsFile(file, new ArrayList<>(byId.values()), warnings);
    }

    /**
     * Writes trials as a results file, one JSON object per line ({@link TrialCodec}), replacing the
     * file atomically ({@link AtomicFiles}): a failure leaves the previous version intact.
     *
     * @param file the file to write
     * @param trials the trials
     * @throws io.regzoo.EnvironmentException naming the file and the reason when it cannot be written
     */
    public static void write(Path file, Collection<TrialResult> trials) {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (TrialResult t : trials) {
                w.write(TrialCodec.toJson(t));
                w.write('\n');
            }
            w.flush();
        });
    }

    /**
     * The codec's Jackson mapper ({@link TrialCodec#mapper()}), for the report's other JSON files.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return TrialCodec.mapper();
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
}
