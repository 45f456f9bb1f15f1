package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.regzoo.experiment.TrialResult;
import io.regzoo.stats.Difference;
import io.regzoo.stats.Equivalence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's comparisons: paired by seed, Holm over a model's family, the margin with its source, secondary effects
 * in the verdict, per-variant intervals inside the metric's range, rows baseline first in spec order. Expected numbers
 * from SciPy ({@code ttest_rel}, {@code t.interval}) and a hand-written Holm (equal to statsmodels'
 * {@code multipletests(method='holm')}), computed once and pinned.
 */
class ComparisonReportTest {

    /** The demo's per-seed test accuracies (issue 17): baseline and weight decay, seeds 1–3. */
    static final double[] DEMO_BASE = {0.9838, 0.9792, 0.9806};
    static final double[] DEMO_WD = {0.9844, 0.9784, 0.9806};

    @TempDir
    Path dir;

    private static List<TrialResult> variant(String name, double[] acc, double[] norm) {
        List<TrialResult> ts = new ArrayList<>();
        for (int s = 0; s < acc.length; s++) {
            ts.add(Trials.classifier("mnist-cnn", name, s + 1, acc[s], norm == null ? 17.9 + 0.1 * s : norm[s]));
        }
        return ts;
    }

    private static List<TrialResult> demo() {
        List<TrialResult> ts = new ArrayList<>(variant("baseline", DEMO_BASE, null));
        ts.addAll(variant("weight-decay", DEMO_WD, null));
        return ts;
    }

    @Test
    void matchingSeedsArePairedAndTheDemoIsEquivalentWithinTheDefaultMargin() {
        ModelStats m = ModelStats.of("mnist-cnn", demo());
        VariantStats wd = m.variants().get(1);
        Difference d = wd.vsBaseline();
        assertEquals(Difference.Test.PAIRED, d.test());
        assertEquals(3, d.n());
        // SciPy: t.interval(0.95, 2, loc=mean(d), scale=sd(d)/√3) on the differences in pp; ttest_rel p.
        assertEquals(-0.18114676537593014, 100 * d.ciLow(), 1e-9);
        assertEquals(0.16781343204259944, 100 * d.ciHigh(), 1e-9);
        assertEquals(0.8845299461620979, d.pValue(), 1e-9);
        assertEquals(Equivalence.DEFAULT_ACCURACY_MARGIN, m.margin().value());
        assertEquals(Equivalence.Verdict.EQUIVALENT, wd.assessment().verdict());
        assertEquals("test accuracy equivalent within ±0.3 pp (between −0.18 and +0.17 pp, paired, 3 seeds, "
                + "p = 0.885)", wd.verdict());

        // A seed only the baseline has is left out of the pairs and said so.
        List<TrialResult> extra = new ArrayList<>(demo());
        extra.add(Trials.classifier("mnist-cnn", "baseline", 4, 0.9900, 18.0));
        VariantStats wd4 = ModelStats.of("mnist-cnn", extra).variants().get(1);
        assertEquals(Difference.Test.PAIRED, wd4.vsBaseline().test());
        assertEquals(1, wd4.vsBaseline().unmatched());
        assertTrue(wd4.verdict().contains("(between −0.18 and +0.17 pp, paired, 3 seeds, 1 unmatched left out, "),
                wd4.verdict());
    }

