package io.regzoo.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a report was written to.
 *
 * @param markdown {@code report.md}
 * @param html the self-contained {@code index.html}
 * @param csv {@code results.csv}, one row per trial
 * @param summaryJson {@code summary.json}, the per-variant statistics
 * @param charts the chart PNG files next to {@code report.md}
 * @param warnings the warnings raised while reading the results (skipped lines), also shown in the report
 * @param stats the statistics the report shows (for the console table, so it says what the report says)
 */
public record RenderedReport(Path markdown, Path html, Path csv, Path summaryJson, List<Path> charts,
        List<String> warnings, List<ModelStats> stats) {

    /**
     * Copies the lists.
     *
     * @param markdown report.md
     * @param html index.html
     * @param csv results.csv
     * @param summaryJson summary.json
     * @param charts the chart files
     * @param warnings the reading warnings
     * @param stats the statistics
     */
    public RenderedReport {
        charts = List.copyOf(charts);
        warnings = List.copyOf(warnings);
        stats = List.copyOf(stats);
    }
}
