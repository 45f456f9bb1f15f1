package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The documents' CNN learns on real digits: the shipped 600-image MNIST sample, two epochs. */
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
}