    @Test
    void holmOverFourComparisonsMakesP0023NotSignificant() {
        double[] base = {0.9700, 0.9720, 0.9680};
        Map<String, double[]> diffs = new java.util.LinkedHashMap<>();
        diffs.put("dropout", new double[] {0.0044, 0.0060, 0.0076});
        diffs.put("l2", new double[] {0.0004, -0.0006, 0.0002});
        diffs.put("l1", new double[] {-0.0010, 0.0006, 0.0000});
        diffs.put("noise", new double[] {0.0020, -0.0010, 0.0004});
        List<TrialResult> ts = new ArrayList<>(variant("baseline", base, null));
        diffs.forEach((v, d) -> {
            double[] acc = new double[3];
            for (int i = 0; i < 3; i++) {
                acc[i] = base[i] + d[i];
            }
            ts.addAll(variant(v, acc, null));
        });
        ModelStats m = ModelStats.of("mnist-cnn", ts);
        assertEquals(4, m.familySize());
        VariantStats dropout = m.variants().get(1);
        assertEquals("dropout", dropout.variant());
        Equivalence.Assessment a = dropout.assessment();
        // SciPy ttest_rel: p = 0.022892876407119657; Holm: 4 × p (the smallest of the family) = 0.0915715...
        assertEquals(0.022892876407119657, dropout.vsBaseline().pValue(), 1e-9);
        assertEquals(0.09157150562847863, a.adjustedP(), 1e-9);
        assertTrue(dropout.vsBaseline().excludesZero(), "significant before correction");
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, a.verdict());
        // (train accuracy is the same for all, so the train–test gap mirrors the accuracy and is named first)
        assertTrue(dropout.verdict().startsWith("train–test gap −0.60 pp [−1.00, −0.20]; test accuracy inconclusive: "
                + "+0.60 pp, between +0.20 and +1.00 pp, "
                + "excludes 0 but is not significant after Holm correction over 4 comparisons (paired, 3 seeds, "
                + "p = 0.023, Holm p = 0.092 over 4)"), dropout.verdict());
        // The others: l2 [−0.13, +0.13] pp and l1 [−0.21, +0.19] pp lie inside ±0.3 pp; noise [−0.33, +0.42] does not.
        assertEquals(Equivalence.Verdict.EQUIVALENT, m.variants().get(2).assessment().verdict());
        assertEquals(Equivalence.Verdict.EQUIVALENT, m.variants().get(3).assessment().verdict());
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, m.variants().get(4).assessment().verdict());
        assertTrue(m.variants().get(4).verdict().contains("which rules out neither 0 nor ±0.3 pp"),
                m.variants().get(4).verdict());
        List<String> row = ReportContent.rows(m).get(1);
        assertEquals(List.of("paired, 3 seeds", "0.023", "0.092"), row.subList(row.size() - 4, row.size() - 1),
                "test, raw and Holm-adjusted p in the table");

        // Alone (a family of one) the same comparison is different.
        List<TrialResult> alone = new ArrayList<>(ts.subList(0, 6));
        VariantStats single = ModelStats.of("mnist-cnn", alone).variants().get(1);
        assertEquals(Equivalence.Verdict.DIFFERENT, single.assessment().verdict());
        assertTrue(single.verdict().contains("; improved test accuracy by 0.600 pp (between +0.20 and +1.00 pp, "
                + "paired, 3 seeds, p = 0.023)"), single.verdict());
    }

    @Test
    void theWeightNormEffectLeadsTheVerdictLine() {
        List<TrialResult> ts = new ArrayList<>(variant("baseline", DEMO_BASE, new double[] {21.0, 21.2, 21.1}));
        ts.addAll(variant("l2", DEMO_WD, new double[] {12.3, 12.5, 12.4}));
        VariantStats l2 = ModelStats.of("mnist-cnn", ts).variants().get(1);
        // SciPy on the log ratios: mean → −41.23 %, t.interval(0.95, 2) → [−41.72, −40.75] %.
        VariantStats.SecondaryEffect w = l2.effects().stream().filter(e -> e.effect().metric().equals("|W|"))
                .findFirst().orElseThrow();
        assertTrue(w.relative() && w.measurable());
        assertEquals(-41.23306153351515, w.effect().relative().percent(), 1e-9);
        assertEquals(-41.7165125522338, w.effect().relative().low(), 1e-9);
        assertEquals(-40.745600375771964, w.effect().relative().high(), 1e-9);
        assertEquals("|W| −41.2% [−41.7, −40.7]; test accuracy equivalent within ±0.3 pp (between −0.18 and +0.17 pp, "
                + "paired, 3 seeds, p = 0.885)", l2.verdict());
        // Effects that are not measurable (test loss is the same on every seed; the gap's interval contains 0) are in
        // the effects table but not in the verdict.
        assertEquals(List.of("test loss", "train–test gap", "|W|", "near-zero weights"),
                l2.effects().stream().map(e -> e.effect().metric()).toList());
        assertEquals(List.of("|W|"), l2.measurableEffects().stream().map(e -> e.effect().metric()).toList());
        List<List<String>> table = ReportContent.effectRows(ModelStats.of("mnist-cnn", ts));
        assertEquals(List.of("variant", "test loss", "train–test gap", "|W|", "near-zero weights"), table.get(0));
        assertEquals("−41.2% [−41.7, −40.7] *", table.get(1).get(3));
    }

    @Test
    void perVariantIntervalsStayInsideTheRangeAndTwoSeedsGetNone() throws Exception {
        List<TrialResult> ts = new ArrayList<>(variant("baseline", new double[] {0.30, 0.90}, null));
        ts.addAll(variant("dropout", new double[] {0.999, 0.990}, null));
        ModelStats m = ModelStats.of("mnist-cnn", ts);
        for (VariantStats v : m.variants()) {
            assertFalse(v.testAccuracy().hasInterval(), v.variant() + ": no interval with 2 seeds");
            assertTrue(Double.isNaN(v.testAccuracy().ciLow()) && Double.isNaN(v.testAccuracy().ciHigh()));
            assertEquals("needs 3 seeds", ReportContent.rows(m).get(m.variants().indexOf(v)).get(4));
        }
        ResultsFile.write(dir.resolve(io.regzoo.experiment.ResultsStore.FILE_NAME), ts);
        RenderedReport r = Report.render(dir);
        JsonNode acc = ResultsFile.mapper().readTree(r.summaryJson().toFile()).get("models").get(0).get("variants")
                .get(0).get("testAccuracy");
        assertTrue(acc.get("ciLow").isNull() && acc.get("ciHigh").isNull(), acc.toString());
        assertTrue(Files.readString(r.markdown()).contains("| needs 3 seeds |"));

        // Three seeds next to 100 %: the interval bends (logit scale) instead of crossing 100 %.
        List<TrialResult> near = variant("baseline", new double[] {0.999, 0.990, 0.9995}, null);
        SampleStats s = ModelStats.of("mnist-cnn", near).variants().get(0).testAccuracy();
        assertTrue(s.hasInterval());
        assertTrue(s.ciLow() >= 0 && s.ciHigh() <= 1 && s.ciLow() < s.mean() && s.mean() < s.ciHigh(), s.toString());
        assertTrue(s.mean() + 4.302653 * s.std() / Math.sqrt(3) > 1, "the plain t interval would cross 100 %");
    }

    @Test
    void theMarginComesFromSpecJsonOrTheCommandLineAndTheReportSaysWhich() throws Exception {
        List<TrialResult> ts = new ArrayList<>(variant("aaa", DEMO_WD, null));
        ts.addAll(variant("weight-decay", DEMO_WD, null));
        ts.addAll(variant("baseline", DEMO_BASE, null));
        ResultsFile.write(dir.resolve(io.regzoo.experiment.ResultsStore.FILE_NAME), ts);

        // No spec: default margin, baseline first although it finished last, then the order of the results.
        RenderedReport plain = Report.render(dir);
        assertEquals(List.of("baseline", "aaa", "weight-decay"), names(plain.stats().get(0)));
        assertTrue(Files.readString(plain.markdown()).contains("- Margin: ±0.3 pp (regzoo's default for accuracy"));

        Files.writeString(dir.resolve(Report.SPEC), "{\"name\":\"x\",\"models\":[\"mnist-cnn\"],\"variants\":"
                + "{\"baseline\":{},\"weight-decay\":{},\"aaa\":{}},\"margin\":{\"accuracy\":0.001}}");
        RenderedReport spec = Report.render(dir);
        ModelStats m = spec.stats().get(0);
        assertEquals(List.of("baseline", "weight-decay", "aaa"), names(m), "the spec's order");
        assertEquals(0.001, m.margin().value());
        VariantStats wd = m.variants().get(1);
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, wd.assessment().verdict(), "[−0.18, +0.17] is not inside ±0.1");
        assertTrue(wd.verdict().contains("which rules out neither 0 nor ±0.1 pp"), wd.verdict());
        String md = Files.readString(spec.markdown());
        assertTrue(md.contains("- Margin: ±0.1 pp (the experiment's spec: `margin` in spec.json"), md);
        assertTrue(md.indexOf("| baseline |") < md.indexOf("| weight-decay |")
                && md.indexOf("| weight-decay |") < md.indexOf("| aaa |"), "rows in spec order");

        RenderedReport cli = Report.render(dir, Margins.parseOption("0.5pp"));
        assertEquals(Equivalence.Verdict.EQUIVALENT, cli.stats().get(0).variants().get(1).assessment().verdict());
        String md2 = Files.readString(cli.markdown());
        assertTrue(md2.contains("- Margin: ±0.5 pp (`--margin`)"), md2);
        JsonNode margins = ResultsFile.mapper().readTree(cli.summaryJson().toFile()).get("margins");
        assertEquals(0.005, margins.get("accuracy").get("value").asDouble(), 1e-15);
        assertEquals("`--margin`", margins.get("accuracy").get("source").asText());
        String html = Files.readString(cli.html());
        assertTrue(html.contains("Holm") && html.contains("docs/STATISTICS.md"), "the method is stated in the page");
    }

    @Test
    void marginOptionForms() {
        assertEquals(Map.of("primary", 0.002), Margins.parseOption("0.002"));
        assertEquals(Map.of("accuracy", 0.003), Margins.parseOption("0.3pp"));
        assertEquals(Map.of("accuracy", 0.003, "loss", 0.01), Margins.parseOption("accuracy=0.3pp, loss=0.01"));
        assertThrows(IllegalArgumentException.class, () -> Margins.parseOption("loss=0.3pp"));
        assertThrows(IllegalArgumentException.class, () -> Margins.parseOption("-1"));
        assertThrows(IllegalArgumentException.class, () -> Margins.parseOption("size=1"));
        assertThrows(IllegalArgumentException.class, () -> Margins.parseOption("abc"));
        Margins m = Margins.defaults().with(Map.of("primary", 0.5), "x").with(Map.of("loss", 2.0), "y");
        assertEquals(0.5, m.forModel(true).value());
        assertEquals(2.0, m.forModel(false).value());
        assertEquals("y", m.forModel(false).source());
        Margins pp = Margins.defaults().with(Map.of("primary", 3.0), "spec");
        assertFalse(pp.forModel(true).isSet(), "an accuracy margin of 300 pp is not a fraction: ignored");
        assertTrue(pp.forModel(true).source().contains("not a fraction"));
    }

    @Test
    void regressorsHaveNoDefaultMarginButTakeOne() {
        List<TrialResult> ts = List.of(Fixtures.regressor("lin", "baseline", 1, 0.010, 0.020),
                Fixtures.regressor("lin", "baseline", 2, 0.011, 0.022), Fixtures.regressor("lin", "baseline", 3, 0.012, 0.021),
                Fixtures.regressor("lin", "l1", 1, 0.010, 0.0201), Fixtures.regressor("lin", "l1", 2, 0.011, 0.0219),
                Fixtures.regressor("lin", "l1", 3, 0.012, 0.0211));
        VariantStats none = ModelStats.of("lin", ts).variants().get(1);
        assertEquals(Equivalence.Verdict.INCONCLUSIVE, none.assessment().verdict());
        assertTrue(none.verdict().startsWith("no difference in test loss detectable: between "), none.verdict());
        assertTrue(none.verdict().endsWith("; no margin, so equivalence is not assessed)"), none.verdict());
        Analysis a = Analysis.defaults().withMargins(Margins.defaults().with(Map.of("loss", 0.005), "test"));
        VariantStats with = ModelStats.of("lin", ts, a).variants().get(1);
        assertEquals(Equivalence.Verdict.EQUIVALENT, with.assessment().verdict());
        assertTrue(with.verdict().startsWith("test loss equivalent within ±0.005 (between "), with.verdict());
    }

    @Test
    void calibrationIsAnOptionalSecondaryMetric() {
        List<TrialResult> ts = demo();
        assertTrue(ModelStats.of("mnist-cnn", ts).variants().get(1).effects().stream()
                .noneMatch(e -> e.effect().metric().equals("ECE")), "not recorded: left out");
        assertFalse(ReportContent.columns(ModelStats.of("mnist-cnn", ts)).contains("ECE %"));
        Map<String, Double> ece = new HashMap<>();
        double[] b = {0.031, 0.029, 0.030};
        double[] w = {0.021, 0.020, 0.022};
        for (int s = 0; s < 3; s++) {
            ece.put(TrialResult.idOf("mnist-cnn", "baseline", s + 1), b[s]);
            ece.put(TrialResult.idOf("mnist-cnn", "weight-decay", s + 1), w[s]);
        }
        List<ModelStats.Secondary> metrics = new ArrayList<>(ModelStats.CLASSIFIER_SECONDARY);
        metrics.removeIf(x -> x.name().equals("ECE"));
        metrics.add(new ModelStats.Secondary("ECE", t -> ece.getOrDefault(t.trialId(), Double.NaN), 100, "pp", false));
        VariantStats wd = ModelStats.of("mnist-cnn", ts, Analysis.defaults(), metrics).variants().get(1);
        VariantStats.SecondaryEffect e = wd.effects().stream().filter(x -> x.effect().metric().equals("ECE"))
                .findFirst().orElseThrow();
        assertTrue(e.measurable());
        assertEquals(-0.9, e.effect().absolute().estimate(), 1e-9);
        assertTrue(wd.verdict().startsWith("ECE −0.90 pp ["), wd.verdict());
        assertNull(ModelStats.of("mnist-cnn", ts).variants().get(0).assessment(), "the baseline has no verdict");
    }

    @Test
    void anEndNextToTheMarginDoesNotRoundOntoIt() {
        // A real 3-seed demo run (2 epochs, 3,000 digits): paired interval [−0.1984, +0.2984] pp, inside ±0.3 pp.
        Difference d = new Difference(Difference.Test.PAIRED, Difference.Status.COMPUTED, 3, 3, 0, 0.05, 0.0577, 2,
                -0.19841377117208564, 0.2984137711720746, 0.478, 0.95);
        assertEquals("between −0.198 and +0.298 pp", Verdicts.between(d, 0.3, "pp"));
        assertEquals("between −0.20 and +0.30 pp", Verdicts.between(d, Double.NaN, "pp"));
        assertEquals("between −0.20 and +0.30 pp", Verdicts.between(d, 0.5, "pp"));
    }

    private static List<String> names(ModelStats m) {
        return m.variants().stream().map(VariantStats::variant).toList();
    }
}
