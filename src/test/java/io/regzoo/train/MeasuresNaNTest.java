package io.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A diverged network's accuracy is NaN, not DL4J's "Cannot perform evaluation with NaNs present". */
class MeasuresNaNTest {

    private static MultiLayerNetwork classifier() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static DataSet data() {
        return new DataSet(Nd4j.rand(8, 4), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1));
    }

    @Test
    void nanOrInfiniteWeightsGiveANanAccuracyInsteadOfThrowing() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            MultiLayerNetwork net = classifier();
            net.params().assign(bad);
            double acc = Measures.accuracy(net, data());
            assertTrue(Double.isNaN(acc), bad + ": " + acc);
        }
        double ok = Measures.accuracy(classifier(), data());
        assertTrue(ok >= 0 && ok <= 1, "a finite network is still measured: " + ok);
    }
}
