package io.regzoo.experiment;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link Sweep}: k-fold validation scores per value, the chosen value, and the
 * refit model's test score. Written as {@code sweep.json}.
 *
 * @param model zoo network name
 * @param dataset dataset name
 * @param param the swept regularization key ({@code l2}, {@code l1}, {@code weightDecay}, {@code dropoutRate})
 * @param metric {@code val_loss} (regressors: lowest wins) or {@code val_accuracy} (classifiers: highest wins)
 * @param folds number of folds
 * @param values the values tried, in order
 * @param foldScores per value, the metric on each fold
 * @param mean per value, the mean over folds
 * @param std per value, the sample standard deviation over folds
 * @param chosenValue the value with the best mean
 * @param testScore the metric on the test set after refitting on the whole training set with the chosen value
 * @param testLoss the test data loss of the refit model
 * @param testAccuracy the test accuracy of the refit model (NaN for regressors)
 * @param trainLoss the training data loss of the refit model
 * @param provenance spec of the sweep, data provenance, environment
 */
public record SweepResult(String model, String dataset, String param, String metric, int folds, List<Double> values,
        List<List<Double>> foldScores, List<Double> mean, List<Double> std, double chosenValue, double testScore,
        double testLoss, double testAccuracy, double trainLoss, Map<String, String> provenance) {}
