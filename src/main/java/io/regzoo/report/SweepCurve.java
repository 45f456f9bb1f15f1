package io.regzoo.report;

import java.util.List;

/**
 * The validation curve of a hyper-parameter sweep (e.g. the L2 coefficient λ): the mean and
 * standard deviation of the validation score at each swept value, and the value chosen.
 *
 * @param model zoo network name
 * @param parameter the swept parameter, e.g. {@code l2}
 * @param values the swept values, ≥ 0 (positive ones on a log axis; 0 as a reference line)
 * @param meanScore mean validation score at each value ({@code NaN} where every run failed)
 * @param stdScore standard deviation of the score at each value ({@code NaN} or 0 when unknown)
 * @param chosen the value selected by the sweep
 * @param scoreName what the score is, e.g. {@code validation accuracy}
 * @param higherIsBetter whether a higher score is better
 */
public record SweepCurve(String model, String parameter, List<Double> values, List<Double> meanScore,
        List<Double> stdScore, double chosen, String scoreName, boolean higherIsBetter) {

    /**
     * Validates and copies the lists.
     *
     * @param model zoo network name
     * @param parameter the swept parameter
     * @param values the swept values
     * @param meanScore mean score per value
     * @param stdScore standard deviation per value
     * @param chosen the chosen value
     * @param scoreName the score's name
     * @param higherIsBetter whether higher is better
     * @throws IllegalArgumentException when the lists differ in length, are empty, or a value is negative or not finite
     */
    public SweepCurve {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("sweep of " + parameter + " has no values");
        }
        if (meanScore == null || stdScore == null || meanScore.size() != values.size()
                || stdScore.size() != values.size()) {
            throw new IllegalArgumentException("sweep of " + parameter + ": values, meanScore and stdScore must have "
                    + "the same length");
        }
        for (Double v : values) {
            if (v == null || !(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("sweep of " + parameter + ": values must be finite and >= 0, got " + v);
            }
        }
        values = List.copyOf(values);
        meanScore = List.copyOf(meanScore);
        stdScore = List.copyOf(stdScore);
    }
}
