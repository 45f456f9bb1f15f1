package io.regzoo.zoo.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class PenaltyScoreTest {

    /** Convolution (4-d c-order kernels), dense ('f'-order [nIn, nOut]) and output layers, each regularized differently. */
    private static MultiLayerNetwork net(DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type).updater(new Sgd(0.1)).list()
                .layer(new OneDnnConvolution.Builder(3, 3).nOut(4).activation(Activation.RELU).l2(0.03).build())
                .layer(new OneDnnDense.Builder().nOut(9).activation(Activation.RELU).l1(0.002).l2(0.01).build())
                .layer(new OneDnnOutput.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                        .weightDecay(0.02).regularizationBias(List.of(new org.nd4j.linalg.learning.regularization.L2Regularization(
                                new ExponentialSchedule(ScheduleType.ITERATION, 0.05, 0.9))))
                        .build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.params().assign(net.params().mul(3)); // weights that are not all tiny
        net.setIterationCount(4);
        return net;
    }

    /** DL4J's definition: every regularization's {@code score} of every parameter array. */
    static double dl4jScore(Layer layer) {
        double sum = 0;
        for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
            List<Regularization> regs = layer.conf().getLayer().getRegularizationByParam(e.getKey());
            if (regs != null) {
                for (Regularization r : regs) {
                    sum += r.score(e.getValue(), layer.getIterationCount(), layer.getEpochCount());
                }
            }
        }
        return sum;
    }

    @Test
    void scoresAsDl4jDefinesIt() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerNetwork net = net(type);
            assertInstanceOf(OneDnnOutputImpl.class, net.getLayer(2));
            int[] dots = {1, 1, 2}; // L2 of W; L2 of W (its L1 is DL4J's); weight decay of W, the L2 schedule of b
            for (int i = 0; i < 3; i++) {
                Layer layer = net.getLayer(i);
                long before = PenaltyScore.DOT_TERMS.get();
                double want = dl4jScore(layer);
                assertNotEquals(0.0, want);
                double got = layer.calcRegularizationScore(true);
                assertEquals(want, got, (type == DataType.FLOAT ? 1e-6 : 1e-12) * want, type + " layer " + i);
                assertEquals(dots[i], PenaltyScore.DOT_TERMS.get() - before, "terms scored by a dot product, layer " + i);
                assertEquals(got, layer.calcRegularizationScore(true), 0.0, "the cached views give the same again");
            }
            double total = dl4jScore(net.getLayer(0)) + dl4jScore(net.getLayer(1)) + dl4jScore(net.getLayer(2));
            assertEquals(total, net.calcRegularizationScore(true), 1e-6 * total, type + " network");
            net.params().muli(0.5); // in place: the views see the new values
            assertEquals(dl4jScore(net.getLayer(1)), net.getLayer(1).calcRegularizationScore(true),
                    1e-6 * dl4jScore(net.getLayer(1)), "after the parameters changed in place");
        }
    }
}
