package io.regzoo.regularize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.regzoo.zoo.ModelZoo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class InPlaceUpdaterTest {

    /** Features of shape {@code [24, ...example]}, 10 one-hot classes. */
    private static DataSet batch(int step, long... example) {
        Nd4j.getRandom().setSeed(1000 + step);
        long[] shape = new long[example.length + 1];
        shape[0] = 24;
        System.arraycopy(example, 0, shape, 1, example.length);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 24, 10);
        for (int i = 0; i < 24; i++) {
            y.putScalar(i, (i * 3 + step) % 10, 1.0);
        }
        return new DataSet(x, y);
    }

    /** L1, L2 and weight decay, batch norm (whose mean/variance "gradients" are not divided), clipping, momentum. */
    private static MultiLayerConfiguration mixed() {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).updater(new Nesterovs(0.05, 0.9))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue).gradientNormalizationThreshold(0.5)
                .list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(16).activation(Activation.RELU).l1(1e-3).l2(1e-2).build())
                .layer(new BatchNormalization.Builder().nOut(16).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(12).activation(Activation.TANH).weightDecay(1e-2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(12).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
    }

    private static void train(MultiLayerNetwork net, int from, int to, long... example) {
        for (int s = from; s < to; s++) {
            net.fit(batch(s, example));
        }
    }

    private static void assertBitIdentical(MultiLayerNetwork want, MultiLayerNetwork got, String what) {
        assertArrayEquals(want.params().data().asFloat(), got.params().data().asFloat(), what + ": parameters");
        assertArrayEquals(want.getUpdater().getStateViewArray().data().asFloat(),
                got.getUpdater().getStateViewArray().data().asFloat(), what + ": updater state");
        assertEquals(want.score(), got.score(), 0.0, what + ": score");
    }

    @Test
    void trainsBitForBitAsDl4jsUpdaterOnTheFastPath() {
        for (String model : new String[] {"mixed", "mlp-classifier", "mnist-cnn"}) {
            MultiLayerConfiguration conf = model.equals("mixed") ? mixed() : ModelZoo.defaults(model).conf();
            long[] inputs = model.equals("mixed") ? new long[] {20} : model.equals("mnist-cnn") ? new long[] {1, 28, 28} : new long[] {784};
            MultiLayerNetwork dl4j = new MultiLayerNetwork(conf.clone());
            dl4j.init();
            MultiLayerNetwork fast = new MultiLayerNetwork(conf.clone());
            fast.init();
            InPlaceUpdater.install(fast);
            int steps = model.equals("mnist-cnn") ? 4 : 12;
            train(dl4j, 0, steps, inputs);
            train(fast, 0, steps, inputs);
            InPlaceUpdater u = assertInstanceOf(InPlaceUpdater.class, fast.getUpdater());
            assertEquals(steps, u.ownViewSteps(), model + ": every step took DL4J's own-gradient path");
            assertBitIdentical(dl4j, fast, model);
        }
    }

    @Test
    void keepsTheStateOfAnUpdaterThatHasTrainedAndSurvivesSaving() throws Exception {
        MultiLayerNetwork a = new MultiLayerNetwork(mixed());
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(mixed());
        b.init();
        train(a, 0, 5, 20);
        train(b, 0, 5, 20);
        INDArray state = b.getUpdater().getStateViewArray();
        InPlaceUpdater.install(b);
        assertSame(state, b.getUpdater().getStateViewArray(), "the same state array, not a copy");
        assertSame(b.getUpdater(), InPlaceUpdater.install(b).getUpdater(), "installing twice changes nothing");
        train(a, 5, 10, 20);
        train(b, 5, 10, 20);
        assertBitIdentical(a, b, "installed after 5 steps");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(b, bytes, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        InPlaceUpdater.install(loaded);
        train(a, 10, 13, 20);
        train(loaded, 10, 13, 20);
        assertBitIdentical(a, loaded, "saved, loaded and installed again");
    }

    @Test
    void refusesAnUninitializedNetwork() {
        assertThrows(IllegalStateException.class, () -> InPlaceUpdater.install(new MultiLayerNetwork(mixed())));
    }
}
