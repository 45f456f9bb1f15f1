package io.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.MlpClassifier;
import io.regzoo.zoo.MlpRegressor;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooNetwork;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Penalty's sum equals DL4J's {@code calcRegularizationScore(true)} for every kind of penalty regzoo
 * sets, before and after training steps, and runs one reduction where arrays share a coefficient.
 */
class PenaltyTest {

    private static void assertSameAsDl4j(ZooNetwork network, int wantReductions) {
        MultiLayerNetwork net = network.init();
        Penalty p = Penalty.of(net);
        if (wantReductions >= 0) {
            assertEquals(wantReductions, p.reductions(), network.toString());
        }
        long[] in = network.inputShape();
        long[] shape = new long[in.length + 1];
        shape[0] = 8;
        System.arraycopy(in, 0, shape, 1, in.length);
        Nd4j.getRandom().setSeed(5);
        DataSet d = new DataSet(Nd4j.rand(DataType.FLOAT, shape),
                network.isClassifier() ? Nd4j.eye(network.numOutputs()).getRows(0, 1, 2, 0, 1, 2, 0, 1).castTo(DataType.FLOAT)
                        : Nd4j.rand(DataType.FLOAT, 8, network.numOutputs()));
        for (int step = 0; step < 3; step++) { // DL4J updates the parameters in place: the plan stays valid
            double dl4j = net.calcRegularizationScore(true);
            // float BLAS dot vs libnd4j's norm2: ≈ 4e-6 relative for the 101,770 weights of the MLP
            assertEquals(dl4j, p.score(), 2e-5 * Math.max(1, Math.abs(dl4j)), network + " step " + step);
            net.fit(d);
        }
    }

    @Test
    void theMlpsSharedL2IsOneReduction() {
        MlpClassifier mlp = MlpClassifier.builder().build(); // L2 0.01 on kernels and biases: one slice
        assertSameAsDl4j(mlp, 1);
        assertTrue(mlp.init().calcRegularizationScore(true) > 0.1, "the document's L2 is not negligible");
    }

    @Test
    void differentCoefficientsAndPenaltyKindsAgreeWithDl4j() {
        assertSameAsDl4j(MlpClassifier.builder().regularization(Regularization.none()).build(), 0);
        // kernel 0.01, bias 0.001: kernel, bias, kernel, bias = four runs
        assertSameAsDl4j(MlpClassifier.builder().regularization(Regularization.builder().l2(0.01).l2Bias(0.001).build()).build(), 4);
        // kernels only: two runs (the biases in between have no penalty)
        assertSameAsDl4j(MlpClassifier.builder().regularization(Regularization.builder().l2(0.01).build()).build(), 2);
        assertSameAsDl4j(MlpClassifier.builder().regularization(Regularization.builder().weightDecay(0.5).build()).build(), -1);
        // L1 is scored as DL4J scores it, one array at a time
        assertSameAsDl4j(MlpClassifier.builder().regularization(Regularization.builder().l1(0.001).l2(0.01).build()).build(), -1);
        assertSameAsDl4j(MlpRegressor.builder().regularization(Regularization.builder().l2(0.01).l2Bias(0.01).batchNorm(true)
                .build()).build(), -1);
        assertSameAsDl4j(MlpClassifier.builder().dataType(DataType.DOUBLE).build(), 1);
        MultiLayerNetwork dbl = MlpClassifier.builder().dataType(DataType.DOUBLE).build().init();
        assertEquals(dbl.calcRegularizationScore(true), Penalty.of(dbl).score(), 1e-12, "double: ddot");
        for (String name : List.of("mnist-cnn", "mlp-regressor")) {
            assertSameAsDl4j(ModelZoo.defaults(name), -1);
        }
    }
}
