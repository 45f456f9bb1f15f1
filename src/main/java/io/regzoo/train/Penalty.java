package io.regzoo.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import io.regzoo.zoo.onednn.OneDnnLayers;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The penalty terms DL4J adds to a minibatch's score ({@code MultiLayerNetwork.calcRegularizationScore(true)}),
 * computed with fewer native calls. DL4J sums {@code r.score(param)} over every parameter array and
 * every regularization on it: one reduction and one read-back per array (4 for a two-layer MLP with
 * penalized biases). L2 and weight decay both score {@code 0.5·c·‖w‖²}; parameter arrays that lie
 * next to each other in the network's flat parameter vector with the same fixed coefficient form one
 * run, scored with a single BLAS dot product of that slice with itself (one call for regzoo's MLPs,
 * whose kernels and biases share the coefficient). libnd4j's {@code norm2} reduction is slow scalar
 * code (≈ 0.2 ms for the MLP's 101,770 weights on the development machine, DL4J's four calls ≈ 0.35 ms;
 * the dot product 17 µs), and the Trainer computes this every minibatch. Everything else (L1, schedules, several regularizations on one array,
 * an array that is not where the flat layout puts it) is scored exactly as DL4J scores it.
 *
 * <p>The sum is the same up to float rounding: OpenBLAS's {@code sdot} accumulates in float, which
 * for the MLP's 101,770 weights differs from DL4J's sum by ≈ 4e-6 relative (≈ 5e-6 of a penalty of 1.2,
 * in the recorded training loss); double networks use {@code ddot}.
 */
final class Penalty {

    /** One contiguous slice with one coefficient: {@code 0.5·coeff·‖slice‖²}. */
    private record Run(INDArray slice, double coeff) {}

    private final List<Run> runs;
    /** Terms scored as DL4J scores them: one regularization of one array, or a whole layer. */
    private final List<DoubleSupplier> singles;

    private Penalty(List<Run> runs, List<DoubleSupplier> singles) {
        this.runs = runs;
        this.singles = singles;
    }

    /**
     * Plans the penalty of a network whose parameters will not be replaced by other arrays (values
     * may change; DL4J updates them in place).
     *
     * @param net an initialized network
     * @return the plan
     */
    static Penalty of(MultiLayerNetwork net) {
        INDArray flat = net.params();
        List<Run> runs = new ArrayList<>();
        List<DoubleSupplier> singles = new ArrayList<>();
        long offset = 0;
        long runStart = -1;
        double runCoeff = 0;
        boolean layoutKnown = flat != null && !flat.isView() && flat.offset() == 0
                && (flat.rank() == 1 || flat.rank() == 2 && flat.size(0) == 1);
        for (Layer layer : net.getLayers()) {
            if (!scoresLikeBaseLayer(layer)) { // its own calcRegularizationScore: call it
                if (runStart >= 0) {
                    runs.add(new Run(slice(flat, runStart, offset), runCoeff));
                    runStart = -1;
                }
                singles.add(() -> layer.calcRegularizationScore(true));
                offset += layer.numParams();
                continue;
            }
            // BaseLayer.calcRegularizationScore: every array of paramTable(), every regularization on it
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                INDArray p = e.getValue();
                List<Regularization> regs = layer.conf().getLayer().getRegularizationByParam(e.getKey());
                boolean inPlace = layoutKnown && (p.data() == flat.data() || p.data().originalDataBuffer() == flat.data())
                        && p.offset() == offset;
                Double coeff = inPlace && regs != null && regs.size() == 1 ? fixedQuadratic(regs.get(0)) : null;
                if (coeff == null || runStart < 0 || coeff != runCoeff) {
                    if (runStart >= 0) {
                        runs.add(new Run(slice(flat, runStart, offset), runCoeff));
                        runStart = -1;
                    }
                    if (coeff != null) {
                        runStart = offset;
                        runCoeff = coeff;
                    }
                }
                if (coeff == null && regs != null) {
                    for (Regularization r : regs) {
                        singles.add(() -> r.score(p, layer.getIterationCount(), layer.getEpochCount()));
                    }
                }
                offset += p.length();
                if (!inPlace) {
                    layoutKnown = false; // views after a surprise are not trusted either
                }
            }
        }
        if (runStart >= 0) {
            runs.add(new Run(slice(flat, runStart, offset), runCoeff));
        }
        return new Penalty(List.copyOf(runs), List.copyOf(singles));
    }

    /** @return whether the layer's penalty is {@code BaseLayer}'s: the sum over its parameter arrays */
    private static boolean scoresLikeBaseLayer(Layer layer) {
        return OneDnnLayers.scoresPenaltyLikeBaseLayer(layer);
    }

    /** @return c when {@code r} scores {@code 0.5·c·‖w‖²} with a fixed c, else null */
    private static Double fixedQuadratic(Regularization r) {
        ISchedule s;
        if (r instanceof L2Regularization l2) {
            s = l2.getL2();
        } else if (r instanceof WeightDecay wd) {
            s = wd.getCoeff();
        } else {
            return null;
        }
        return s instanceof FixedSchedule ? s.valueAt(0, 0) : null;
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat.rank() == 1 ? flat.get(NDArrayIndex.interval(from, to))
                : flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to));
    }

    /** @return the number of native reductions one {@link #score()} runs */
    int reductions() {
        return runs.size() + singles.size();
    }

    /**
     * The penalty at the network's current parameters.
     *
     * @return {@code calcRegularizationScore(true)} up to float rounding
     */
    double score() {
        double sum = 0;
        for (Run r : runs) {
            sum += 0.5 * r.coeff * Nd4j.getBlasWrapper().dot(r.slice, r.slice); // BLAS dot: Σw²
        }
        for (DoubleSupplier s : singles) {
            sum += s.getAsDouble();
        }
        return sum;
    }
}
