package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a data-size axis: one section per model and size (its own baseline, pairing and Holm family), a
 * table and a chart of each variant's benefit over the baseline against the training-set size. Expected intervals
 * from SciPy ({@code scipy.stats.ttest_rel} and {@code t.interval} on the per-seed differences), pinned.
 */
class DataSizeReportTest {

    /** Test accuracies per seed (1–3): at 500 examples dropout helps, at 5,000 it does not. */
    static final double[] BASE_500 = {0.880, 0.872, 0.891};
    static final double[] DROP_500 = {0.902, 0.890, 0.905};
    static final double[] L2_500 = {0.884, 0.875, 0.890};
    static final double[] BASE_5000 = {0.962, 0.958, 0.965};
    static final double[] DROP_5000 = {0.963, 0.957, 0.966};
    static final double[] L2_5000 = {0.961, 0.959, 0.964};

    private static void add(List<TrialResult> ts, String variant, int size, double[] acc) {
        for (int s = 0; s < acc.length; s++) {
            TrialResult t = Trials.classifier("mlp-classifier", variant, s + 1, acc[s], 10.0);
            Trial cell = new Trial("mlp-classifier", variant, size, s + 1);
            ts.add(TrialResult.ok(cell, new TrialResult.Fit(t.stopReason(), t.epochsRun(), t.bestEpoch(), t.history(),
                    t.message()), new TrialResult.Scores(t.trainLoss(), t.trainAccuracy(), t.testLoss(),
                    t.testAccuracy(), t.weightNorm(), t.nearZeroFraction(), t.weightSample()), t.seconds(),
                    t.regularization(), t.provenance()));
        }
    }

    static List<TrialResult> trials() {
        List<TrialResult> ts = new ArrayList<>();
        // Sizes deliberately out of order: the report sorts them.
        add(ts, "baseline", 5000, BASE_5000);
        add(ts, "dropout", 5000, DROP_5000);
        add(ts, "l2", 5000, L2_5000);
        add(ts, "baseline", 500, BASE_500);
        add(ts, "dropout", 500, DROP_500);
        add(ts, "l2", 500, L2_500);
        return ts;
    }

    @Test
    void eachSizeIsItsOwnComparisonWithItsOwnHolmFamily() {
        List<ModelStats> cells = ModelStats.ofAll(trials());
        assertEquals(2, cells.size());
        assertEquals(500, cells.get(0).trainSize());
        assertEquals(5000, cells.get(1).trainSize());
        ModelStats small = cells.get(0);
        assertEquals(2, small.familySize(), "the family is the size's 2 comparisons, not all 4");
        assertEquals("mlp-classifier-n500", small.key());
        VariantStats dropout = small.variants().stream().filter(v -> v.variant().equals("dropout")).findFirst()
                .orElseThrow();
        // SciPy 1.10: d = [0.022, 0.018, 0.014]; ttest_rel -> t = 7.7942, p = 0.0160653; t.interval(0.95, 2) ->
        // [0.0080634, 0.0279366]; statsmodels multipletests(holm) over {dropout 0.0160653, l2 0.3206338} at 500
        // -> [0.0321306, 0.3206338]
        assertEquals(0.018, dropout.vsBaseline().estimate(), 1e-12);
        assertEquals(0.0080634, dropout.vsBaseline().ciLow(), 1e-6);
        assertEquals(0.0279366, dropout.vsBaseline().ciHigh(), 1e-6);
        assertEquals(0.0160653, dropout.vsBaseline().pValue(), 1e-6);
        assertEquals(0.0321306, dropout.assessment().adjustedP(), 1e-6);
        // the baseline of each size is its own: every seed's difference at 5,000 is within ±0.001
        VariantStats big = cells.get(1).variants().stream().filter(v -> v.variant().equals("dropout")).findFirst()
                .orElseThrow();
        assertEquals(1.0 / 3000, big.vsBaseline().estimate(), 1e-12);
    }

    @Test
    void theReportShowsTheBenefitBySizeInEveryFormat(@TempDir Path dir) throws Exception {
        Report.builder().title("sizes").trials(trials()).build().writeTo(dir);
        String md = Files.readString(dir.resolve(Report.MARKDOWN));
        assertTrue(md.contains("## mlp-classifier: benefit by training-set size"), md);
        assertTrue(md.contains("| variant | n = 500 | n = 5,000 |"), md);
        // dropout at 500: +1.8 pp [+0.8, +2.8] (the SciPy interval above), Holm over {dropout, l2} at 500
        assertTrue(md.contains("| dropout | +1.8 pp [+0.8, +2.8], Holm p 0.0321 | +0.03 pp"), md);
        assertTrue(md.contains("## mlp-classifier, 500 training examples"), md);
        assertTrue(md.contains("## mlp-classifier, 5,000 training examples"), md);
        assertTrue(Files.exists(dir.resolve("mlp-classifier-benefit-by-size.png")));
        assertTrue(Files.exists(dir.resolve("mlp-classifier-n500-test.png")));
        String html = Files.readString(dir.resolve(Report.HTML));
        assertTrue(html.contains("id=\"size-mlp-classifier\""), "the size section is in the HTML");
        assertTrue(html.contains("id=\"fig-mlp-classifier-benefit-by-size\""));
        JsonNode summary = ResultsFile.mapper().readTree(dir.resolve(Report.SUMMARY).toFile());
        assertEquals(500, summary.get("models").get(0).get("trainSize").asInt());
        assertEquals(5000, summary.get("models").get(1).get("trainSize").asInt());
        List<String> csv = Files.readAllLines(dir.resolve(Report.CSV));
        assertTrue(csv.get(0).startsWith("trialId,model,variant,trainSize,seed,"), csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("mlp-classifier/dropout/n500/1,mlp-classifier,dropout,500,1,")),
                csv.toString());
    }

    @Test
    void noChartWithoutTwoSizes() {
        List<TrialResult> one = trials().stream().filter(t -> t.trainSize() == 500).toList();
        List<ModelStats> cells = ModelStats.ofAll(one);
        assertEquals(1, cells.size());
        assertEquals(null, Charts.benefitBySize(List.of(), VariantColors.create()));
        assertNotNull(Charts.benefitBySize(ModelStats.ofAll(trials()), VariantColors.create()));
    }
}
