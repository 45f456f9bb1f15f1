package io.regzoo.zoo.onednn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * A layer's {@code calcRegularizationScore}, as DL4J's {@code BaseLayer} computes it (every
 * regularization of every parameter array, summed in the parameter table's order), with L2 and
 * weight decay's {@code 0.5·c·‖w‖²} taken from one BLAS dot product of the array with itself instead
 * of libnd4j's {@code norm2} reduction: DL4J computes this score every training step, and its
 * {@code norm2} is slow scalar code (7% of the MLP's step at batch 256; docs/PERFORMANCE.md). The sum
 * agrees with DL4J's to float rounding (OpenBLAS's {@code sdot} accumulates in float; {@code ddot}
 * for double networks). L1 and any other regularization, and arrays that are not one contiguous
 * block, are scored by DL4J's own {@code Regularization.score}.
 */
final class PenaltyScore {

    /** Terms scored by a dot product so far, in all layers (for tests). */
    static final java.util.concurrent.atomic.AtomicLong DOT_TERMS = new java.util.concurrent.atomic.AtomicLong();

    /** Per parameter name: the array last seen, and its 1-D view (made once, reused every step). */
    private final Map<String, INDArray[]> flat = new HashMap<>();

    /**
     * @param layer the layer (its configuration's regularizations, iteration and epoch)
     * @param params its parameter table
     * @return the layer's regularization score, as DL4J's {@code BaseLayer} defines it
     */
    double score(BaseLayer<?> layer, Map<String, INDArray> params) {
        int iteration = layer.getIterationCount();
        int epoch = layer.getEpochCount();
        double sum = 0.0;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            List<Regularization> regs = layer.layerConf().getRegularizationByParam(e.getKey());
            if (regs == null || regs.isEmpty()) {
                continue;
            }
            INDArray p = e.getValue();
            for (Regularization r : regs) {
                ISchedule c = quadratic(r);
                INDArray v = c == null ? null : vector(e.getKey(), p);
                if (v == null) {
                    sum += r.score(p, iteration, epoch);
                } else {
                    sum += c.valueAt(iteration, epoch) * 0.5 * Nd4j.getBlasWrapper().dot(v, v);
                    DOT_TERMS.incrementAndGet();
                }
            }
        }
        return sum;
    }

    /** @return the coefficient of a regularization scored {@code 0.5·c·‖w‖²}, else null */
    private static ISchedule quadratic(Regularization r) {
        if (r.getClass() == L2Regularization.class) {
            return ((L2Regularization) r).getL2();
        }
        if (r.getClass() == WeightDecay.class) {
            return ((WeightDecay) r).getCoeff();
        }
        return null;
    }

    /** @return a 1-D view of {@code p}'s elements when they are one contiguous block, else null */
    private INDArray vector(String name, INDArray p) {
        INDArray[] seen = flat.get(name);
        if (seen != null && seen[0] == p) {
            return seen[1];
        }
        INDArray v = null;
        if (p.length() > 0 && (p.dataType().isFPType()) && contiguous(p)) {
            v = p.reshape(p.ordering(), new long[] {p.length()});
            if (v.data() != p.data() && v.data().originalDataBuffer() != p.data().originalDataBuffer()) {
                v = null; // reshape copied: not a view
            }
        }
        flat.put(name, new INDArray[] {p, v});
        return v;
    }

    /** @return whether the array's elements lie without gaps in its own order (size-1 dimensions aside) */
    private static boolean contiguous(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expect = 1;
        if (a.ordering() == 'c') {
            for (int i = shape.length - 1; i >= 0; i--) {
                if (shape[i] != 1 && stride[i] != expect) {
                    return false;
                }
                expect *= shape[i];
            }
        } else {
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] != 1 && stride[i] != expect) {
                    return false;
                }
                expect *= shape[i];
            }
        }
        return true;
    }
}
