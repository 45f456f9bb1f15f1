package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.regzoo.RegzooException;
import io.regzoo.experiment.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRenderTest {

    @TempDir
    Path dir;

    /** 3 variants × 3 seeds of a classifier, one diverged trial, plus a regressor and a sweep. */
    static List<TrialResult> experiment() {
        List<TrialResult> ts = new ArrayList<>();
        double[][] acc = {{0.970, 0.972, 0.968}, {0.976, 0.978, 0.975}, {0.969, 0.973, 0.960}};
        String[] variants = {"baseline", "l2", "dropout"};
        for (int v = 0; v < variants.length; v++) {
            for (int s = 0; s < 3; s++) {
                ts.add(Fixtures.classifier("mnist-cnn", variants[v], s + 1, 0.995 - 0.01 * v, acc[v][s]));
            }
        }
        ts.add(Fixtures.diverged("mnist-cnn", "l2", 4));
        ts.add(Fixtures.diverged("mnist-cnn", "huge-lr", 1));
        ts.add(Fixtures.diverged("mnist-cnn", "huge-lr", 2));
        for (int s = 1; s <= 3; s++) {
            ts.add(Fixtures.regressor("linear", "baseline", s, 0.010 + 0.001 * s, 0.020 + 0.001 * s));
            ts.add(Fixtures.regressor("linear", "l1", s, 0.012 + 0.001 * s, 0.019 + 0.0005 * s));
        }
        return ts;
    }

    static Path writeExperiment(Path dir, boolean garbage) throws Exception {
        Path results = dir.resolve(io.regzoo.experiment.ResultsStore.FILE_NAME);
        ResultsFile.write(results, experiment());
        if (garbage) {
            Files.writeString(results, "{\"trialId\":\"mnist-cnn/l2/9\",\"model\":\"mnist-cnn\",\"var",
                    StandardOpenOption.APPEND);
        }
        SweepCurve sweep = new SweepCurve("mnist-cnn", "l2", List.of(1e-5, 1e-4, 1e-3, 1e-2),
                List.of(0.971, 0.975, 0.977, 0.962), List.of(0.002, 0.002, 0.0015, 0.004), 1e-3,
                "validation accuracy", true);
        Files.writeString(dir.resolve(Report.SWEEPS), ResultsFile.mapper().writeValueAsString(sweep) + "\n");
        return results;
    }

    @Test
    void rendersEveryFileWithADivergedTrialAFailedVariantAndAGarbageLastLine() throws Exception {
        writeExperiment(dir, true);
        RenderedReport r = Report.render(dir);

        for (Path p : List.of(r.markdown(), r.html(), r.csv(), r.summaryJson())) {
            assertTrue(Files.size(p) > 0, p + " written");
        }
        // mnist-cnn: loss curve, accuracy curve, test, gap, weight norm, weights; linear: 5 (no accuracy); 1 sweep
        assertEquals(12, r.charts().size(), r.charts().toString());
        for (Path png : r.charts()) {
            byte[] b = Files.readAllBytes(png);
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png + " is a PNG");
        }
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String where = dir.resolve(io.regzoo.experiment.ResultsStore.FILE_NAME) + ":" + (experiment().size() + 1) + ":";
        assertTrue(r.warnings().get(0).contains(where), r.warnings().get(0));

        String md = Files.readString(r.markdown());
        assertTrue(md.contains(where), "the garbage line is reported in report.md");
        assertTrue(md.contains("- **huge-lr**: no successful trials: 2 diverged"), md);
        assertTrue(md.contains("1 diverged (excluded)"), md);
        assertTrue(md.contains("`λ/2·Σw²`") && md.contains("1 − rate") && md.contains("0.99 and 1e-3"), md);
        assertTrue(md.contains("| dl4j | 1.0.0-M2.1 |"), "provenance table");
        for (Path png : r.charts()) {
            assertTrue(md.contains("](" + png.getFileName() + ")"), "report.md links " + png.getFileName());
        }
        assertTrue(Files.readString(r.html()).contains(where), "the garbage line is reported in index.html");

        List<String> csv = Files.readAllLines(r.csv());
        assertEquals(1 + experiment().size(), csv.size());
        assertTrue(csv.get(0).startsWith("trialId,model,variant,trainSize,seed,status"));

        JsonNode summary = ResultsFile.mapper().readTree(r.summaryJson().toFile());
        JsonNode cnn = summary.get("models").get(0);
        assertEquals("mnist-cnn", cnn.get("model").asText());
        JsonNode l2 = cnn.get("variants").get(1);
        assertEquals("l2", l2.get("variant").asText());
        assertEquals(1, l2.get("diverged").asInt());
        assertEquals((0.976 + 0.978 + 0.975) / 3, l2.get("testAccuracy").get("mean").asDouble(), 1e-12);
        assertTrue(cnn.get("variants").get(3).get("testAccuracy").get("mean").isNull(), "NaN written as null");
    }

    @Test
    void htmlIsSelfContained() throws Exception {
        writeExperiment(dir, false);
        RenderedReport r = Report.render(dir);
        String html = Files.readString(r.html());
        assertFalse(html.toLowerCase().contains("http://"), "no http:// reference");
        assertFalse(html.toLowerCase().contains("https://"), "no https:// reference");
        // Scripts only inline (uPlot and charts.js, and the charts' JSON), none loaded from anywhere.
        Matcher script = Pattern.compile("<script\\b[^>]*>").matcher(html);
        int scripts = 0;
        while (script.find()) {
            scripts++;
            assertFalse(script.group().contains("src"), "no external script: " + script.group());
        }
        assertEquals(2 + r.charts().size(), scripts, "uPlot, charts.js and one JSON block per chart");
        assertFalse(html.toLowerCase().contains("<link"), "no linked stylesheets or fonts");
        assertFalse(html.toLowerCase().contains("url("), "no CSS url() references");
        Matcher img = Pattern.compile("<img\\b[^>]*>").matcher(html);
        int n = 0;
        while (img.find()) {
            n++;
            Matcher src = Pattern.compile("\\ssrc=\"([^\"]*)\"").matcher(img.group());
            assertTrue(src.find(), "img has a src: " + img.group().substring(0, Math.min(80, img.group().length())));
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), "img src is a data URI");
        }
        assertEquals(r.charts().size(), n, "every chart is embedded");
        Matcher refs = Pattern.compile("\\s(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (refs.find()) {
            assertTrue(refs.group(1).startsWith("data:") || refs.group(1).startsWith("#"), refs.group(1));
        }
    }

    @Test
    void emptyResultsAreAUserError() throws Exception {
        Files.writeString(dir.resolve(io.regzoo.experiment.ResultsStore.FILE_NAME), "garbage\n");
        RegzooException e = assertThrows(RegzooException.class, () -> Report.render(dir));
        assertTrue(e.getMessage().contains("no readable trial"), e.getMessage());
    }
}
