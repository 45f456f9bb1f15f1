package io.regzoo.train;

import io.regzoo.stats.Calibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What the harness measures on a network, the same way everywhere (epoch history, trial results,
 * sweeps).
 *
 * <ul>
 *   <li><b>Data loss</b>: DL4J's {@code net.score(ds, false)} (inference mode: no dropout, batch-norm
 *       running statistics) minus {@code net.calcRegularizationScore(true)}, i.e. the output layer's
 *       loss alone (MSE for regressors, cross-entropy for classifiers), averaged over examples,
 *       computed in batches of {@value #EVAL_BATCH}. Penalties are excluded so that variants with
 *       different penalties are compared on the same quantity.</li>
 *   <li><b>Accuracy</b>: DL4J's {@link Evaluation} over {@code net.evaluate(iterator)}.</li>
 *   <li><b>Calibration</b>: the expected calibration error ({@link Calibration}, {@value Calibration#BINS} bins) of
 *       the network's output probabilities ({@code net.output(features, false)}: inference mode, softmax for the
 *       zoo's classifiers), computed in batches of {@value #EVAL_BATCH}.</li>
 *   <li><b>Weights</b>: parameters whose key ends in {@code _W} (dense and convolution kernels);
 *       biases and batch-norm parameters/statistics are excluded.</li>
 * </ul>
 */
public final class Measures {

    /** Batch size used for inference-mode measurements. */
    public static final int EVAL_BATCH = 512;
    /** Threshold below which a weight counts as near zero. */
    public static final double NEAR_ZERO = 1e-3;

    private Measures() {}

    /**
     * The data loss (no penalty terms) of a network on a data set, inference mode.
     *
     * @param net the network
     * @param data the examples (features and labels)
     * @return the mean loss per example, or NaN for an empty set
     */
    public static double dataLoss(MultiLayerNetwork net, DataSet data) {
        int n = data.numExamples();
        if (n == 0) {
            return Double.NaN;
        }
        double reg = net.calcRegularizationScore(true);
        double sum = 0;
        for (DataSet b : batches(data)) {
            sum += (net.score(b, false) - reg) * b.numExamples();
        }
        return sum / n;
    }

    /**
     * The classification accuracy of a network on a data set, inference mode.
     *
     * @param net the network (a classifier)
     * @param data the examples, labels one-hot
     * @return accuracy in [0, 1], or NaN for an empty set or when the predictions are NaN (a
     *     diverged network)
     */
    public static double accuracy(MultiLayerNetwork net, DataSet data) {
        if (data.numExamples() == 0) {
            return Double.NaN;
        }
        try {
            Evaluation e = net.evaluate(new ListDataSetIterator<>(batches(data), 1));
            return e.accuracy();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("NaN")) {
                return Double.NaN; // a diverged network: DL4J refuses to evaluate NaN predictions
            }
            throw e;
        }
    }

    /**
     * The expected calibration error of a classifier on a data set, inference mode: each example's confidence
     * (its largest output probability) and whether that class is its label, binned into
     * {@value Calibration#BINS} equal-width bins ({@link Calibration#expectedCalibrationError(double[], boolean[],
     * int)}). The outputs are taken in batches of {@value #EVAL_BATCH}; only one confidence and one hit per
     * example are kept.
     *
     * @param net the network (a classifier whose outputs are class probabilities, e.g. softmax)
     * @param data the examples, labels one-hot
     * @return the ECE in [0, 1], or NaN for an empty set
     * @throws IllegalArgumentException when an output is not a probability (outside [0, 1])
     */
    public static double calibrationError(MultiLayerNetwork net, DataSet data) {
        int n = data.numExamples();
        if (n == 0) {
            return Double.NaN;
        }
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        int at = 0;
        for (DataSet b : batches(data)) {
            INDArray out = net.output(b.getFeatures(), false);
            double[] conf = out.max(1).toDoubleVector();
            long[] predicted = out.argMax(1).toLongVector();
            long[] label = b.getLabels().argMax(1).toLongVector();
            for (int i = 0; i < conf.length; i++) {
                // float rounding may put a softmax maximum a hair above 1
                confidence[at] = conf[i] > 1 && conf[i] < 1 + 1e-6 ? 1 : conf[i];
                correct[at] = predicted[i] == label[i];
                at++;
            }
        }
        return Calibration.expectedCalibrationError(confidence, correct, Calibration.BINS);
    }

    /**
     * The L2 norm of all weights (keys ending in {@code _W}).
     *
     * @param net the network
     * @return {@code sqrt(Σ w²)}
     */
    public static double weightNorm(MultiLayerNetwork net) {
        double sq = 0;
        for (INDArray w : weights(net)) {
            double n = w.norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }

    /**
     * The fraction of weights with {@code |w| < 1e-3}.
     *
     * @param net the network
     * @return a fraction in [0, 1]
     */
    public static double nearZeroFraction(MultiLayerNetwork net) {
        long total = 0;
        long near = 0;
        for (INDArray w : weights(net)) {
            total += w.length();
            near += org.nd4j.linalg.factory.Nd4j.getExecutioner()
                    .exec(new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(w,
                            new org.nd4j.linalg.indexing.conditions.AbsValueLessThan(NEAR_ZERO)))
                    .getLong(0);
        }
        return total == 0 ? 0.0 : (double) near / total;
    }

    /**
     * Up to {@code max} weights, sampled evenly (fixed stride) over all weight arrays in layer order.
     *
     * @param net the network
     * @param max the largest sample size, ≥ 1
     * @return the sample
     */
    public static List<Double> weightSample(MultiLayerNetwork net, int max) {
        List<INDArray> ws = weights(net);
        long total = 0;
        for (INDArray w : ws) {
            total += w.length();
        }
        List<Double> out = new ArrayList<>();
        if (total == 0) {
            return out;
        }
        double stride = Math.max(1.0, (double) total / max);
        double next = 0;
        long offset = 0;
        for (INDArray w : ws) {
            INDArray flat = w.reshape(w.length());
            while (next < offset + w.length() && out.size() < max) {
                out.add(flat.getDouble((long) next - offset));
                next += stride;
            }
            offset += w.length();
        }
        return out;
    }

    private static List<INDArray> weights(MultiLayerNetwork net) {
        List<INDArray> out = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            if (e.getKey().endsWith("_W")) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private static List<DataSet> batches(DataSet data) {
        return split(data, EVAL_BATCH);
    }

    /**
     * Splits a data set into consecutive minibatches of at most {@code size} examples with
     * {@link DataSet#getRange(int, int)} (cheaper and more robust than {@code batchBy}, which merges
     * single rows); a data set whose arrays are views is copied first. Every example lands in exactly
     * one batch, in order.
     */
    static List<DataSet> split(DataSet data, int size) {
        int n = data.numExamples();
        if (n <= size) {
            return List.of(data);
        }
        // ND4J 1.0.0-M2.1: a row range of a view that starts k rows into its parent loses the rows from n − k on
        // (getRange returns fewer, or no, examples), e.g. a synthetic test set cut from one generated array.
        DataSet whole = data.getFeatures().isView() || data.getLabels().isView() ? data.copy() : data;
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            out.add((DataSet) whole.getRange(from, Math.min(n, from + size)));
        }
        return out;
    }
}
