package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.report.Margins;
import io.regzoo.report.RenderedReport;
import io.regzoo.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo report DIR}: re-renders an experiment's report from its {@code results.jsonl}. */
@Command(name = "report", description = "Re-render the report (report.md, index.html, results.csv, summary.json, "
        + "charts) of an experiment folder from its results.jsonl.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The experiment's output folder (holds results.jsonl).")
    private Path dir;

    @Option(names = "--margin", paramLabel = "M", description = {
            "Equivalence margin (wins over the one in DIR/spec.json): 0.003 (the primary metric, in its units),",
            "0.3pp (accuracy), or accuracy=0.003,loss=0.01. Default: 0.3 pp for accuracy, none for a loss."})
    private String margin;

    @Spec
    private CommandSpec spec;

    /**
     * Reads a {@code --margin} value ({@link Margins#parseOption(String)}).
     *
     * @param text the value, or {@code null} when the option was not given
     * @return the margin map, or {@code null} for none
     * @throws RegzooException when the value is malformed
     */
    static Map<String, Double> parseMargin(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Margins.parseOption(text);
        } catch (IllegalArgumentException e) {
            throw new RegzooException(e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RenderedReport r = Report.render(dir, parseMargin(margin), w -> err.println("regzoo: warning: " + w));
        if (!r.warnings().isEmpty()) {
            err.println("regzoo: " + r.warnings().size() + " warning(s) while reading the results (above, "
                    + "also listed in the report)");
        }
        err.flush();
        out.println("report: " + r.html().toAbsolutePath());
        out.println("        " + r.markdown().toAbsolutePath() + " (+ " + r.charts().size() + " charts), "
                + r.csv().getFileName() + ", " + r.summaryJson().getFileName());
        out.flush();
        return 0;
    }
}
