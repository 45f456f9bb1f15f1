package io.regzoo.report;

import io.regzoo.stats.Difference;
import io.regzoo.stats.Equivalence;
import io.regzoo.stats.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict line of a variant in plain words: first what the regularizer measurably did to the secondary
 * metrics (effects whose interval excludes 0), then the verdict on the primary metric with its interval, the test
 * used and the (Holm-adjusted) p-value, e.g. "|W| −41% [−43, −39]; test accuracy equivalent within ±0.3 pp (between
 * −0.18 and +0.17 pp, paired, 3 seeds, p = 0.91)".
 */
final class Verdicts {
    private Verdicts() {}

    static String of(boolean isBaseline, boolean classifier, int ok, int diverged, int failed,
            Equivalence.Assessment a, List<VariantStats.SecondaryEffect> effects, int baseOk, String baselineName) {
        return of(isBaseline, classifier, ok, diverged, failed, a, effects, baseOk, baselineName, null);
    }

    /**
     * The verdict, with the primary metric's clause replaced by the sequential procedure's when it has one.
     *
     * @param sequentialClause {@link #sequential}'s clause, or null for the fixed-seed analysis
     */
    static String of(boolean isBaseline, boolean classifier, int ok, int diverged, int failed,
            Equivalence.Assessment a, List<VariantStats.SecondaryEffect> effects, int baseOk, String baselineName,
            String sequentialClause) {
        String lost = lostNote(diverged, failed);
        if (ok == 0) {
            return "no successful trials" + (lost.isEmpty() ? "" : ": " + lost.substring(2).replace(" (excluded)", ""));
        }
        if (isBaseline) {
            return "baseline" + lost;
        }
        if (baseOk == 0) {
            return "cannot compare: baseline '" + baselineName + "' has no successful trials" + lost;
        }
        List<String> measured = new ArrayList<>();
        for (VariantStats.SecondaryEffect e : effects) {
            if (e.measurable()) {
                measured.add(e.text());
            }
        }
        String head = measured.isEmpty() ? "" : String.join(", ", measured) + "; ";
        return head + (sequentialClause != null ? sequentialClause : primary(classifier, a)) + lost;
    }

    /**
     * The clause about the primary metric for a {@code --seeds auto} run: the decision of the anytime-valid
     * procedure, its confidence sequence in words and its Holm-adjusted anytime p-value.
     *
     * @param classifier whether the metric is accuracy (shown in pp) or loss
     * @param c the comparison from {@code sequential.json}
     * @param alpha the family-wise level
     * @return e.g. "test loss different after 4 seeds: +0.0234 (95% confidence sequence between +0.0062 and
     *     +0.0406, anytime-valid, Holm p = 0.020)"
     */
    static String sequential(boolean classifier, io.regzoo.experiment.SequentialOutcome.Comparison c, double alpha) {
        String metric = classifier ? "test accuracy" : "test loss";
        double scale = classifier ? 100 : 1;
        String unit = classifier ? "pp" : "";
        String seeds = c.seeds() + (c.seeds() == 1 ? " seed" : " seeds");
        String decision;
        switch (c.decision()) {
            case DIFFERENT:
                decision = changed(classifier, c.estimate()) + " " + metric + " (decided after " + seeds + ")";
                break;
            case EQUIVALENT:
                decision = metric + " equivalent within the margin (decided after " + seeds + ")";
                break;
            case INCONCLUSIVE:
                decision = metric + " inconclusive at the budget of " + seeds;
                break;
            default:
                decision = metric + " undecided after " + seeds + " (the run stopped early; run it again to continue)";
        }
        String interval = Double.isInfinite(c.low()) || Double.isInfinite(c.high())
                ? "the confidence sequence is still unbounded"
                : "95% confidence sequence " + Wording.between(c.low() * scale, c.high() * scale, unit);
        return decision + ": " + Wording.signed(c.estimate() * scale, 3) + (classifier ? " pp" : "") + " ("
                + interval + ", anytime-valid, sequential, Holm p " + p(c.adjustedP()) + ")";
    }

