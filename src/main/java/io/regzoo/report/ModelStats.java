package io.regzoo.report;

import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialStatus;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import io.regzoo.stats.Comparisons;
import io.regzoo.stats.Difference;
import io.regzoo.stats.Effects;
import io.regzoo.stats.Equivalence;
import io.regzoo.stats.Range;
import io.regzoo.stats.Wording;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The per-variant statistics of one model, and the comparison of every variant with the baseline:
 * the variant called {@code baseline} (any case), or else the first variant in the spec's order (or in the
 * results). For classifiers the primary metric is test accuracy (higher is better); for regressors (no finite
 * accuracy in any successful trial) it is test loss (lower is better).
 *
 * <p>Each comparison is paired by seed (the runner gives every variant of a seed the same data, initial weights
 * and minibatch order) when at least 2 seeds have a result on both sides, else Welch's test
 * ({@link Comparisons#compare(Map, Map)}). The p-values of a model's comparisons on the primary metric form one
 * Holm family; with a margin, a comparison that is not significant after Holm is called equivalent within ±margin
 * when its 95% interval lies inside it, else inconclusive ({@link Equivalence#assessFamily}). Secondary effects
 * (test loss, train–test gap, weight norm, near-zero weights, calibration error) are paired differences too, not
 * corrected for multiplicity.
 *
 * <p>Variants come with the baseline first, then in the {@link Analysis}'s order (the spec's), then in the order
 * they first appear in the results.
 *
 * <p>On a data-size axis ({@code dataset.trainSizes}) there is one {@code ModelStats} per model and training-set
 * size: the baseline, the Holm family and the pairing by seed are all within one size.
 *
 * @param model zoo network name
 * @param trainSize the training-set size of these trials on a data-size axis, or {@code null} when the experiment
 *     has one size
 * @param classifier whether the model reports accuracies
 * @param baselineVariant name of the variant the others are compared with
 * @param margin the equivalence margin of the primary metric, in its units (a fraction for accuracy), and its source
 * @param familySize number of comparisons in the Holm family (those that could be tested)
 * @param variants the variants, baseline first
 */
public record ModelStats(String model, Integer trainSize, boolean classifier, String baselineVariant,
        Margins.Margin margin,
        int familySize, List<VariantStats> variants) {

    /** The name that marks the baseline variant. */
    public static final String BASELINE = "baseline";

    /**
     * Copies the list of variants.
     *
     * @param model zoo network name
     * @param trainSize the training-set size, or null
     * @param classifier whether the model reports accuracies
     * @param baselineVariant the baseline's name
     * @param margin the margin of the primary metric
     * @param familySize the Holm family's size
     * @param variants the variants
     */
    public ModelStats {
        variants = List.copyOf(variants);
    }

    /**
     * @return a key unique within a report: the model name, with {@code -n<size>} on a data-size axis (letters,
     *     digits, {@code -} and the model name's own characters)
     */
    public String key() {
        return trainSize == null ? model : model + "-n" + trainSize;
    }

    /** @return the heading of this model's section: its name, with the training-set size on a data-size axis */
    public String label() {
        return trainSize == null ? model : model + ", " + String.format(java.util.Locale.ROOT, "%,d", trainSize)
                + " training examples";
    }

    /**
     * Whether a trial belongs to this model (and training-set size).
     *
     * @param t a trial
     * @return true when its model and training-set size are these
     */
    public boolean covers(TrialResult t) {
        return t.model().equals(model) && java.util.Objects.equals(t.trainSize(), trainSize);
    }

    /**
     * A secondary metric: one number per trial ({@code NaN} = not recorded), compared per seed with the baseline.
     *
     * @param name the metric's name in the report, e.g. "|W|"
     * @param value the trial's value, {@code NaN} when absent
     * @param scale factor to display units (100 for fractions shown in pp)
     * @param unit display unit of an absolute difference ("pp" or "")
     * @param relative whether to state the effect as a relative change in percent (positive metrics)
     */
    record Secondary(String name, ToDoubleFunction<TrialResult> value, double scale, String unit, boolean relative) {}

    /**
     * The expected calibration error of a trial ({@link TrialResult#calibrationError()}), {@code NaN} when the trial
     * does not record it (regressors, trials written before the field existed); the one place the report reads it.
     *
     * @param t the trial
     * @return its ECE as a fraction, or {@code NaN}
     */
    static double calibrationError(TrialResult t) {
        return t.calibrationError();
    }

    /** The secondary metrics of a classifier. */
    static final List<Secondary> CLASSIFIER_SECONDARY = List.of(
            new Secondary("test loss", TrialResult::testLoss, 1, "", true),
            new Secondary("train–test gap", TrialResult::accuracyGap, 100, "pp", false),
            new Secondary("|W|", TrialResult::weightNorm, 1, "", true),
            new Secondary("near-zero weights", TrialResult::nearZeroFraction, 100, "pp", false),
            new Secondary("ECE", ModelStats::calibrationError, 100, "pp", false));

    /** The secondary metrics of a regressor. */
    static final List<Secondary> REGRESSOR_SECONDARY = List.of(
            new Secondary("test − train loss gap", TrialResult::lossGap, 1, "", false),
            new Secondary("|W|", TrialResult::weightNorm, 1, "", true),
            new Secondary("near-zero weights", TrialResult::nearZeroFraction, 100, "pp", false));

    /**
     * Aggregates trials of any number of models with the default analysis.
     *
     * @param trials the trials
     * @return one entry per model
     */
    public static List<ModelStats> ofAll(List<TrialResult> trials) {
        return ofAll(trials, Analysis.defaults());
    }

    /**
     * Aggregates trials of any number of models, one {@code ModelStats} per model, in the analysis's model order and
     * then in the order the models first appear.
     *
     * @param trials the trials
     * @param analysis margins and order
     * @return one entry per model
     */
    public static List<ModelStats> ofAll(List<TrialResult> trials, Analysis analysis) {
        Map<String, java.util.TreeMap<Integer, List<TrialResult>>> byModel = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            byModel.computeIfAbsent(t.model(), k -> new java.util.TreeMap<>(
                    Comparator.nullsFirst(Comparator.<Integer>naturalOrder())))
                    .computeIfAbsent(t.trainSize(), k -> new ArrayList<>()).add(t);
        }
        List<ModelStats> out = new ArrayList<>();
        for (String m : ordered(new ArrayList<>(byModel.keySet()), analysis.modelOrder(), null)) {
            byModel.get(m).forEach((size, ts) -> out.add(of(m, size, ts, analysis, null)));
        }
        return out;
    }

    /**
     * Aggregates the trials of one model with the default analysis.
     *
     * @param model the model name
     * @param trials its trials (all statuses); trials of other models, and trials on a data-size axis, are ignored
     * @return the statistics
     * @throws IllegalArgumentException when there is no trial of the model
     */
    public static ModelStats of(String model, List<TrialResult> trials) {
        return of(model, trials, Analysis.defaults());
    }

    /**
     * Aggregates the trials of one model (of an experiment with one training-set size; see {@link #ofAll}).
     *
     * @param model the model name
     * @param trials its trials (all statuses); trials of other models, and trials on a data-size axis, are ignored
     * @param analysis margins and order
     * @return the statistics
     * @throws IllegalArgumentException when there is no trial of the model
     */
    public static ModelStats of(String model, List<TrialResult> trials, Analysis analysis) {
        return of(model, null, trials, analysis, null);
    }

    /**
     * {@link #of(String, List, Analysis)} with other secondary metrics (a test seam).
     *
     * @param secondary the secondary metrics, or {@code null} for the model kind's own
     */
    static ModelStats of(String model, List<TrialResult> trials, Analysis analysis, List<Secondary> secondary) {
        return of(model, null, trials, analysis, secondary);
    }

    /** The statistics of one model at one training-set size ({@code null}: trials without a size). */
    private static ModelStats of(String model, Integer size, List<TrialResult> all, Analysis analysis,
            List<Secondary> secondary) {
        List<TrialResult> trials = all.stream()
                .filter(t -> t.model().equals(model) && java.util.Objects.equals(t.trainSize(), size)).toList();
        Map<String, List<TrialResult>> byVariant = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            byVariant.computeIfAbsent(t.variant(), k -> new ArrayList<>()).add(t);
        }
        if (byVariant.isEmpty()) {
            throw new IllegalArgumentException("no trial of model " + model + (size == null ? "" : " at size " + size));
        }
        boolean classifier = trials.stream().filter(t -> isOk(t))
                .anyMatch(t -> Double.isFinite(t.testAccuracy()));
        List<String> names = new ArrayList<>(byVariant.keySet());
        String baseline = names.stream().filter(v -> v.equalsIgnoreCase(BASELINE)).findFirst()
                .orElse(ordered(names, analysis.variantOrder(), null).get(0));
        List<String> order = ordered(names, analysis.variantOrder(), baseline);
        List<Secondary> sec = secondary != null ? secondary : classifier ? CLASSIFIER_SECONDARY : REGRESSOR_SECONDARY;
        ToDoubleFunction<TrialResult> primary = classifier ? TrialResult::testAccuracy : TrialResult::testLoss;
        List<TrialResult> baseTrials = byVariant.get(baseline);
        Map<Long, Double> base = bySeed(baseTrials, primary);
        int baseOk = (int) baseTrials.stream().filter(ModelStats::isOk).count();
        Margins.Margin margin = analysis.margins().forModel(classifier);

        // The Holm family: every non-baseline variant's paired (or Welch) difference on the primary metric.
        List<String> compared = order.stream().filter(v -> !v.equals(baseline)).toList();
        List<Difference> family = new ArrayList<>();
        for (String v : compared) {
            family.add(Comparisons.compare(bySeed(byVariant.get(v), primary), base));
        }
        List<Equivalence.Assessment> assessed = Equivalence.assessFamily(family, margin.value(), Analysis.ALPHA);
        int k = assessed.isEmpty() ? 0 : assessed.get(0).familySize();

        List<VariantStats> stats = new ArrayList<>();
        for (String v : order) {
            int i = compared.indexOf(v);
            String sequentialClause = analysis.sequential() == null || size != null ? null : analysis.sequential()
                    .comparison(model, v).map(c -> Verdicts.sequential(classifier, c,
                            analysis.sequential().alpha())).orElse(null);
            stats.add(variant(model, v, byVariant.get(v), classifier, baseTrials, baseOk, baseline,
                    i < 0 ? null : family.get(i), i < 0 ? null : assessed.get(i), sec, sequentialClause));
        }
        return new ModelStats(model, size, classifier, baseline, margin, k, stats);
    }

    /** {@code names} in the given order, the rest in their own order; {@code first} (if not null) first of all. */
    private static List<String> ordered(List<String> names, List<String> order, String first) {
        List<String> out = new ArrayList<>(names);
        out.sort(Comparator.comparingInt((String n) -> n.equals(first) ? -1 : 0)
                .thenComparingInt(n -> order.contains(n) ? order.indexOf(n) : order.size())
                .thenComparingInt(names::indexOf));
        return out;
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

    /**
     * Whether a trial diverged (its loss became NaN or infinite). Together with {@link #isOk(TrialResult)} the only
     * places that read a trial's status.
     *
     * @param t the trial
     * @return true when its status is {@code diverged}
     */
    public static boolean isDiverged(TrialResult t) {
        return t.status() == TrialStatus.DIVERGED;
    }

    private static VariantStats variant(String model, String name, List<TrialResult> ts, boolean classifier,
            List<TrialResult> baseTrials, int baseOk, String baselineName, Difference diff,
            Equivalence.Assessment assessment, List<Secondary> secondary, String sequentialClause) {
        boolean isBaseline = name.equals(baselineName);
        int ok = 0;
        int diverged = 0;
        int failed = 0;
        List<String> problems = new ArrayList<>();
        for (TrialResult t : ts) {
            if (isOk(t)) {
                ok++;
                continue;
            }
            if (isDiverged(t)) {
                diverged++;
            } else {
                failed++;
            }
            String msg = t.message() == null || t.message().isBlank() ? "" : ": " + t.message();
            problems.add("seed " + t.seed() + " " + t.status() + msg);
        }
        ToDoubleFunction<TrialResult> gap = classifier ? TrialResult::accuracyGap : TrialResult::lossGap;
        List<VariantStats.SecondaryEffect> effects = new ArrayList<>();
        if (!isBaseline && ok > 0 && baseOk > 0) {
            for (Secondary s : secondary) {
                VariantStats.SecondaryEffect e = effect(s, ts, baseTrials);
                if (e != null) {
                    effects.add(e);
                }
            }
        }
        String verdict = Verdicts.of(isBaseline, classifier, ok, diverged, failed, assessment, effects, baseOk,
                baselineName, sequentialClause);
        return new VariantStats(model, name, regularizationOf(ts), isBaseline, ts.size(), ok, diverged, failed,
                problems, stats(ts, TrialResult::testAccuracy, Range.UNIT),
                stats(ts, TrialResult::testLoss, Range.NON_NEGATIVE), stats(ts, TrialResult::trainAccuracy, Range.UNIT),
                stats(ts, TrialResult::trainLoss, Range.NON_NEGATIVE), stats(ts, gap, Range.REAL),
                stats(ts, TrialResult::weightNorm, Range.NON_NEGATIVE),
                stats(ts, TrialResult::nearZeroFraction, Range.UNIT),
                stats(ts, ModelStats::calibrationError, Range.UNIT), stats(ts, TrialResult::seconds, Range.NON_NEGATIVE),
                stats(ts, t -> t.epochsRun(), Range.NON_NEGATIVE), diff, assessment, effects, verdict);
    }

    /** The effect of one secondary metric, or {@code null} when neither side records it. */
    private static VariantStats.SecondaryEffect effect(Secondary s, List<TrialResult> ts, List<TrialResult> base) {
        Map<Long, Double> v = bySeed(ts, s.value());
        Map<Long, Double> b = bySeed(base, s.value());
        if (v.isEmpty() || b.isEmpty()) {
            return null;
        }
        Map<Long, Double> vs = scaled(v, s.scale());
        Map<Long, Double> bs = scaled(b, s.scale());
        Effects.Effect e = s.relative() ? Effects.of(s.name(), vs, bs)
                : new Effects.Effect(s.name(), Comparisons.compare(vs, bs), null);
        boolean relative = e.relative() != null && e.relative().logRatio().status() == Difference.Status.COMPUTED;
        boolean measurable = relative ? e.relative().logRatio().excludesZero() : e.absolute().excludesZero();
        return new VariantStats.SecondaryEffect(e, s.unit(), relative, describe(e, relative, s.unit()), measurable);
    }

    /** "|W| −41% [−43, −39]", "train–test gap −0.52 pp [−0.80, −0.24]", or the estimate with why there is no interval. */
    static String describe(Effects.Effect e, boolean relative, String unit) {
        if (relative) {
            return Effects.describe(e);
        }
        Difference a = e.absolute();
        String u = unit.isEmpty() ? "" : " " + unit;
        if (a.status() == Difference.Status.COMPUTED) {
            int d = Wording.decimalsFor(a.ciLow(), a.ciHigh(), 2);
            return e.metric() + " " + Wording.signed(a.estimate(), d) + u + " [" + Wording.signed(a.ciLow(), d) + ", "
                    + Wording.signed(a.ciHigh(), d) + "]";
        }
        String why = a.status() == Difference.Status.NO_VARIANCE ? "the same difference on every seed"
                : a.n() + (a.n() == 1 ? " seed" : " seeds");
        return e.metric() + " " + Verdicts.num(a.estimate()) + u + " (no interval: " + why + ")";
    }

    private static Map<Long, Double> scaled(Map<Long, Double> m, double factor) {
        Map<Long, Double> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(k, x * factor));
        return out;
    }

    private static SampleStats stats(List<TrialResult> ts, ToDoubleFunction<TrialResult> f, Range range) {
        return SampleStats.of(range, okValues(ts, f));
    }

    static double[] okValues(List<TrialResult> ts, ToDoubleFunction<TrialResult> f) {
        return ts.stream().filter(ModelStats::isOk).mapToDouble(f).filter(Double::isFinite).toArray();
    }

    /** The finite values of the successful trials by seed (a seed recorded twice keeps its last value). */
    static Map<Long, Double> bySeed(List<TrialResult> ts, ToDoubleFunction<TrialResult> f) {
        Map<Long, Double> out = new LinkedHashMap<>();
        if (ts == null) {
            return out;
        }
        for (TrialResult t : ts) {
            double x = isOk(t) ? f.applyAsDouble(t) : Double.NaN;
            if (Double.isFinite(x)) {
                out.put(t.seed(), x);
            }
        }
        return out;
    }

    /**
     * The regularization in words, from the first trial that records it, with its early stopping (recorded in the
     * provenance) added; {@code ?} when no trial records either.
     */
    static String regularizationOf(List<TrialResult> ts) {
        for (TrialResult t : ts) {
            String es = t.provenance() == null ? null : EarlyStoppingText.of(t.provenance().earlyStopping());
            if (t.regularization() != null || es != null) {
                String r = t.regularization() == null ? "none" : t.regularization().describe();
                return es == null ? r : r.equals("none") ? es : r + ", " + es;
            }
        }
        return "?";
    }
}
