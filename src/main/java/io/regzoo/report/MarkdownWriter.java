package io.regzoo.report;

import io.regzoo.experiment.Suite;
import java.util.List;
import java.util.Map;

/** {@code report.md}: the same content as the HTML, with the charts as PNG files next to it. */
final class MarkdownWriter {
    private MarkdownWriter() {}

    static String render(ReportContent c) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(c.title).append("\n\n");
        b.append("## What was compared\n\n").append(c.whatWasCompared()).append("\n\n");
        for (ReportContent.SizeAxis axis : c.sizeAxes) {
            b.append("## ").append(axis.model()).append(": benefit by training-set size\n\n")
                    .append(axis.caption()).append("\n\n");
            table(b, axis.header(), axis.rows());
            b.append('\n');
            if (axis.chart() != null) {
                chart(b, axis.chart());
            }
        }
        for (ModelStats m : c.models) {
            b.append("## ").append(m.label()).append("\n\n");
            b.append("Compared metric: **").append(m.primaryMetric()).append("** (")
                    .append(m.classifier() ? "higher" : "lower").append(" is better), each variant against **")
                    .append(m.baselineVariant()).append("**.\n\n");
            ReportContent.method(m).forEach(x -> b.append("- ").append(x).append('\n'));
            b.append('\n');
            table(b, ReportContent.columns(m), ReportContent.rows(m));
            b.append("\n### Verdicts\n\n");
            for (VariantStats v : m.variants()) {
                b.append("- **").append(v.variant()).append("**: ").append(v.verdict()).append('\n');
            }
            List<Suite.NotApplicable> na = c.notApplicableFor(m);
            if (!na.isEmpty()) {
                b.append("\n### Not applicable\n\n").append(ReportContent.NOT_APPLICABLE_NOTE).append("\n\n");
                na.forEach(n -> b.append("- ~~").append(n.variant()).append("~~: ").append(n.reason()).append('\n'));
            }
            List<List<String>> effects = ReportContent.effectRows(m);
            if (!effects.isEmpty()) {
                b.append("\n### Secondary effects (paired, 95% intervals, not corrected for multiplicity)\n\n");
                table(b, effects.get(0), effects.subList(1, effects.size()));
                b.append("\n* the interval excludes 0 (named in the verdict).\n");
            }
            boolean anyProblem = m.variants().stream().anyMatch(v -> !v.problems().isEmpty());
            if (anyProblem) {
                b.append("\n### Diverged or failed trials (excluded from the statistics)\n\n");
                for (VariantStats v : m.variants()) {
                    v.problems().forEach(p -> b.append("- ").append(v.variant()).append(", ").append(p).append('\n'));
                }
            }
            b.append("\n### Charts\n\n");
            for (ReportChart ch : c.chartsByModel.getOrDefault(m.key(), List.of())) {
                chart(b, ch);
            }
        }
        if (!c.sweepCharts.isEmpty()) {
            b.append("## Sweeps\n\n");
            c.sweepCharts.forEach(ch -> chart(b, ch));
        }
        if (!c.warnings.isEmpty()) {
            b.append("## Warnings while reading the results\n\n");
            c.warnings.forEach(w -> b.append("- ").append(w).append('\n'));
            b.append('\n');
        }
        b.append("## Conventions\n\n");
        ReportContent.CONVENTIONS.forEach(x -> b.append("- ").append(x).append('\n'));
        b.append("\n## Provenance\n\n");
        if (c.provenance.isEmpty()) {
            b.append("The trials record no provenance.\n");
        } else {
            b.append("| key | value |\n| --- | --- |\n");
            for (Map.Entry<String, String> e : c.provenance.entrySet()) {
                b.append("| ").append(cell(e.getKey())).append(" | ").append(cell(e.getValue())).append(" |\n");
            }
        }
        b.append("\nFiles: `results.csv` (one row per trial), `summary.json` (these statistics), `index.html` "
                + "(this report, self-contained).\n");
        return b.toString();
    }

    private static void table(StringBuilder b, List<String> cols, List<List<String>> rows) {
        b.append("| ").append(String.join(" | ", cols.stream().map(MarkdownWriter::cell).toList())).append(" |\n|");
        cols.forEach(x -> b.append(" --- |"));
        b.append('\n');
        for (List<String> row : rows) {
            b.append("| ").append(String.join(" | ", row.stream().map(MarkdownWriter::cell).toList())).append(" |\n");
        }
    }

    private static void chart(StringBuilder b, ReportChart ch) {
        b.append("![").append(ch.title().replace("]", ")")).append("](").append(ch.fileName()).append(")\n\n")
                .append('*').append(ch.caption()).append("*\n\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
