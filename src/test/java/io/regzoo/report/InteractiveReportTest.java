package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive report without a browser: what {@code index.html} embeds and the layout rules behind it. */
class InteractiveReportTest {

    @TempDir
    Path dir;

    @Test
    void titleOrderRegularizationAndEmbeddedCharts() throws Exception {
        ManyVariants.write(dir);
        RenderedReport r = Report.render(dir);
        String html = Files.readString(r.html());
        String md = Files.readString(r.markdown());

        assertTrue(md.startsWith("# regzoo report: " + ManyVariants.NAME + "\n"), "title from the spec's name: "
                + md.lines().findFirst().orElse(""));
        assertTrue(html.contains("<title>regzoo report: " + ManyVariants.NAME + "</title>"));
        assertEquals(ManyVariants.VARIANTS, r.stats().get(0).variants().stream().map(VariantStats::variant).toList(),
                "baseline first, then the spec's order (the results file lists them in reverse)");

        Map<String, String> reg = r.stats().get(0).variants().stream()
                .collect(Collectors.toMap(VariantStats::variant, VariantStats::regularization));
        assertEquals("early stopping (val_loss, patience 2, best weights)", reg.get("early-stopping"));
        assertTrue(reg.get("all").contains("weightDecay") && reg.get("all").contains("dropout")
                && reg.get("all").contains("batchNorm") && reg.get("all").endsWith("early stopping (val_loss, patience 2, "
                + "best weights)"), reg.get("all"));
        assertEquals("none", reg.get("baseline"));

        // every chart has its JSON, read by charts.js; uPlot and its license are inlined; no address anywhere
        Matcher data = Pattern.compile("<script type=\"application/json\" class=\"rz-chart-data\" "
                + "data-target=\"chart-([a-z0-9-]+)\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        Set<String> ids = new HashSet<>();
        while (data.find()) {
            ids.add(data.group(1));
            JsonNode chart = ResultsFile.mapper().readTree(data.group(2));
            assertEquals(data.group(1), chart.get("id").asText());
            assertTrue(chart.get("series").size() > 0, data.group(1));
        }
        assertEquals(r.charts().size(), ids.size(), "one JSON block per chart: " + ids);
        assertTrue(html.contains("uPlot 1.6.30") && html.contains("Copyright (c) 2022 Leon Sorokin"),
                "uPlot inlined with its license");
        assertTrue(html.contains("window.regzooCharts"), "charts.js inlined");
        assertFalse(html.toLowerCase().contains("http://") || html.toLowerCase().contains("https://"), "no address");
        assertTrue(html.contains("data:image/png;base64,"), "PNG fallbacks kept");

        // the verdict column is the list above the table, so the HTML table leaves it out
        assertFalse(html.contains("<th>verdict</th>"), "no verdict column in the HTML table");
        assertTrue(md.contains("| verdict |"), "report.md keeps it");
        assertTrue(html.contains("<td class=\"name\"><span class=\"swatch\""), "variant cells do not wrap");
    }

    @Test
    void lossIsLogAndAccuracyIsClippedBelowBatchNormsFirstEpoch() throws Exception {
        ManyVariants.write(dir);
        RenderedReport r = Report.render(dir);
        ReportContent c = new ReportContent("t", ResultsFile.read(dir.resolve("results.jsonl")).trials(), List.of(),
                List.of(), Analysis.defaults(), List.of());
        ReportChart loss = c.charts.stream().filter(ch -> ch.id().equals("mnist-cnn-loss-curve")).findFirst().orElseThrow();
        assertEquals(ChartModel.Scale.LOG, loss.model().y().scale(), "loss on a log axis");
        assertTrue(loss.caption().contains("Log y axis"), loss.caption());
        ReportChart acc = c.charts.stream().filter(ch -> ch.id().equals("mnist-cnn-accuracy-curve")).findFirst()
                .orElseThrow();
        assertEquals(ChartModel.Scale.LINEAR, acc.model().y().scale());
        assertTrue(acc.model().y().min() != null && acc.model().y().min() > 80, "clipped above batch norm's 35-40%: "
                + acc.model().y());
        assertNull(acc.model().y().max(), "nothing is far above");
        assertTrue(acc.caption().contains("batch-norm at epoch 1") && acc.caption().contains("all at epoch 1")
                && !acc.caption().contains("baseline at epoch 1"), "only the squeezing points are named: "
                + acc.caption());
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("Loss curves have a log y axis"), "the conventions explain the axes");
    }

