package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainTest;
import io.regzoo.regularize.Regularization;
import java.lang.reflect.Field;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** The zoo's networks run DL4J's oneDNN layer helpers, and they train like DL4J's own layer code. */
class LayerHelpersTest {

    private static Object convHelper(MultiLayerNetwork net) throws ReflectiveOperationException {
        Field f = ConvolutionLayer.class.getDeclaredField("helper");
        f.setAccessible(true);
        return f.get(net.getLayer(0));
    }

    /** Builds a network with the helpers switched off, then restores the property (also for BatchNormInferenceTest). */
    static MultiLayerNetwork withoutHelpers(MnistCnn cnn) {
        String before = System.getProperty(LayerHelpers.DISABLE_PROPERTY);
        System.setProperty(LayerHelpers.DISABLE_PROPERTY, "true");
        try {
            return cnn.init();
        } finally {
            if (before == null) {
                System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
            } else {
                System.setProperty(LayerHelpers.DISABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void zooNetworksGetTheOneDnnConvolutionHelper() throws ReflectiveOperationException {
        MultiLayerNetwork net = MnistCnn.builder().build().init();
        assertTrue(LayerHelpers.active(), "helpers should be active: " + LayerHelpers.describe());
        assertEquals("oneDNN", LayerHelpers.describe());
        assertInstanceOf(MKLDNNConvHelper.class, convHelper(net), "conv1 runs through oneDNN");
        assertNull(convHelper(withoutHelpers(MnistCnn.builder().build())), "-D" + LayerHelpers.DISABLE_PROPERTY + "=true wins");
    }

    /** Same seed, same batches, same dropout masks: the oneDNN path ends where DL4J's own code ends. */
    @Test
    void helpersTrainToTheSameParametersAsDl4jsOwnLayers() {
        TrainTest sample = MnistSample.load();
        MnistCnn cnn = MnistCnn.builder().seed(5)
                .regularization(Regularization.builder().weightDecay(5e-4).dropoutRate(0.25).build()).build();
        MultiLayerNetwork fast = cnn.init();
        MultiLayerNetwork plain = withoutHelpers(cnn);
        DataSetIterator it = sample.train().iterator(50, 7);
        int steps = 0;
        while (it.hasNext() && steps++ < 8) {
            DataSet batch = it.next();
            Nd4j.getRandom().setSeed(100 + steps);
            fast.fit(batch);
            Nd4j.getRandom().setSeed(100 + steps);
            plain.fit(batch);
        }
        double diff = fast.params().sub(plain.params()).norm2Number().doubleValue();
        double moved = plain.params().sub(cnn.init().params()).norm2Number().doubleValue();
        System.out.printf("oneDNN vs DL4J layers after %d steps: |diff| %.3g, |update| %.3g%n", steps - 1, diff, moved);
        assertTrue(moved > 1e-2, "training moved the weights: " + moved);
        assertTrue(diff < 1e-3 * moved, "oneDNN and DL4J's own layers diverge: |diff| " + diff + " vs |update| " + moved);
        DataSet test = sample.test().toDataSet();
        assertEquals(plain.score(test), fast.score(test), 1e-4, "test loss");
    }
}
