package io.regzoo.report;

import io.regzoo.stats.Difference;
import io.regzoo.stats.Effects;
import io.regzoo.stats.Equivalence;
import java.util.List;

/**
 * What one variant of one model did over its seeds. Means and intervals use only the trials with
 * status {@code ok}; diverged and failed trials are counted and their messages kept. Accuracies are
 * fractions in [0, 1] ({@code NaN} statistics for regressors). Every interval of one variant lies inside the
 * metric's range and is {@code NaN} with fewer than 3 seeds ({@link SampleStats#of(io.regzoo.stats.Range, double...)}).
 *
 * @param model zoo network name
 * @param variant variant name
 * @param regularization the variant's regularization in words ({@link io.regzoo.regularize.Regularization#describe()}),
 *     or {@code "?"} when the trials do not record it
 * @param baseline whether this is the variant the others are compared with
 * @param trials number of trials (all statuses)
 * @param ok number of trials with status {@code ok}
 * @param diverged number of diverged trials
 * @param failed number of failed trials (any other status)
 * @param problems one line per diverged or failed trial: seed, status and message
 * @param testAccuracy test accuracy over seeds
 * @param testLoss test loss over seeds
 * @param trainAccuracy train accuracy over seeds
 * @param trainLoss train loss over seeds
 * @param generalizationGap classifiers: train − test accuracy; regressors: test − train loss
 * @param weightNorm final L2 norm of the weights
 * @param nearZeroFraction final fraction of weights with {@code |w| < 1e-3}
 * @param calibrationError expected calibration error over seeds (n = 0 when the trials do not record it)
 * @param seconds wall time per trial
 * @param epochs epochs trained per trial
 * @param vsBaseline difference of the primary metric (test accuracy, or test loss for regressors) to the baseline,
 *     paired by seed when at least 2 seeds are on both sides, else Welch (see {@link Difference#test()}); in the
 *     metric's own units (fractions for accuracy); {@code null} for the baseline itself
 * @param assessment the verdict on the primary metric with the Holm-adjusted p-value over the model's family and the
 *     margin; {@code null} for the baseline
 * @param effects secondary effects (paired differences of test loss, train–test gap, weight norm, near-zero weights
 *     and calibration error when recorded), not corrected for multiplicity; empty for the baseline
 * @param verdict the comparison in plain words
 */
public record VariantStats(String model, String variant, String regularization, boolean baseline, int trials, int ok,
        int diverged, int failed, List<String> problems, SampleStats testAccuracy, SampleStats testLoss,
        SampleStats trainAccuracy, SampleStats trainLoss, SampleStats generalizationGap, SampleStats weightNorm,
        SampleStats nearZeroFraction, SampleStats calibrationError, SampleStats seconds, SampleStats epochs,
        Difference vsBaseline, Equivalence.Assessment assessment, List<SecondaryEffect> effects, String verdict) {

    /**
     * Copies the lists.
     *
     * @param model zoo network name
     * @param variant variant name
     * @param regularization the regularization in words
     * @param baseline whether this is the baseline
     * @param trials number of trials
     * @param ok number of ok trials
     * @param diverged number of diverged trials
     * @param failed number of failed trials
     * @param problems one line per diverged/failed trial
     * @param testAccuracy test accuracy
     * @param testLoss test loss
     * @param trainAccuracy train accuracy
     * @param trainLoss train loss
     * @param generalizationGap generalization gap
     * @param weightNorm weight norm
     * @param nearZeroFraction near-zero fraction
     * @param calibrationError expected calibration error
     * @param seconds seconds per trial
     * @param epochs epochs per trial
     * @param vsBaseline difference to the baseline, or null
     * @param assessment the verdict on the primary metric, or null
     * @param effects secondary effects
     * @param verdict the verdict
     */
    public VariantStats {
        problems = List.copyOf(problems);
        effects = List.copyOf(effects);
    }

    /**
     * One secondary effect: what the variant did to a metric other than the primary one, as a paired difference
     * to the baseline (and a relative change for positive metrics such as the weight norm). Secondary effects
     * describe; they are not part of the Holm family.
     *
     * @param effect the effect, in the metric's display units (e.g. percentage points for a gap of accuracies)
     * @param unit the display unit of the absolute difference ("pp", or "" for none)
     * @param relative whether the effect is stated as a relative change in percent
     * @param text the effect in a few characters, e.g. "|W| −41% [−43, −39]"
     * @param measurable whether its interval excludes 0 (so the verdict line names it)
     */
    public record SecondaryEffect(Effects.Effect effect, String unit, boolean relative, String text,
            boolean measurable) {}

    /** @return the secondary effects whose interval excludes 0 */
    public List<SecondaryEffect> measurableEffects() {
        return effects.stream().filter(SecondaryEffect::measurable).toList();
    }
}