    /** The clause about the primary metric. */
    static String primary(boolean classifier, Equivalence.Assessment a) {
        String metric = classifier ? "test accuracy" : "test loss";
        double scale = classifier ? 100 : 1;
        String unit = classifier ? "pp" : "";
        String u = classifier ? " pp" : "";
        Difference d = a.difference().status() == Difference.Status.COMPUTED ? a.difference().scaled(scale)
                : a.difference();
        double est = a.difference().estimate() * scale;
        String how = how(d);
        switch (a.verdict()) {
            case NOT_TESTED:
                if (d.status() == Difference.Status.NO_VARIANCE) {
                    return (est == 0 ? "identical " + metric + " on every seed"
                            : changed(classifier, est) + " " + metric + " by " + num(Math.abs(est)) + u
                                    + " on every seed (no seed-to-seed spread, so no interval; " + how + ")");
                }
                return "cannot test with " + seeds(d) + " (needs 2 seeds on both sides, paired, or at least 2 on "
                        + "each side); " + metric + " differs by " + num(est) + u;
            case DIFFERENT:
                return changed(classifier, est) + " " + metric + " by " + num(Math.abs(est)) + u + " ("
                        + Wording.between(d.ciLow(), d.ciHigh(), unit) + ", " + how + ", " + pWords(a) + ")";
            case EQUIVALENT:
                return metric + " equivalent within " + Wording.margin(a.margin() * scale, unit) + " ("
                        + between(d, a.margin() * scale, unit) + ", " + how + ", " + pWords(a) + ")";
            default:
                String interval = between(d, a.margin() * scale, unit);
                if (a.significantOnlyBeforeCorrection()) {
                    return metric + " inconclusive: " + Wording.signed(d.estimate(),
                            Wording.decimalsFor(d.ciLow(), d.ciHigh(), 2)) + u + ", " + interval
                            + ", excludes 0 but is not significant after Holm correction over " + a.familySize()
                            + " comparisons (" + how + ", " + pWords(a) + ")";
                }
                if (Double.isNaN(a.margin())) {
                    return "no difference in " + metric + " detectable: " + interval + " (" + how + ", " + pWords(a)
                            + "; no margin, so equivalence is not assessed)";
                }
                return metric + " inconclusive: " + interval + ", which rules out neither 0 nor "
                        + Wording.margin(a.margin() * scale, unit) + " (" + how + ", " + pWords(a) + ")";
        }
    }

    /**
     * {@link Wording#between} with enough decimals that an end next to the margin does not round onto it (an
     * interval inside ±0.3 pp printed as "between −0.20 and +0.30 pp" would look as if it touched the margin).
     */
    static String between(Difference d, double margin, String unit) {
        if (d.status() != Difference.Status.COMPUTED || !Double.isFinite(margin)) {
            return Wording.between(d.ciLow(), d.ciHigh(), unit);
        }
        int dec = Wording.decimalsFor(d.ciLow(), d.ciHigh(), 2);
        while (dec < 8 && (roundsOnto(d.ciLow(), margin, dec) || roundsOnto(d.ciHigh(), margin, dec))) {
            dec++;
        }
        return "between " + Wording.signed(d.ciLow(), dec) + " and " + Wording.signed(d.ciHigh(), dec)
                + (unit.isEmpty() ? "" : unit.equals("%") ? unit : " " + unit);
    }

    private static boolean roundsOnto(double end, double margin, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.abs(end) != margin && Math.round(Math.abs(end) * f) == Math.round(margin * f);
    }

    /** "paired, 3 seeds", "paired, 3 seeds, 1 unmatched left out", "Welch, 3 vs 2 seeds". */
    static String how(Difference d) {
        if (d.test() == Difference.Test.PAIRED) {
            return "paired, " + seeds(d) + (d.unmatched() > 0 ? ", " + d.unmatched() + " unmatched left out" : "");
        }
        return "Welch, " + seeds(d);
    }

    private static String seeds(Difference d) {
        if (d.test() == Difference.Test.PAIRED || d.nVariant() == d.nBaseline()) {
            return d.n() + (d.n() == 1 ? " seed" : " seeds");
        }
        return d.nVariant() + " vs " + d.nBaseline() + " seeds";
    }

    /** "p = 0.91" for a family of one, else "p = 0.023, Holm p = 0.092 over 4". */
    static String pWords(Equivalence.Assessment a) {
        String raw = Wording.p(a.difference().pValue());
        if (a.familySize() <= 1) {
            return raw;
        }
        return raw + ", Holm " + Wording.p(a.adjustedP()) + " over " + a.familySize();
    }

    private static String changed(boolean classifier, double estimate) {
        if (classifier) {
            return estimate > 0 ? "improved" : "lowered";
        }
        return estimate < 0 ? "improved (lowered)" : "worsened (raised)";
    }

    private static String lostNote(int diverged, int failed) {
        List<String> parts = new ArrayList<>();
        if (diverged > 0) {
            parts.add(diverged + " diverged");
        }
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        return parts.isEmpty() ? "" : "; " + String.join(", ", parts) + " (excluded)";
    }

    /** A number with three significant digits, Unicode minus. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        String s;
        double a = Math.abs(v);
        if (a == 0) {
            s = "0";
        } else if (a >= 1e4 || a < 1e-3) {
            s = String.format(Locale.ROOT, "%.2e", v);
        } else {
            int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
            s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        return s.replace('-', '\u2212');
    }

    /** "= 0.012" or "< 0.001". */
    static String p(double p) {
        if (!Double.isFinite(p)) {
            return "= n/a";
        }
        return p < 0.001 ? "< 0.001" : "= " + String.format(Locale.ROOT, "%.3f", p);
    }
}
