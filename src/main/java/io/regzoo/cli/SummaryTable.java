package io.regzoo.cli;

import io.regzoo.report.ModelStats;
import io.regzoo.report.SampleStats;
import io.regzoo.report.VariantStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The side-by-side console table of a comparison: one row per model × variant, with its verdict. */
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
            out.printf(Locale.ROOT, "%s — %s over seeds (mean ± std), vs %s%n", m.model(),
                    cls ? "test accuracy" : "test loss", m.baselineVariant());
            out.printf(Locale.ROOT, "  %-16s %5s  %-19s %-21s %-9s %7s  %s%n", "variant", "seeds",
                    cls ? "test accuracy" : "test loss", cls ? "train-test gap" : "test-train gap", "|W|", "time", "verdict");
            for (VariantStats v : m.variants()) {
                SampleStats metric = cls ? v.testAccuracy() : v.testLoss();
                double scale = cls ? 100 : 1;
                String unit = cls ? "%" : "";
                out.printf(Locale.ROOT, "  %-16s %2d/%-2d  %-19s %-21s %-9s %7s  %s%n", v.variant(), v.ok(), v.trials(),
                        meanStd(metric, scale, unit), meanStd(v.generalizationGap(), scale, cls ? " pp" : ""),
                        fmt(v.weightNorm().mean()), CompareCommand.seconds(v.seconds().mean()), v.baseline() ? "(baseline)" : v.verdict());
            }
        }
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
