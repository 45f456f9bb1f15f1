package io.regzoo.report;

import io.regzoo.experiment.Suite;
import io.regzoo.stats.Equivalence;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}: a self-contained page that opens offline and loads nothing: inline CSS, the
 * charts drawn interactively by inline scripts (uPlot and {@code charts.js}, see {@link ChartScript})
 * from JSON embedded in the page, each over its PNG as a base64 data URI, which stays when scripts
 * are off or a chart cannot be drawn. No external scripts, fonts or links.
 */
final class HtmlWriter {
    private HtmlWriter() {}

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0 auto;"
                    + "max-width:1200px;padding:24px;color:#222;line-height:1.45;background:#fff}",
            "h1{font-size:1.8em;margin-top:0}h2{border-bottom:2px solid #ddd;padding-bottom:4px;margin-top:2em}",
            "table{border-collapse:collapse;margin:12px 0;font-size:.84em;width:100%}",
            "th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}",
            "th{background:#f3f3f3;font-weight:600;hyphens:none;overflow-wrap:normal}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}td.name{white-space:nowrap}",
            "td.reg{min-width:9em}",
            "tbody tr:nth-child(even){background:#fafafa}",
            ".swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;"
                    + "vertical-align:middle}",
            "figure{margin:18px 0}figure img{max-width:100%;height:auto;border:1px solid #eee}",
            ".rz-chart{max-width:1100px}.rz-chart .uplot{margin:0}.u-title{font-size:16px}",
            ".u-legend{font-size:13px;text-align:left}.u-legend .u-series th{font-weight:500}",
            ".u-legend tr.rz-aux{display:none}.u-legend .u-value{font-variant-numeric:tabular-nums}",
            ".u-legend{width:auto;margin:4px 0;font-size:13px}.u-legend th,.u-legend td{border:0;background:none;"
                    + "padding:1px 3px;vertical-align:middle}.u-legend tbody tr:nth-child(even){background:none}",
            ".rz-tip{position:absolute;display:none;pointer-events:none;z-index:10;background:rgba(255,255,255,.95);"
                    + "border:1px solid #bbb;border-radius:4px;padding:4px 8px;font-size:12px;white-space:nowrap;"
                    + "box-shadow:0 1px 4px rgba(0,0,0,.15)}",
            ".rz-tip-head{font-weight:600}.rz-tip-swatch{display:inline-block;width:9px;height:9px;margin-right:5px;"
                    + "border-radius:2px}.hint{color:#555;font-size:.9em}",
            "figcaption{color:#555;font-size:.9em;max-width:900px}",
            "code{background:#f3f3f3;padding:1px 4px;border-radius:3px}",
            ".warn{background:#fff6e0;border-left:4px solid #e69f00;padding:8px 12px}",
            "td.verdict{min-width:16em}.verdict-better{color:#006b4f}.verdict-worse{color:#a33c00}",
            ".na{color:#888}ul.na{font-size:.95em}",
            "th{font-size:.9em}.scroll{overflow-x:auto}ul.verdicts{padding-left:1.2em}ul.verdicts li{margin:4px 0}");

    static String render(ReportContent c) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(c.title)).append("</title>\n<style>\n").append(CSS).append("\n</style>\n");
        java.util.Optional<ChartScript.Assets> live = ChartScript.assets();
        live.ifPresent(a -> b.append("<style>\n").append(a.css()).append("\n</style>\n"));
        b.append("</head>\n<body>\n");
        b.append("<h1>").append(esc(c.title)).append("</h1>\n");
        b.append("<h2>What was compared</h2>\n<p>").append(esc(c.whatWasCompared())).append("</p>\n");
        if (live.isPresent() && !c.charts.isEmpty()) {
            b.append("<p class=\"hint\">Charts: hover for the values at the cursor, click a name in a chart's legend "
                    + "to hide or show that variant, drag to zoom (sideways for the x axis, a box for both), "
                    + "double-click to zoom back out.</p>\n");
        }
        if (!c.warnings.isEmpty()) {
            b.append("<div class=\"warn\"><strong>Warnings while reading the results:</strong><ul>\n");
            c.warnings.forEach(w -> b.append("<li>").append(esc(w)).append("</li>\n"));
            b.append("</ul></div>\n");
        }
        for (ReportContent.SizeAxis axis : c.sizeAxes) {
            b.append("<h2 id=\"size-").append(Charts.slug(axis.model())).append("\">").append(esc(axis.model()))
                    .append(": benefit by training-set size</h2>\n<p>").append(code(axis.caption()))
                    .append("</p>\n<div class=\"scroll\">\n<table>\n<thead><tr>");
            axis.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
            b.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : axis.rows()) {
                b.append("<tr><td><span class=\"swatch\" style=\"background:").append(c.colors.hex(row.get(0)))
                        .append("\"></span>").append(esc(row.get(0))).append("</td>");
                row.subList(1, row.size()).forEach(x -> b.append("<td class=\"num\">").append(esc(x)).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n</div>\n");
            if (axis.chart() != null) {
                figure(b, axis.chart(), live.isPresent());
            }
        }
        for (ModelStats m : c.models) {
            b.append("<h2 id=\"model-").append(Charts.slug(m.key())).append("\">").append(esc(m.label()))
                    .append("</h2>\n<p>Compared metric: <strong>").append(esc(m.primaryMetric())).append("</strong> (")
                    .append(m.classifier() ? "higher" : "lower").append(" is better), each variant against <strong>")
                    .append(esc(m.baselineVariant())).append("</strong>.</p>\n<ul class=\"method\">\n");
            ReportContent.method(m).forEach(x -> b.append("<li>").append(code(x)).append("</li>\n"));
            b.append("</ul>\n");
            b.append("<ul class=\"verdicts\">\n");
            for (VariantStats v : m.variants()) {
                if (!v.baseline()) {
                    b.append("<li><span class=\"swatch\" style=\"background:").append(c.colors.hex(v.variant()))
                            .append("\"></span><strong>").append(esc(v.variant())).append("</strong>: <span class=\"")
                            .append(verdictClass(m, v)).append("\">").append(esc(v.verdict())).append("</span></li>\n");
                }
            }
            b.append("</ul>\n");
            List<Suite.NotApplicable> na = c.notApplicableFor(m);
            if (!na.isEmpty()) {
                b.append("<p class=\"na\">").append(esc(ReportContent.NOT_APPLICABLE_NOTE)).append("</p>\n")
                        .append("<ul class=\"na\">\n");
                na.forEach(n -> b.append("<li><s>").append(esc(n.variant())).append("</s>: ").append(esc(n.reason()))
                        .append("</li>\n"));
                b.append("</ul>\n");
            }
            b.append("<div class=\"scroll\">\n<table>\n<thead><tr>");
            // The verdicts are the list above, in full: the table leaves out its last column so it fits the page.
            List<String> head = ReportContent.columns(m);
            head.subList(0, head.size() - 1).forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
            b.append("</tr></thead>\n<tbody>\n");
            List<List<String>> rows = ReportContent.rows(m);
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                VariantStats v = m.variants().get(i);
                b.append("<tr>");
                for (int j = 0; j < row.size(); j++) {
                    if (j == 0) {
                        b.append("<td class=\"name\"><span class=\"swatch\" style=\"background:")
                                .append(c.colors.hex(v.variant())).append("\"></span><span class=\"vname\">")
                                .append(esc(row.get(j))).append("</span></td>");
                    } else if (j == row.size() - 1) {
                        continue;
                    } else if (j == 1) {
                        b.append("<td class=\"reg\">").append(esc(row.get(j))).append("</td>");
                    } else {
                        b.append("<td class=\"num\">").append(numberCell(row.get(j))).append("</td>");
                    }
                }
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n</div>\n");
            List<List<String>> effects = ReportContent.effectRows(m);
            if (!effects.isEmpty()) {
                b.append("<h3>Secondary effects (paired, 95% intervals, not corrected for multiplicity)</h3>\n")
                        .append("<div class=\"scroll\">\n<table>\n<thead><tr>");
                effects.get(0).forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
                b.append("</tr></thead>\n<tbody>\n");
                for (List<String> row : effects.subList(1, effects.size())) {
                    b.append("<tr><td class=\"name\"><span class=\"swatch\" style=\"background:")
                            .append(c.colors.hex(row.get(0))).append("\"></span><span class=\"vname\">")
                            .append(esc(row.get(0))).append("</span></td>");
                    row.subList(1, row.size()).forEach(x -> b.append("<td class=\"num\">").append(numberCell(x))
                            .append("</td>"));
                    b.append("</tr>\n");
                }
                b.append("</tbody>\n</table>\n</div>\n<p>* the interval excludes 0 (named in the verdict).</p>\n");
            }
            boolean anyProblem = m.variants().stream().anyMatch(v -> !v.problems().isEmpty());
            if (anyProblem) {
                b.append("<h3>Diverged or failed trials (excluded from the statistics)</h3>\n<ul>\n");
                for (VariantStats v : m.variants()) {
                    v.problems().forEach(p -> b.append("<li>").append(esc(v.variant() + ", " + p)).append("</li>\n"));
                }
                b.append("</ul>\n");
            }
            for (ReportChart ch : c.chartsByModel.getOrDefault(m.key(), List.of())) {
                figure(b, ch, live.isPresent());
            }
        }
        if (!c.sweepCharts.isEmpty()) {
            b.append("<h2>Sweeps</h2>\n");
            c.sweepCharts.forEach(ch -> figure(b, ch, live.isPresent()));
        }
        b.append("<h2>Conventions</h2>\n<ul>\n");
        ReportContent.CONVENTIONS.forEach(x -> b.append("<li>").append(code(x)).append("</li>\n"));
        b.append("</ul>\n<h2>Provenance</h2>\n");
        if (c.provenance.isEmpty()) {
            b.append("<p>The trials record no provenance.</p>\n");
        } else {
            b.append("<table>\n<thead><tr><th>key</th><th>value</th></tr></thead>\n<tbody>\n");
            for (Map.Entry<String, String> e : c.provenance.entrySet()) {
                b.append("<tr><td>").append(esc(e.getKey())).append("</td><td><code>").append(esc(e.getValue()))
                        .append("</code></td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        b.append("<p>Files next to this page: <code>report.md</code>, <code>results.csv</code> (one row per trial), "
                + "<code>summary.json</code> (the statistics above), and the charts as PNG files.</p>\n");
        live.ifPresent(a -> b.append("<script>\n").append(a.js()).append("\n</script>\n<script>\n")
                .append(a.charts()).append("\n</script>\n"));
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /**
     * A number cell: it may wrap between values (before {@code ±}, after an interval's comma, before a
     * bracket or a word) but never inside one ({@code 3 / 0 / 0}, {@code −0.2 pp}), so the table fits the page with
     * many columns.
     */
    static String numberCell(String text) {
        return esc(text).replace(" / ", "\u00a0/\u00a0").replace(" ± ", " ±\u00a0").replace(" pp", "\u00a0pp")
                .replace(" %", "\u00a0%");
    }

    private static String verdictClass(ModelStats m, VariantStats v) {
        Equivalence.Assessment a = v.assessment();
        if (a == null || a.verdict() != Equivalence.Verdict.DIFFERENT) {
            return "verdict";
        }
        boolean better = m.classifier() ? a.difference().estimate() > 0 : a.difference().estimate() < 0;
        return better ? "verdict verdict-better" : "verdict verdict-worse";
    }

    private static void figure(StringBuilder b, ReportChart ch, boolean live) {
        b.append("<figure id=\"fig-").append(ch.id()).append("\">\n<div class=\"rz-chart\" id=\"chart-")
                .append(ch.id()).append("\"><img id=\"png-").append(ch.id()).append("\" class=\"chart rz-fallback\" width=\"")
                .append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT).append("\" alt=\"")
                .append(esc(ch.title())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(ch.png())).append("\"></div>\n<figcaption>")
                .append(esc(ch.caption())).append("</figcaption>\n</figure>\n");
        if (live && ch.model() != null) {
            b.append("<script type=\"application/json\" class=\"rz-chart-data\" data-target=\"chart-").append(ch.id())
                    .append("\">").append(ChartScript.json(ch.model())).append("</script>\n");
        }
    }

    /** Escapes text, then turns {@code `x`} into {@code <code>x</code>}. */
    private static String code(String s) {
        return esc(s).replaceAll("`([^`]*)`", "<code>$1</code>");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
