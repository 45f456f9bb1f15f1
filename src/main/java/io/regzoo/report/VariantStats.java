package io.regzoo.report;

import java.util.List;

/**
 * What one variant of one model did over its seeds. Means and intervals use only the trials with
 * status {@code ok}; diverged and failed trials are counted and their messages kept. Accuracies are
 * fractions in [0, 1] ({@code NaN} statistics for regressors).
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
 * @param seconds wall time per trial
 * @param epochs epochs trained per trial
 * @param vsBaseline difference of the primary metric (test accuracy, or test loss for regressors) to
 *     the baseline, or {@code null} for the baseline itself
 * @param verdict the comparison in plain words
 */
public record VariantStats(String model, String variant, String regularization, boolean baseline, int trials, int ok,
        int diverged, int failed, List<String> problems, SampleStats testAccuracy, SampleStats testLoss,
        SampleStats trainAccuracy, SampleStats trainLoss, SampleStats generalizationGap, SampleStats weightNorm,
        SampleStats nearZeroFraction, SampleStats seconds, SampleStats epochs, WelchDifference vsBaseline,
        String verdict) {

    /**
     * Copies the list of problems.
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
     * @param seconds seconds per trial
     * @param epochs epochs per trial
     * @param vsBaseline difference to the baseline, or null
     * @param verdict the verdict
     */
    public VariantStats {
        problems = List.copyOf(problems);
    }
}
