package io.regzoo.cli;

import io.regzoo.report.ModelStats;
import io.regzoo.report.SampleStats;
import io.regzoo.report.VariantStats;
import io.regzoo.stats.Wording;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side console table of a comparison: one row per model × variant (baseline first), with the per-variant
 * 95% interval of the primary metric, the Holm-adjusted p-value and the verdict; under each model's header, how its
 * variants were compared (test, Holm family, margin).
 */
final class SummaryTable {

    private SummaryTable() {}

    /**
     * Prints the table.
     *
     * @param stats per-model statistics from the report
     * @param out where to print
     */
    static void print(List<ModelStats> stats, PrintWriter out) {
        for (ModelStats m : stats) {
            boolean cls = m.classifier();
            out.println();
            out.printf(Locale.ROOT, "%s — %s over seeds (mean ± std), vs %s%n", m.label(),
                    cls ? "test accuracy" : "test loss", m.baselineVariant());
            out.printf(Locale.ROOT, "  paired t-test by seed (Welch if seeds do not match); Holm over %d comparison%s; "
                    + "margin %s%n", m.familySize(), m.familySize() == 1 ? "" : "s", marginText(m));
            out.printf(Locale.ROOT, "  %-16s %5s  %-19s %-17s %-21s %-9s %7s %7s  %s%n", "variant", "seeds",
                    cls ? "test accuracy" : "test loss", "95% CI", cls ? "train-test gap" : "test-train gap", "|W|",
                    "time", "Holm p", "verdict");
            for (VariantStats v : m.variants()) {
                SampleStats metric = cls ? v.testAccuracy() : v.testLoss();
                double scale = cls ? 100 : 1;
                String unit = cls ? "%" : "";
                out.printf(Locale.ROOT, "  %-16s %2d/%-2d  %-19s %-17s %-21s %-9s %7s %7s  %s%n", v.variant(), v.ok(),
                        v.trials(), meanStd(metric, scale, unit), ci(metric, scale), meanStd(v.generalizationGap(), scale,
                                cls ? " pp" : ""), fmt(v.weightNorm().mean()), CompareCommand.seconds(v.seconds().mean()),
                        holm(v), v.baseline() ? "(baseline)" : v.verdict());
            }
        }
    }

    /** The margin of a model in words, with its source. */
    private static String marginText(ModelStats m) {
        if (m.margin().isSet()) {
            return Wording.margin(m.margin().value() * (m.classifier() ? 100 : 1), m.classifier() ? "pp" : "")
                    + " (" + m.margin().source().replace("`", "") + ")";
        }
        return m.margin().source().replace("`", "");
    }

    private static String holm(VariantStats v) {
        if (v.assessment() == null || !Double.isFinite(v.assessment().adjustedP())) {
            return "";
        }
        double p = v.assessment().adjustedP();
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String ci(SampleStats s, double scale) {
        if (s.n() == 0) {
            return "—";
        }
        if (!s.hasInterval()) {
            return "needs 3 seeds";
        }
        String f = scale == 100 ? "%.2f" : "%.4g";
        return "[" + String.format(Locale.ROOT, f, s.ciLow() * scale) + ", "
                + String.format(Locale.ROOT, f, s.ciHigh() * scale) + "]";
    }

    private static String meanStd(SampleStats s, double scale, String unit) {
        if (s.n() == 0 || Double.isNaN(s.mean())) {
            return "—";
        }
        String f = scale == 100 ? "%.2f" : "%.4g";
        String m = String.format(Locale.ROOT, f, s.mean() * scale);
        return s.n() < 2 || Double.isNaN(s.std()) ? m + unit : m + " ± " + String.format(Locale.ROOT, f, s.std() * scale) + unit;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3g", v);
    }
}
