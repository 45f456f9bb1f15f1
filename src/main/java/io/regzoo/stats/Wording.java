package io.regzoo.stats;

import java.util.Locale;

/**
 * Intervals and verdicts in words, with the typographic minus sign (U+2212) and as many decimals as the
 * interval needs (two significant digits of its width and of its larger end): "between −0.17 and +0.15 pp".
 */
public final class Wording {

    private static final char MINUS = '\u2212';

    private Wording() {}

    /**
     * The decimals that show a width with the given number of significant digits.
     *
     * @param width a positive width (e.g. of an interval); non-positive or non-finite widths give 2
     * @param significant significant digits, at least 1
     * @return the number of decimals, 0 to 10
     */
    public static int decimalsFor(double width, int significant) {
        if (!(width > 0) || Double.isInfinite(width)) {
            return 2;
        }
        int d = significant - 1 - (int) Math.floor(Math.log10(width));
        return Math.max(0, Math.min(10, d));
    }

    /**
     * The decimals for the two ends of an interval: enough for the given significant digits of both its width and
     * its larger end (so [−0.64, +0.62] keeps two decimals although its width 1.3 would need one).
     *
     * @param low lower end
     * @param high upper end
     * @param significant significant digits, at least 1
     * @return the number of decimals, 0 to 10
     */
    public static int decimalsFor(double low, double high, int significant) {
        return Math.max(decimalsFor(high - low, significant),
                decimalsFor(Math.max(Math.abs(low), Math.abs(high)), significant));
    }

    /**
     * A number with an explicit sign ("+0.15", "−0.17", "0" for zero) and the given decimals.
     *
     * @param v the number
     * @param decimals decimals, at least 0
     * @return the text; "n/a" for NaN, "−∞"/"+∞" for infinities
     */
    public static String signed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+\u221e" : MINUS + "\u221e";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v));
        if (s.matches("[0.]+")) {
            return s;
        }
        return (v > 0 ? "+" : String.valueOf(MINUS)) + s;
    }

    /**
     * An interval in words: "between −0.17 and +0.15 pp".
     *
     * @param low lower end
     * @param high upper end
     * @param unit unit appended to the upper end ("pp", "%", or "" for none); "%" is written without a space
     * @return the words; "any value (too few seeds for a bound)" for an unbounded interval, "not computed" for NaN
     */
    public static String between(double low, double high, String unit) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return "not computed";
        }
        if (Double.isInfinite(low) || Double.isInfinite(high)) {
            return "any value (too few seeds for a bound)";
        }
        int d = decimalsFor(low, high, 2);
        return "between " + signed(low, d) + " and " + signed(high, d) + withUnit(unit);
    }

    /**
     * A margin: "±0.3 pp", with no trailing zeros.
     *
     * @param margin the margin, positive
     * @param unit the unit, or ""
     * @return the words
     */
    public static String margin(double margin, String unit) {
        String s = String.format(Locale.ROOT, "%.6f", margin).replaceAll("0+$", "").replaceAll("\\.$", "");
        return "\u00b1" + s + withUnit(unit);
    }

    /**
     * A p-value: "p = 0.012" or "p &lt; 0.001".
     *
     * @param p the p-value
     * @return the words; "p = n/a" for NaN
     */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return "p = n/a";
        }
        return p < 0.001 ? "p < 0.001" : "p = " + String.format(Locale.ROOT, "%.3f", p);
    }

    /**
     * A verdict sentence, e.g. "test accuracy equivalent within ±0.3 pp: the difference is between −0.17 and
     * +0.15 pp (paired t-test, 3 seeds)". The assessment's numbers must already be in the unit given (scale a
     * {@link Difference} first, e.g. by 100 for percentage points, and give the margin in that unit too).
     *
     * @param a the assessment
     * @param metric the metric's name, e.g. "test accuracy"
     * @param unit its unit, or ""
     * @return the sentence
     */
    public static String verdict(Equivalence.Assessment a, String metric, String unit) {
        Difference d = a.difference();
        String seeds = d.test() == Difference.Test.PAIRED ? d.n() + (d.n() == 1 ? " seed" : " seeds")
                : d.nVariant() + " vs " + d.nBaseline() + " seeds";
        String how = d.test().label() + ", " + seeds;
        switch (a.verdict()) {
            case NOT_TESTED:
                if (d.status() == Difference.Status.NO_VARIANCE) {
                    return metric + ": the same difference, " + signed(d.estimate(), 3) + withUnit(unit)
                            + ", on every seed (" + seeds + "); no interval";
                }
                return metric + ": not enough seeds for an interval (" + seeds + "; a test needs at least 2 on "
                        + "each side)";
            case DIFFERENT:
                return metric + " " + signed(d.estimate(), decimalsFor(d.ciLow(), d.ciHigh(), 2)) + withUnit(unit)
                        + ", " + between(d.ciLow(), d.ciHigh(), unit) + " (" + how + "; " + pWords(a) + ")";
            case EQUIVALENT:
                return metric + " equivalent within " + margin(a.margin(), unit) + ": the difference is "
                        + between(d.ciLow(), d.ciHigh(), unit) + " (" + how + ")";
            default:
                String base = ": the difference is " + between(d.ciLow(), d.ciHigh(), unit) + " (" + how + ")";
                if (a.significantOnlyBeforeCorrection()) {
                    return metric + " inconclusive" + base + ", which excludes 0 but is not significant after Holm "
                            + "correction over " + a.familySize() + " comparisons (adjusted " + p(a.adjustedP())
                            + ")";
                }
                if (Double.isNaN(a.margin())) {
                    return "no difference in " + metric + " detectable" + base;
                }
                return metric + " inconclusive" + base + ", which rules out neither 0 nor "
                        + margin(a.margin(), unit);
        }
    }

    /**
     * A sequential state in words, e.g. "test accuracy equivalent within ±0.3 pp after 5 seeds: the difference
     * is between −0.12 and +0.10 pp (anytime-valid 95% confidence sequence)".
     *
     * @param look the state, in the unit given
     * @param metric the metric's name
     * @param unit its unit, or ""
     * @param margin the margin in that unit, or {@code NaN}
     * @param alpha the design's α
     * @return the sentence
     */
    public static String look(SequentialDesign.Look look, String metric, String unit, double margin, double alpha) {
        String seeds = look.n() + (look.n() == 1 ? " seed" : " seeds");
        String cs = "the difference is " + between(look.low(), look.high(), unit) + " (anytime-valid "
                + String.format(Locale.ROOT, "%.0f", 100 * (1 - alpha)) + "% confidence sequence, adjusted "
                + p(look.adjustedP()) + ")";
        switch (look.decision()) {
            case DIFFERENT:
                return metric + " different after " + seeds + ": " + cs;
            case EQUIVALENT:
                return metric + " equivalent within " + margin(margin, unit) + " after " + seeds + ": " + cs;
            case INCONCLUSIVE:
                return metric + " inconclusive after the budget of " + seeds + ": " + cs;
            default:
                return metric + " undecided after " + seeds + " (more seeds to come): " + cs;
        }
    }

    private static String pWords(Equivalence.Assessment a) {
        if (a.familySize() <= 1) {
            return p(a.difference().pValue());
        }
        return p(a.difference().pValue()) + "; Holm-adjusted " + p(a.adjustedP()) + " over " + a.familySize()
                + " comparisons";
    }

    private static String withUnit(String unit) {
        if (unit == null || unit.isEmpty()) {
            return "";
        }
        return unit.equals("%") ? unit : " " + unit;
    }
}