    @Test
    void clippingLeavesAnUnsqueezedChartAlone() {
        ChartModel.Series a = ChartModel.Series.line("a", Color.BLACK, new double[] {1, 2, 3}, new double[] {90, 93, 95});
        ChartModel.Series b = ChartModel.Series.line("b", Color.RED, new double[] {1, 2, 3}, new double[] {89, 92, 96});
        ChartModel m = new ChartModel("c", "t", ChartModel.Axis.linear("epoch"), ChartModel.Axis.linear("y"),
                List.of(a, b));
        Charts.Curve same = Charts.clipped(m, "y");
        assertNull(same.model().y().min());
        assertEquals("", same.note());
        ChartModel.Series far = ChartModel.Series.line("bn", Color.BLUE, new double[] {1, 2, 3},
                new double[] {20, 93, 95});
        Charts.Curve clipped = Charts.clipped(new ChartModel("c", "t", m.x(), m.y(), List.of(a, b, far)), "y");
        assertTrue(clipped.model().y().min() > 85 && clipped.model().y().min() < 89, clipped.model().y().toString());
        assertTrue(clipped.note().contains("bn at epoch 1 (20.0)") && !clipped.note().contains(" a at"), clipped.note());
    }

    @Test
    void aVariantKeepsItsColorAcrossReports() {
        VariantColors one = VariantColors.forVariants(List.of("baseline", "l2", "dropout", "my-idea"));
        VariantColors other = VariantColors.forVariants(List.of("my-idea", "batch-norm", "all", "dropout", "zzz"));
        assertEquals(one.of("dropout"), other.of("dropout"), "a reserved name's color does not depend on the others");
        assertEquals(one.of("my-idea"), other.of("my-idea"), "a hashed name's color does not depend on the order");
        assertEquals(VariantColors.create().of("l2"), VariantColors.forVariants(List.of("x", "y", "l2")).of("l2"));
        assertEquals("#444444", one.hex("baseline"));
        List<String> ten = ManyVariants.VARIANTS;
        VariantColors c = VariantColors.forVariants(ten);
        assertEquals(ten.size(), ten.stream().map(c::of).distinct().count(), "ten variants, ten colors");
        assertNotEquals(c.of("gradient-clipping"), c.of("lr-schedule"));
    }

    @Test
    void chartJsonHasNoMarkupAndNullForNonFinite() throws Exception {
        ChartModel.Series s = ChartModel.Series.line("</script><b>", Color.BLACK, new double[] {1, 2},
                new double[] {Double.NaN, 3}).bounds(new double[] {0, 2}, new double[] {1, Double.POSITIVE_INFINITY},
                ChartModel.Interval.BAND);
        String json = ChartScript.json(new ChartModel("c", "a < b", ChartModel.Axis.linear("x"),
                ChartModel.Axis.log("y"), List.of(s)));
        assertFalse(json.contains("<"), json);
        JsonNode n = ResultsFile.mapper().readTree(json);
        assertEquals("</script><b>", n.get("series").get(0).get("name").asText());
        assertTrue(n.get("series").get(0).get("y").get(0).isNull());
        assertTrue(n.get("series").get(0).get("hi").get(1).isNull());
        assertTrue(n.get("y").get("log").asBoolean());
        assertEquals("band", n.get("series").get(0).get("interval").asText());
    }

    @Test
    void numberCellsBreakBetweenValuesOnly() {
        assertEquals("96.06 ±\u00a00.52", HtmlWriter.numberCell("96.06 ± 0.52"));
        assertEquals("3\u00a0/\u00a00\u00a0/\u00a00", HtmlWriter.numberCell("3 / 0 / 0"));
        assertEquals("−0.2\u00a0pp [−2.1, −0.2]", HtmlWriter.numberCell("−0.2 pp [−2.1, −0.2]"));
    }

    @Test
    void earlyStoppingInWords() {
        assertEquals("early stopping (val_loss, patience 2, best weights)", EarlyStoppingText.of(
                "EarlyStopping(monitor=val_loss, patience=2, min_delta=0.0, restore_best_weights=true)"));
        assertEquals("early stopping (val_accuracy, patience 0, min_delta 0.001)", EarlyStoppingText.of(
                "EarlyStopping(monitor=val_accuracy, patience=0, min_delta=0.001, restore_best_weights=false)"));
        assertNull(EarlyStoppingText.of("none"));
        assertNull(EarlyStoppingText.of(null));
        assertEquals("early stopping (odd)", EarlyStoppingText.of("odd"));
    }
}
