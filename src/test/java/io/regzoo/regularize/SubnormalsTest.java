package io.regzoo.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.regzoo.zoo.MlpClassifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SubnormalsTest {

    private static final float TINY = Float.MIN_NORMAL / 8; // subnormal

    @Test
    void flushStoresZeroForSubnormalsOnly() {
        INDArray a = Nd4j.createFromArray(new float[] {TINY, -TINY, Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 0f, 1e-30f, 3f})
                .reshape(1, 8);
        assertEquals(3, new Subnormals().flush(a));
        assertEquals(Nd4j.createFromArray(new float[] {0, 0, 0, Float.MIN_NORMAL, -Float.MIN_NORMAL, 0, 1e-30f, 3}).reshape(1, 8), a);
        INDArray big = Nd4j.zeros(DataType.FLOAT, 20_000); // more than one bulk chunk
        big.putScalar(19_999, TINY);
        big.putScalar(8_192, -TINY);
        assertEquals(2, new Subnormals().flush(big));
        assertEquals(0.0, big.sumNumber().doubleValue(), 0.0);
        assertEquals(0, new Subnormals().flush(Nd4j.createFromArray(new double[] {1e-310})), "double arrays are left alone");
    }

    @Test
    void adamsDecayingMomentsReachZeroNotTheSubnormalRange() {
        FloatBuffer g = floats(1);
        FloatBuffer m = floats(1);
        FloatBuffer v = floats(1);
        m.put(0, 1e-36f);
        v.put(0, 1e-37f);
        g.put(0, 0f); // no gradient any more: m shrinks by β₁ per step
        int subnormalSteps = 0;
        for (int t = 0; t < 120; t++) { // 0.9^50 · 1e-36 is subnormal
            FusedAdam.Updater.update(g, m, v, 1, 1e-3f, 0.9f, 0.999f, 1e-8f, 100 + t);
            if (m.get(0) != 0f && m.get(0) < Float.MIN_NORMAL) {
                subnormalSteps++;
            }
            assertEquals(true, v.get(0) >= Float.MIN_NORMAL, "v at step " + t + ": " + v.get(0));
            g.put(0, 0f);
        }
        assertEquals(0f, m.get(0), "flushed to 0");
        assertEquals(true, subnormalSteps > 0 && subnormalSteps < Subnormals.EVERY,
                "subnormal for fewer than " + Subnormals.EVERY + " steps: " + subnormalSteps);
    }

    @Test
    void theUpdaterFlushesSubnormalWeightsOfATrainingNetwork() {
        MultiLayerNetwork net = MlpClassifier.builder().seed(3).build().init();
        INDArray w = net.getLayer(0).getParam("W");
        for (int i = 0; i < 5; i++) {
            w.putScalar(i, 7, TINY);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i, 1.0);
        }
        net.fit(new DataSet(x, y));
        InPlaceUpdater u = (InPlaceUpdater) net.getUpdater();
        assertEquals(5, u.flushedParams());
    }

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
