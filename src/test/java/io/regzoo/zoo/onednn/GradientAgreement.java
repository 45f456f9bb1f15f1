package io.regzoo.zoo.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The oneDNN layer tests' comparison of two networks' loss and gradients on one batch. */
final class GradientAgreement {

    private GradientAgreement() {}

    /**
     * One {@code computeGradientAndScore} of each network on {@code batch} (same random seed, so
     * the same dropout masks): the scores agree within 1e-5 relative, every gradient within 1e-4
     * of its norm (plus 2e-6 of the whole gradient's, for a bias before batch norm whose true
     * gradient is 0 and whose float rounding scales with the rest).
     */
    static void assertGradientsAgree(String what, MultiLayerNetwork fast, MultiLayerNetwork ref, DataSet batch) {
        fast.setInput(batch.getFeatures());
        fast.setLabels(batch.getLabels());
        ref.setInput(batch.getFeatures());
        ref.setLabels(batch.getLabels());
        Nd4j.getRandom().setSeed(42);
        fast.computeGradientAndScore();
        Nd4j.getRandom().setSeed(42);
        ref.computeGradientAndScore();
        System.out.printf("%-10s score %.7f vs %.7f%n", what, fast.score(), ref.score());
        assertEquals(ref.score(), fast.score(), 1e-5 * Math.max(1, ref.score()), what + ": loss");
        Gradient gf = fast.gradient();
        Gradient gr = ref.gradient();
        double total = ref.getFlattenedGradients().norm2Number().doubleValue();
        assertEquals(gr.gradientForVariable().keySet(), gf.gradientForVariable().keySet(), what);
        for (String key : gr.gradientForVariable().keySet()) {
            INDArray a = gf.getGradientFor(key);
            INDArray b = gr.getGradientFor(key);
            double scale = Math.max(b.norm2Number().doubleValue(), 1e-6);
            double diff = a.sub(b).norm2Number().doubleValue();
            System.out.printf("%-8s %-12s |grad| %.4g  |diff| %.3g%n", what, key, scale, diff);
            // a bias before batch norm has a true gradient of 0: float rounding scales with the whole gradient
            assertTrue(diff < 1e-4 * scale + 2e-6 * total, what + " " + key + ": |diff| " + diff + " vs |grad| " + scale);
        }
    }
}
