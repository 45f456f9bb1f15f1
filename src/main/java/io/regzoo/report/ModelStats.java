package io.regzoo.report;

import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The per-variant statistics of one model, and the comparison of every variant with the baseline:
 * the variant called {@code baseline} (any case), or else the first variant in the results. For
 * classifiers the compared metric is test accuracy (higher is better); for regressors (no finite
 * accuracy in any successful trial) it is test loss (lower is better).
 *
 * @param model zoo network name
 * @param classifier whether the model reports accuracies
 * @param baselineVariant name of the variant the others are compared with
 * @param variants the variants, in the order they first appear in the results
 */
public record ModelStats(String model, boolean classifier, String baselineVariant, List<VariantStats> variants) {

    /** The name that marks the baseline variant. */
    public static final String BASELINE = "baseline";

    /**
     * Copies the list of variants.
     *
     * @param model zoo network name
     * @param classifier whether the model reports accuracies
     * @param baselineVariant the baseline's name
     * @param variants the variants
     */
    public ModelStats {
        variants = List.copyOf(variants);
    }

    /**
     * Aggregates trials of any number of models, one {@code ModelStats} per model in the order the
     * models first appear.
     *
     * @param trials the trials
     * @return one entry per model
     */
    public static List<ModelStats> ofAll(List<TrialResult> trials) {
        Map<String, List<TrialResult>> byModel = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            byModel.computeIfAbsent(t.model(), k -> new ArrayList<>()).add(t);
        }
        List<ModelStats> out = new ArrayList<>();
        byModel.forEach((m, ts) -> out.add(of(m, ts)));
        return out;
    }

    /**
     * Aggregates the trials of one model.
     *
     * @param model the model name
     * @param trials its trials (all statuses); trials of other models are ignored
     * @return the statistics
     * @throws IllegalArgumentException when there is no trial of the model
     */
    public static ModelStats of(String model, List<TrialResult> trials) {
        Map<String, List<TrialResult>> byVariant = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            if (t.model().equals(model)) {
                byVariant.computeIfAbsent(t.variant(), k -> new ArrayList<>()).add(t);
            }
        }
        if (byVariant.isEmpty()) {
            throw new IllegalArgumentException("no trial of model " + model);
        }
        boolean classifier = trials.stream().filter(t -> t.model().equals(model) && isOk(t))
                .anyMatch(t -> Double.isFinite(t.testAccuracy()));
        String baseline = byVariant.keySet().stream().filter(v -> v.equalsIgnoreCase(BASELINE)).findFirst()
                .orElse(byVariant.keySet().iterator().next());
        ToDoubleFunction<TrialResult> primary = classifier ? TrialResult::testAccuracy : TrialResult::testLoss;
        double[] base = okValues(byVariant.get(baseline), primary);
        int baseOk = (int) byVariant.get(baseline).stream().filter(ModelStats::isOk).count();
        List<VariantStats> stats = new ArrayList<>();
        for (Map.Entry<String, List<TrialResult>> e : byVariant.entrySet()) {
            stats.add(variant(model, e.getKey(), e.getValue(), e.getKey().equals(baseline), classifier, base,
                    baseOk, baseline));
        }
        return new ModelStats(model, classifier, baseline, stats);
    }

    /** @return "test accuracy" or "test loss" */
    public String primaryMetric() {
        return classifier ? "test accuracy" : "test loss";
    }

    /**
     * Whether a trial finished normally.
     *
     * @param t the trial
     * @return true when its status is {@code ok}
     */
    public static boolean isOk(TrialResult t) {
        return t.isOk();
    }

    private static VariantStats variant(String model, String name, List<TrialResult> ts, boolean isBaseline,
            boolean classifier, double[] base, int baseOk, String baselineName) {
        int ok = 0;
        int diverged = 0;
        int failed = 0;
        List<String> problems = new ArrayList<>();
        for (TrialResult t : ts) {
            if (isOk(t)) {
                ok++;
                continue;
            }
            if (t.status() == TrialStatus.DIVERGED) {
                diverged++;
            } else {
                failed++;
            }
            String msg = t.message() == null || t.message().isBlank() ? "" : ": " + t.message();
            problems.add("seed " + t.seed() + " " + t.status() + msg);
        }
        ToDoubleFunction<TrialResult> primary = classifier ? TrialResult::testAccuracy : TrialResult::testLoss;
        ToDoubleFunction<TrialResult> gap = classifier ? TrialResult::accuracyGap : TrialResult::lossGap;
        double[] mine = okValues(ts, primary);
        WelchDifference diff = isBaseline ? null : WelchDifference.of(mine, base);
        String verdict = Verdicts.of(isBaseline, classifier, ok, diverged, failed, diff, baseOk, baselineName);
        return new VariantStats(model, name, regularizationOf(ts), isBaseline, ts.size(), ok, diverged, failed,
                problems, stats(ts, TrialResult::testAccuracy), stats(ts, TrialResult::testLoss),
                stats(ts, TrialResult::trainAccuracy), stats(ts, TrialResult::trainLoss), stats(ts, gap),
                stats(ts, TrialResult::weightNorm), stats(ts, TrialResult::nearZeroFraction),
                stats(ts, TrialResult::seconds), stats(ts, t -> t.epochsRun()), diff, verdict);
    }

    private static SampleStats stats(List<TrialResult> ts, ToDoubleFunction<TrialResult> f) {
        return SampleStats.of(okValues(ts, f));
    }

    static double[] okValues(List<TrialResult> ts, ToDoubleFunction<TrialResult> f) {
        return ts.stream().filter(ModelStats::isOk).mapToDouble(f).filter(Double::isFinite).toArray();
    }

    /** The regularization in words, from the first trial that records it; {@code ?} when none does. */
    static String regularizationOf(List<TrialResult> ts) {
        for (TrialResult t : ts) {
            if (t.regularization() != null) {
                return t.regularization().describe();
            }
        }
        return "?";
    }

    /** Plain-words verdicts. */
    static final class Verdicts {
        private Verdicts() {}

        static String of(boolean isBaseline, boolean classifier, int ok, int diverged, int failed,
                WelchDifference d, int baseOk, String baselineName) {
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
            String metric = classifier ? "test accuracy" : "test loss";
            WelchDifference s = classifier ? d.scaled(100) : d;
            String unit = classifier ? " pp" : "";
            String seeds = d.nVariant() == d.nBaseline() ? d.nVariant() + (d.nVariant() == 1 ? " seed" : " seeds")
                    : d.nVariant() + " vs " + d.nBaseline() + " seeds";
            switch (d.status()) {
                case TOO_FEW_SEEDS:
                    return "cannot test with " + seeds + " (needs at least 2 successful seeds on each side); "
                            + metric + " differs by " + num(s.estimate()) + unit + lost;
                case NO_VARIANCE:
                    return (s.estimate() == 0 ? "identical " + metric + " on every seed"
                            : changed(classifier, s.estimate()) + " " + metric + " by " + num(Math.abs(s.estimate()))
                                    + unit + " on every seed (no seed-to-seed spread, so no interval)") + lost;
                default:
                    String ci = "95% CI [" + num(s.ciLow()) + ", " + num(s.ciHigh()) + "]" + unit;
                    if (!d.excludesZero()) {
                        return "no difference detectable with " + seeds + " (" + ci + ", p " + p(s.pValue()) + ")"
                                + lost;
                    }
                    return changed(classifier, s.estimate()) + " " + metric + " by " + num(Math.abs(s.estimate()))
                            + unit + " (" + ci + ", p " + p(s.pValue()) + ")" + lost;
            }
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
}
