package io.regzoo.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.experiment.Suite;
import io.regzoo.experiment.TrialResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comparison report of one experiment: per-variant statistics and verdicts, charts, and the
 * conventions and provenance behind them, written as {@code report.md} (charts as PNG files next to
 * it), a self-contained {@code index.html}, {@code results.csv} and {@code summary.json}.
 *
 * <p>Re-render an experiment's folder from its results with {@link #render(Path)}, or build a report
 * from trials in memory with {@link #builder()}. The report renders even when trials diverged or
 * every trial of a variant failed.
 */
public final class Report {

    /** The report's Markdown file name. */
    public static final String MARKDOWN = "report.md";
    /** The report's HTML file name. */
    public static final String HTML = "index.html";
    /** The per-trial CSV file name. */
    public static final String CSV = "results.csv";
    /** The per-variant statistics file name. */
    public static final String SUMMARY = "summary.json";
    /** Optional sweep curves read by {@link #render(Path)}, one {@link SweepCurve} JSON object per line. */
    public static final String SWEEPS = "sweeps.jsonl";
    /** The experiment's spec as the runner wrote it; {@link #render(Path)} takes its order and margin from it. */
    public static final String SPEC = "spec.json";

    private static final Logger LOG = LoggerFactory.getLogger(Report.class);

    private static final ObjectMapper SUMMARY_MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("regzoo-nan-as-null")
                    .addSerializer(Double.class, new NonFiniteAsNull())
                    .addSerializer(Double.TYPE, new NonFiniteAsNull()))
            .build();

    private final String title;
    private final List<TrialResult> trials;
    private final List<SweepCurve> sweeps;
    private final List<String> warnings;
    private final Analysis analysis;
    private final List<Suite.NotApplicable> notApplicable;

    private Report(Builder b) {
        this.notApplicable = List.copyOf(b.notApplicable);
        this.title = b.title;
        this.trials = List.copyOf(b.trials);
        this.sweeps = List.copyOf(b.sweeps);
        this.warnings = List.copyOf(b.warnings);
        this.analysis = b.analysis;
    }

    /**
     * Starts a report built from trials in memory.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Re-renders an experiment folder: reads {@code outDir/results.jsonl} (and {@code sweeps.jsonl}
     * if present) and writes the report files into the same folder. The order of models and variants and the
     * equivalence margins come from {@code spec.json} when present ({@link Analysis#fromSpec}).
     *
     * @param outDir the experiment's output folder
     * @return the files written
     * @throws RegzooException when the folder has no readable {@code results.jsonl} or no trial in it
     */
    public static RenderedReport render(Path outDir) {
        return render(outDir, null);
    }

    /**
     * {@link #render(Path)} with margins given on the command line, which win over the spec's.
     *
     * @param outDir the experiment's output folder
     * @param margin a margin map ({@link Margins#parseOption(String)}), or {@code null} for none
     * @return the files written
     * @throws RegzooException when the folder has no readable {@code results.jsonl} or no trial in it, or the margin
     *     map is invalid
     */
    public static RenderedReport render(Path outDir, Map<String, Double> margin) {
        return render(outDir, margin, LOG::warn);
    }

    /**
     * {@link #render(Path, Map)}, handing each warning (a skipped line of {@code results.jsonl} or
     * {@code sweeps.jsonl}, an unreadable {@code spec.json}) to {@code log} instead of the logger; the
     * report lists them either way.
     *
     * @param outDir the experiment's output folder
     * @param margin a margin map ({@link Margins#parseOption(String)}), or {@code null} for none
     * @param log receives each warning, one line {@code FILE:LINE: ...} or {@code FILE: ...}
     * @return the files written
     * @throws RegzooException when the folder has no readable {@code results.jsonl} or no trial in it, or the margin
     *     map is invalid
     * @throws io.regzoo.EnvironmentException when a report file cannot be written (the previous report is intact)
     */
    public static RenderedReport render(Path outDir, Map<String, Double> margin, Consumer<String> log) {
        if (!Files.isDirectory(outDir)) {
            throw new RegzooException("report folder " + outDir + " does not exist or is not a folder");
        }
        ResultsFile results = ResultsFile.read(outDir.resolve(io.regzoo.experiment.ResultsStore.FILE_NAME), log);
        List<String> warnings = new ArrayList<>(results.warnings());
        Consumer<String> warn = w -> {
            log.accept(w);
            warnings.add(w);
        };
        List<SweepCurve> sweeps = readSweeps(outDir.resolve(SWEEPS), warn);
        Analysis analysis = readAnalysis(outDir.resolve(SPEC), warn);
        try {
            analysis = analysis.withMargins(analysis.margins().with(margin, "`--margin`"));
        } catch (IllegalArgumentException e) {
            throw new RegzooException(e.getMessage(), e);
        }
        analysis = analysis.withSequential(io.regzoo.experiment.SequentialOutcome.read(outDir).orElse(null));
        return builder().title("regzoo report: " + experimentName(outDir, results.trials())).trials(results.trials())
                .sweeps(sweeps).warnings(warnings).analysis(analysis)
                .notApplicable(Suite.readNotApplicable(outDir, warnings)).build().writeTo(outDir);
    }

    /**
     * The experiment's name: the spec's {@code name} in {@code spec.json}, else the one spec name all trials record,
     * else the folder's name.
     */
    static String experimentName(Path outDir, List<TrialResult> trials) {
        try {
            Path spec = outDir.resolve(SPEC);
            if (Files.exists(spec)) {
                String n = ResultsFile.mapper().readTree(spec.toFile()).path("name").asText("");
                if (!n.isBlank()) {
                    return n;
                }
            }
        } catch (IOException e) {
            // unreadable spec.json: readAnalysis warns about it; fall back to the trials
        }
        List<String> names = trials.stream().map(t -> t.provenance() == null ? null : t.provenance().specName())
                .filter(n -> n != null && !n.isBlank()).distinct().toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        Path name = outDir.toAbsolutePath().normalize().getFileName();
        return String.valueOf(name == null ? outDir : name);
    }

    /** The analysis {@code spec.json} implies, or the defaults (with a warning when it is unreadable). */
    private static Analysis readAnalysis(Path file, Consumer<String> warn) {
        if (!Files.exists(file)) {
            return Analysis.defaults();
        }
        try {
            return Analysis.fromSpec(ResultsFile.mapper().readTree(file.toFile()),
                    "the experiment's spec: `margin` in " + SPEC + ", from the spec file or `compare --margin`");
        } catch (IOException | IllegalArgumentException e) {
            String msg = file + ": ignored for the report's order and margins (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")";
            warn.accept(msg);
            return Analysis.defaults();
        }
    }

    private static List<SweepCurve> readSweeps(Path file, Consumer<String> warn) {
        List<SweepCurve> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(ResultsFile.mapper().readValue(line, SweepCurve.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    warn.accept(file + ":" + n + ": not a sweep curve (" + e.getMessage().lines().findFirst()
                            .orElse("") + "); skipped");
                }
            }
        } catch (IOException e) {
            throw new RegzooException("cannot read sweeps file " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The statistics the report shows, one entry per model.
     *
     * @return the statistics
     */
    public List<ModelStats> stats() {
        return ModelStats.ofAll(trials, analysis);
    }

    /**
     * Writes {@code report.md}, the chart PNGs, {@code index.html}, {@code results.csv} and
     * {@code summary.json} into a folder (created if missing), replacing earlier versions as one
     * ({@link AtomicFiles#writeAll}): every file is rendered in memory, written to a temporary file in
     * the folder and forced to the disk, and only when all are complete are they renamed into place
     * (charts first, {@code index.html} last). A failure (a full disk half-way, permission denied)
     * leaves the previous report intact, every file of it, and no temporary file behind.
     *
     * @param outDir the folder
     * @return the files written
     * @throws io.regzoo.EnvironmentException naming the file that could not be written, the operating
     *     system's reason and what to do; the previous report is then intact
     */
    public RenderedReport writeTo(Path outDir) {
        ReportContent content = new ReportContent(title, trials, sweeps, warnings, analysis, notApplicable);
        Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
        List<Path> pngs = new ArrayList<>();
        for (ReportChart ch : content.charts) {
            Path p = outDir.resolve(ch.fileName());
            files.put(p, bytes(ch.png()));
            pngs.add(p);
        }
        Path csv = outDir.resolve(CSV);
        Path json = outDir.resolve(SUMMARY);
        Path md = outDir.resolve(MARKDOWN);
        Path html = outDir.resolve(HTML);
        files.put(csv, text(CsvWriter.render(trials)));
        files.put(json, text(summaryJson(content)));
        files.put(md, text(MarkdownWriter.render(content)));
        files.put(html, text(HtmlWriter.render(content)));
        AtomicFiles.writeAll(files);
        return new RenderedReport(md, html, csv, json, pngs, warnings, content.models);
    }

    private static AtomicFiles.Content bytes(byte[] b) {
        return out -> out.write(b);
    }

    private static AtomicFiles.Content text(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code summary.json}: the per-variant statistics, the method behind them, margins and warnings. */
    private String summaryJson(ReportContent content) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("title", title);
        summary.put("trials", trials.size());
        summary.put("confidence", SampleStats.CONFIDENCE);
        summary.put("alpha", Analysis.ALPHA);
        Map<String, String> method = new LinkedHashMap<>();
        method.put("comparison", "paired t-test on per-seed differences variant - baseline; Welch t-test when "
                + "fewer than 2 seeds are shared (each difference records its test)");
        method.put("multiplicity", "Holm-Bonferroni over each model's comparisons with its baseline on the "
                + "primary metric (test accuracy for classifiers, test loss for regressors), one family per "
                + "training-set size on a data-size axis: adjustedP");
        method.put("equivalence", "not different and the 95% interval inside +-margin (TOST at alpha/2 per "
                + "side); otherwise inconclusive");
        method.put("secondary", "paired differences, not corrected for multiplicity");
        method.put("intervals", "per-variant 95% intervals stay inside the metric's range; none with fewer "
                + "than 3 seeds");
        if (analysis.sequential() != null) {
            method.put("sequential", "seeds until the answer is clear (sequential.json): the primary metric's "
                    + "verdicts use the anytime-valid 95% confidence sequence and Holm-adjusted anytime p-values, "
                    + "not the fixed-n paired interval; " + analysis.sequential().method());
        }
        method.put("explained", "docs/STATISTICS.md");
        summary.put("method", method);
        if (analysis.sequential() != null) {
            summary.put("sequential", analysis.sequential());
        }
        summary.put("margins", analysis.margins());
        summary.put("models", content.models);
        if (!notApplicable.isEmpty()) {
            summary.put("notApplicable", notApplicable);
        }
        summary.put("sweeps", sweeps);
        summary.put("warnings", warnings);
        try {
            return SUMMARY_MAPPER.writeValueAsString(summary) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize summary.json", e); // a bug: the values are plain data
        }
    }

    /** Builds a {@link Report} from trials in memory. */
    public static final class Builder {
        private String title = "regzoo report";
        private List<TrialResult> trials = List.of();
        private List<SweepCurve> sweeps = List.of();
        private List<String> warnings = List.of();
        private Analysis analysis = Analysis.defaults();
        private List<Suite.NotApplicable> notApplicable = List.of();

        private Builder() {}

        /**
         * The model × variant combinations a suite did not run because the network has no place for them
         * ({@link Suite#NOT_APPLICABLE_FILE}); the report lists them with their reasons, outside every comparison.
         *
         * @param combinations the combinations (default none)
         * @return this builder
         */
        public Builder notApplicable(List<Suite.NotApplicable> combinations) {
            this.notApplicable = java.util.Objects.requireNonNull(combinations, "combinations");
            return this;
        }

        /**
         * Sets the analysis: margins and the order of models and variants (default: {@link Analysis#defaults()}).
         *
         * @param analysis the analysis
         * @return this builder
         */
        public Builder analysis(Analysis analysis) {
            this.analysis = java.util.Objects.requireNonNull(analysis, "analysis");
            return this;
        }

        /**
         * Sets the title.
         *
         * @param title the report's title
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * Sets the trials.
         *
         * @param trials the trials (all statuses)
         * @return this builder
         */
        public Builder trials(List<TrialResult> trials) {
            this.trials = trials;
            return this;
        }

        /**
         * Sets sweep validation curves to chart.
         *
         * @param sweeps the sweeps
         * @return this builder
         */
        public Builder sweeps(List<SweepCurve> sweeps) {
            this.sweeps = sweeps;
            return this;
        }

        /**
         * Sets warnings to show in the report (e.g. skipped lines of the results file).
         *
         * @param warnings one line each
         * @return this builder
         */
        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report
         * @throws RegzooException when there is no trial
         * @throws IllegalArgumentException when the title is blank or a list is null
         */
        public Report build() {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("report title must not be blank");
            }
            if (trials == null || sweeps == null || warnings == null) {
                throw new IllegalArgumentException("trials, sweeps and warnings must not be null");
            }
            if (trials.isEmpty() && sweeps.isEmpty()) {
                throw new RegzooException("no readable trial to report on (results.jsonl is empty or every line was "
                        + "skipped)");
            }
            return new Report(this);
        }
    }

    /** Writes NaN and infinities as JSON null. */
    private static final class NonFiniteAsNull extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        NonFiniteAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
