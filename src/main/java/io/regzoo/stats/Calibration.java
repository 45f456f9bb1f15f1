package io.regzoo.stats;

/**
 * Expected calibration error (ECE; Guo et al. 2017, "On calibration of modern neural networks"): how far a
 * classifier's confidence is from its accuracy. Each example's confidence is its largest predicted probability
 * and it is correct when that class is the label; the examples are put into {@link #BINS} equal-width bins by
 * confidence, {@code (0, 1/15], (1/15, 2/15], …, (14/15, 1]}, and
 * {@code ECE = Σ over bins of (examples in bin / all examples) · |accuracy in bin − mean confidence in bin|}.
 * 0 is perfectly calibrated; a network that says 99% and is right 90% of the time has an ECE near 0.09.
 */
public final class Calibration {

    /** The number of equal-width confidence bins (Guo et al.'s choice). */
    public static final int BINS = 15;

    private Calibration() {}

    /**
     * ECE from predicted class probabilities.
     *
     * @param probabilities one row per example, one column per class (each row a distribution, e.g. softmax output)
     * @param labels the true class of each example, {@code 0 ≤ label < columns}
     * @return the ECE with {@link #BINS} bins, in [0, 1]
     * @throws IllegalArgumentException when the sizes disagree, there are no examples, or a label is out of range
     */
    public static double expectedCalibrationError(double[][] probabilities, int[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(
                    probabilities.length + " rows of probabilities but " + labels.length + " labels");
        }
        double[] confidence = new double[labels.length];
        boolean[] correct = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double[] row = probabilities[i];
            if (labels[i] < 0 || labels[i] >= row.length) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is not a column of "
                        + row.length);
            }
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            confidence[i] = row[best];
            correct[i] = best == labels[i];
        }
        return expectedCalibrationError(confidence, correct, BINS);
    }

    /**
     * ECE from each example's confidence and whether it was right.
     *
     * @param confidence the predicted probability of the predicted class, in [0, 1]
     * @param correct whether the prediction was right
     * @param bins the number of equal-width bins, at least 1
     * @return the ECE, in [0, 1]
     * @throws IllegalArgumentException when the sizes disagree, there are no examples, {@code bins < 1} or a
     *     confidence is outside [0, 1]
     */
    public static double expectedCalibrationError(double[] confidence, boolean[] correct, int bins) {
        if (confidence.length != correct.length || confidence.length == 0 || bins < 1) {
            throw new IllegalArgumentException("need as many confidences as outcomes (got " + confidence.length
                    + " and " + correct.length + "), at least one, and at least one bin (got " + bins + ")");
        }
        double[] sumConf = new double[bins];
        int[] hits = new int[bins];
        int[] count = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence " + c + " of example " + i + " is outside [0, 1]");
            }
            // Bin b holds (b/bins, (b+1)/bins]; a confidence of exactly 0 goes into the first bin.
            int b = Math.max(0, Math.min(bins - 1, (int) Math.ceil(c * bins) - 1));
            sumConf[b] += c;
            count[b]++;
            if (correct[i]) {
                hits[b]++;
            }
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs((double) hits[b] / count[b] - sumConf[b] / count[b]) * count[b];
            }
        }
        return ece / confidence.length;
    }
}
