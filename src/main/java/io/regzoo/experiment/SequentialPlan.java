package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.stats.Comparisons;
import io.regzoo.stats.ConfidenceSequence;
import io.regzoo.stats.Equivalence;
import io.regzoo.stats.SequentialDesign;
import io.regzoo.stats.SequentialDesign.Look;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequential procedure's state ({@code --seeds auto}) computed from the recorded results alone: per model,
 * the per-seed paired differences of the primary metric (test accuracy for classifiers, test loss for
 * regressors) of each non-baseline variant against the baseline, in seed order, what
 * {@link SequentialDesign#replay} decides on them, and which trials the next round runs
 * ({@link #nextTrials()}): the next seed(s) up to {@link SequentialDesign#nextSeedCount} for the baseline and
 * every comparison still open. Because it depends on nothing but {@code results.jsonl} and the spec, a resumed
 * run recomputes it and continues where the killed one stopped.
 *
 * <p>The baseline is the variant called {@code baseline} (any case), or else the first in the spec, as in the
 * report. A seed whose baseline or variant trial diverged or failed gives no difference; the comparison takes the
 * next seed instead, as far as {@code max}. A model with a single variant gets seeds {@code 1 … min}.
 */
public final class SequentialPlan {

    /** The name that marks the baseline variant (any case), as in the report. */
    public static final String BASELINE = "baseline";

    private final SequentialSeeds settings;
    private final List<ModelPlan> models;

    private record ModelPlan(String model, String baseline, boolean classifier, double margin, List<String> compared,
            List<double[]> differences, List<Look> looks, List<Trial> next, int baselineSeeds, int remaining,
            List<List<SequentialOutcome.Look>> history) {}

    private SequentialPlan(SequentialSeeds settings, List<ModelPlan> models) {
        this.settings = settings;
        this.models = models;
    }

    /**
     * The state of a sequential experiment.
     *
     * @param spec the experiment; its {@link ExperimentSpec#sequential()} must be set
     * @param results the recorded results (later lines of the same trial replace earlier ones)
     * @return the plan
     * @throws RegzooException when the spec has fixed seeds
     */
    public static SequentialPlan of(ExperimentSpec spec, List<TrialResult> results) {
        return of(spec, results, Map.of());
    }

    /**
     * The state of a sequential experiment with equivalence margins.
     *
     * @param spec the experiment; its {@link ExperimentSpec#sequential()} must be set
     * @param results the recorded results (later lines of the same trial replace earlier ones)
     * @param margins the spec's margin map ({@code primary}, {@code accuracy}, {@code loss}; empty for the
     *     defaults), see {@link #marginFor(Map, boolean)}
     * @return the plan
     * @throws RegzooException when the spec has fixed seeds
     */
    public static SequentialPlan of(ExperimentSpec spec, List<TrialResult> results, Map<String, Double> margins) {
        SequentialSeeds settings = spec.sequential();
        if (settings == null) {
            throw new RegzooException("spec " + spec.name() + " has fixed seeds, not seeds: {auto: true}");
        }
        Map<String, TrialResult> byId = new LinkedHashMap<>();
        for (TrialResult r : results) {
            byId.put(r.trialId(), r);
        }
        List<ModelPlan> plans = new ArrayList<>();
        for (String model : spec.models()) {
            plans.add(plan(spec, settings, model, byId, margins));
        }
        return new SequentialPlan(settings, plans);
    }

    /**
     * The equivalence margin the procedure stops on, in the primary metric's units: the margin map's
     * {@code accuracy} (classifiers) or {@code loss} (regressors) entry, else its {@code primary} entry, else
     * {@link Equivalence#DEFAULT_ACCURACY_MARGIN} (0.3 pp) for accuracy and none for a loss (whose scale depends
     * on the data). The same rule as the report's margins.
     *
     * @param margins the spec's margin map, possibly empty
     * @param classifier whether the primary metric is test accuracy
     * @return the margin, or {@code NaN} for none
     */
    public static double marginFor(Map<String, Double> margins, boolean classifier) {
        Double specific = margins.get(classifier ? "accuracy" : "loss");
        if (specific != null) {
            return specific;
        }
        Double primary = margins.get("primary");
        if (primary != null) {
            return primary;
        }
        return classifier ? Equivalence.DEFAULT_ACCURACY_MARGIN : Double.NaN;
    }

    private static ModelPlan plan(ExperimentSpec spec, SequentialSeeds settings, String model,
            Map<String, TrialResult> byId, Map<String, Double> margins) {
        List<String> variants = new ArrayList<>(spec.variants().keySet());
        String baseline = variants.stream().filter(v -> v.equalsIgnoreCase(BASELINE)).findFirst()
                .orElse(variants.get(0));
        List<String> compared = variants.stream().filter(v -> !v.equals(baseline)).toList();
        boolean classifier = Networks.build(model, spec.variants().get(baseline), spec.optimizer(), 1, null, -1)
                .isClassifier();
        double margin = marginFor(margins, classifier);
        SequentialDesign design = settings.design(margin);
        List<Long> seeds = settings.seeds();

        Map<Long, Double> base = values(byId, model, baseline, seeds, classifier);
        List<double[]> diffs = new ArrayList<>();
        for (String v : compared) {
            diffs.add(Comparisons.pairedDifferences(values(byId, model, v, seeds, classifier), base));
        }
        List<Look> looks = design.replay(diffs);
        int target = compared.isEmpty() ? settings.minSeeds() : design.nextSeedCount(diffs);

        // What the next round runs: for the baseline alone up to min seeds, else for each open comparison the seeds
        // (in order) that bring its usable-or-pending pairs up to the target, with the baseline's trial of each.
        TreeMap<Long, List<String>> next = new TreeMap<>();
        int remaining = 0;
        if (compared.isEmpty()) {
            for (long s : seeds.subList(0, settings.minSeeds())) {
                if (!byId.containsKey(TrialResult.idOf(model, baseline, s))) {
                    next.computeIfAbsent(s, k -> new ArrayList<>()).add(baseline);
                }
            }
            remaining = next.size();
        } else if (target > 0) {
            boolean[] baselineNeeded = new boolean[seeds.size() + 1];
            boolean anyOpen = false;
            for (int i = 0; i < compared.size(); i++) {
                if (looks.get(i).stopped()) {
                    continue;
                }
                anyOpen = true;
                String v = compared.get(i);
                int count = 0;
                for (long s : seeds) {
                    boolean missing = !byId.containsKey(TrialResult.idOf(model, v, s));
                    remaining += missing ? 1 : 0;
                    PairState st = state(byId, model, v, baseline, s, classifier);
                    if (st == PairState.DEAD || count >= target) {
                        continue;
                    }
                    count++;
                    if (st == PairState.PENDING) {
                        if (missing) {
                            next.computeIfAbsent(s, k -> new ArrayList<>()).add(v);
                        }
                        baselineNeeded[(int) s] |= !byId.containsKey(TrialResult.idOf(model, baseline, s));
                    }
                }
            }
            for (long s : seeds) {
                boolean missing = !byId.containsKey(TrialResult.idOf(model, baseline, s));
                remaining += anyOpen && missing ? 1 : 0;
                if (baselineNeeded[(int) s]) {
                    next.computeIfAbsent(s, k -> new ArrayList<>()).add(0, baseline);
                }
            }
        }
        List<Trial> trials = new ArrayList<>();
        next.forEach((s, vs) -> vs.forEach(v -> trials.add(new Trial(model, v, s))));
        int baselineSeeds = (int) seeds.stream().filter(s -> byId.containsKey(TrialResult.idOf(model, baseline, s)))
                .count();
        return new ModelPlan(model, baseline, classifier, margin, compared, diffs, looks, trials, baselineSeeds,
                remaining, history(design, diffs));
    }

    /** The state of each comparison after each look it took part in, by replaying prefixes of the differences. */
    private static List<List<SequentialOutcome.Look>> history(SequentialDesign design, List<double[]> diffs) {
        List<List<SequentialOutcome.Look>> out = new ArrayList<>();
        diffs.forEach(d -> out.add(new ArrayList<>()));
        int longest = diffs.stream().mapToInt(d -> d.length).max().orElse(0);
        boolean[] stopped = new boolean[diffs.size()];
        for (int look : design.looks()) {
            if (look > longest) {
                break;
            }
            List<double[]> prefix = diffs.stream().map(d -> Arrays.copyOf(d, Math.min(d.length, look))).toList();
            List<Look> states = design.replay(prefix);
            for (int i = 0; i < diffs.size(); i++) {
                Look l = states.get(i);
                if (!stopped[i] && l.n() == look) {
                    out.get(i).add(new SequentialOutcome.Look(l.n(), l.decision(), l.low(), l.high(), l.adjustedP()));
                    stopped[i] = l.stopped();
                }
            }
        }
        return out;
    }

    private enum PairState { DONE, PENDING, DEAD }

    private static PairState state(Map<String, TrialResult> byId, String model, String variant, String baseline,
            long seed, boolean classifier) {
        TrialResult v = byId.get(TrialResult.idOf(model, variant, seed));
        TrialResult b = byId.get(TrialResult.idOf(model, baseline, seed));
        if ((v != null && !usable(v, classifier)) || (b != null && !usable(b, classifier))) {
            return PairState.DEAD;
        }
        return v != null && b != null ? PairState.DONE : PairState.PENDING;
    }

    private static boolean usable(TrialResult r, boolean classifier) {
        return r.isOk() && Double.isFinite(primary(r, classifier));
    }

    /**
     * The primary metric of a trial.
     *
     * @param r the trial
     * @param classifier whether its model is a classifier
     * @return test accuracy for a classifier, test loss for a regressor
     */
    static double primary(TrialResult r, boolean classifier) {
        return classifier ? r.testAccuracy() : r.testLoss();
    }

    private static Map<Long, Double> values(Map<String, TrialResult> byId, String model, String variant,
            List<Long> seeds, boolean classifier) {
        Map<Long, Double> out = new TreeMap<>();
        for (long s : seeds) {
            TrialResult r = byId.get(TrialResult.idOf(model, variant, s));
            if (r != null && usable(r, classifier)) {
                out.put(s, primary(r, classifier));
            }
        }
        return out;
    }

    /**
     * The trials of the next round: for every model, the baseline and the open comparisons' variants at the next
     * seed(s), ordered by seed (so that the trials of one seed, which share its data, run together), then model,
     * baseline first.
     *
     * @return the trials, empty when nothing more is to run
     */
    public List<Trial> nextTrials() {
        List<Trial> out = new ArrayList<>();
        models.forEach(m -> out.addAll(m.next()));
        List<String> modelOrder = models.stream().map(ModelPlan::model).toList();
        out.sort(Comparator.comparingLong(Trial::seed).thenComparingInt(t -> modelOrder.indexOf(t.model())));
        return out;
    }

    /** @return whether every comparison of every model is decided */
    public boolean allDecided() {
        return models.stream().allMatch(m -> m.looks().stream().allMatch(Look::stopped));
    }

    /**
     * An upper bound of the trials still to run: every open comparison's (and its baseline's) unrecorded seeds up
     * to {@code max}.
     *
     * @return the bound
     */
    public int maxRemaining() {
        return models.stream().mapToInt(m -> Math.max(m.remaining(), m.next().size())).sum();
    }

    /**
     * What the procedure decided so far.
     *
     * @param stop why the run stopped, or {@link SequentialOutcome.Stop#RUNNING}
     * @return the outcome
     */
    public SequentialOutcome outcome(SequentialOutcome.Stop stop) {
        List<SequentialOutcome.ModelOutcome> out = new ArrayList<>();
        for (ModelPlan m : models) {
            List<SequentialOutcome.Comparison> cs = new ArrayList<>();
            for (int i = 0; i < m.compared().size(); i++) {
                Look l = m.looks().get(i);
                cs.add(new SequentialOutcome.Comparison(m.compared().get(i), l.decision(), !l.stopped(), l.n(),
                        l.estimate(), l.low(), l.high(), l.pValue(), l.adjustedP(), m.history().get(i)));
            }
            out.add(new SequentialOutcome.ModelOutcome(m.model(), m.baseline(),
                    m.classifier() ? "test accuracy" : "test loss", m.margin(), m.baselineSeeds(), cs));
        }
        String method = String.format(Locale.ROOT, "anytime-valid %.0f%% confidence sequence for the mean per-seed "
                + "paired difference (prior precision %s), Holm over each model's comparisons, a look after seed %d "
                + "and every seed after", 100 * (1 - SequentialSeeds.ALPHA), ConfidenceSequence.DEFAULT_PRIOR_PRECISION,
                settings.minSeeds());
        return new SequentialOutcome(method, SequentialSeeds.ALPHA, settings.minSeeds(), settings.maxSeeds(),
                settings.timeBudget() == null ? null : SequentialSeeds.format(settings.timeBudget()), stop, out);
    }
}
