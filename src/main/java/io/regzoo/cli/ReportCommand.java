package io.regzoo.cli;

import io.regzoo.report.RenderedReport;
import io.regzoo.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo report DIR}: re-renders an experiment's report from its {@code results.jsonl}. */
@Command(name = "report", description = "Re-render the report (report.md, index.html, results.csv, summary.json, "
        + "charts) of an experiment folder from its results.jsonl.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The experiment's output folder (holds results.jsonl).")
    private Path dir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        RenderedReport r = Report.render(dir);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!r.warnings().isEmpty()) {
            err.println("regzoo: " + r.warnings().size() + " warning(s) while reading the results (logged above, "
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
