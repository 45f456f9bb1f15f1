package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainTest;
import io.regzoo.regularize.Regularization;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The documents' CNN learns on real digits: the shipped 600-image MNIST sample, two epochs. */
@org.junit.jupiter.api.Tag("slow")
class MnistCnnSampleTest {

    @Test
    void lossFallsOnTheShippedSample() {
        TrainTest sample = MnistSample.load();
        ZooNetwork cnn = MnistCnn.builder().seed(1).build();
        MultiLayerNetwork net = cnn.init();
        DataSet test = sample.test().toDataSet();
        cnn.checkInput(test.getFeatures());
        double before = net.score(test);
        DataSetIterator it = sample.train().iterator(32, 7);
        for (int epoch = 0; epoch < 2; epoch++) {
            it.reset();
            net.fit(it);
        }
        double after = net.score(test);
        double accuracy = net.evaluate(sample.test().iterator(100)).accuracy();
        System.out.printf("mnist-cnn on the 600-digit sample: test loss %.3f -> %.3f, accuracy %.3f%n", before, after, accuracy);
        assertTrue(after < 0.6 * before, "test loss should fall well below its start: " + before + " -> " + after);
        assertTrue(accuracy > 0.6, "accuracy after two epochs on 600 digits: " + accuracy);
    }

    /**
     * The faster default (cache mode HOST: backprop reuses the forward pass's im2col matrix) trains
     * to the same parameters as DL4J's default NONE, with dropout and weight decay on.
     */
    @Test
    void cacheModeHostTrainsLikeNone() {
        TrainTest sample = MnistSample.load();
        MnistCnn host = MnistCnn.builder().seed(3)
                .regularization(Regularization.builder().weightDecay(5e-4).dropoutRate(0.25).build()).build();
        assertEquals(CacheMode.HOST, host.cacheMode(), "default cache mode");
        assertEquals(CacheMode.HOST, host.conf().getConf(0).getCacheMode(), "cache mode reaches the DL4J configuration");
        MnistCnn none = host.toBuilder().cacheMode(CacheMode.NONE).build();
        assertEquals(CacheMode.NONE, none.conf().getConf(0).getCacheMode());
        MultiLayerNetwork a = host.init();
        MultiLayerNetwork b = none.init();
        DataSetIterator it = sample.train().iterator(50, 7);
        int steps = 0;
        while (it.hasNext() && steps++ < 6) {
            DataSet batch = it.next();
            Nd4j.getRandom().setSeed(100 + steps); // the same dropout masks for both
            a.fit(batch);
            Nd4j.getRandom().setSeed(100 + steps);
            b.fit(batch);
        }
        double diff = a.params().sub(b.params()).norm2Number().doubleValue();
        double moved = a.params().norm2Number().doubleValue();
        assertTrue(diff <= 1e-5 * moved, "HOST and NONE parameters differ by " + diff + " (|w| " + moved + ")");
        assertTrue(a.params().sub(host.init().params()).norm2Number().doubleValue() > 1e-3, "training moved the weights");
    }
}
