package io.regzoo.zoo.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainTest;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.LayerHelpers;
import io.regzoo.zoo.MnistCnn;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * regzoo's oneDNN convolution and pooling layers compute what DL4J's own layers compute (float
 * tolerance: oneDNN is float32 only; DL4J's layers are checked in double by {@code GradientCheckTest},
 * which also covers these layers' fallback path), and a model with them saves and loads.
 */
class OneDnnLayersTest {

    /** Builds with DL4J's oneDNN helpers off, so the reference is DL4J's own layer code. */
    private static MultiLayerNetwork plain(MnistCnn cnn) {
        String before = System.getProperty(LayerHelpers.DISABLE_PROPERTY);
        System.setProperty(LayerHelpers.DISABLE_PROPERTY, "true");
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(cnn.toBuilder().oneDnn(false).build().conf());
            net.init();
            return net;
        } finally {
            if (before == null) {
                System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
            } else {
                System.setProperty(LayerHelpers.DISABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void theZooCnnUsesTheOneDnnLayersByDefault() {
        assertTrue(OneDnn.available(), OneDnn.describe());
        MultiLayerNetwork net = MnistCnn.builder().build().init();
        assertInstanceOf(OneDnnConvolutionImpl.class, net.getLayer(0));
        assertInstanceOf(OneDnnMaxPoolingImpl.class, net.getLayer(1));
        assertInstanceOf(OneDnnConvolutionImpl.class, net.getLayer(2));
        assertInstanceOf(OneDnnMaxPoolingImpl.class, net.getLayer(3));
        assertEquals(false, ((OneDnnConvolution) net.getLayer(0).conf().getLayer()).isInputGradient());
        assertEquals(true, ((OneDnnConvolution) net.getLayer(2).conf().getLayer()).isInputGradient());
        MultiLayerNetwork dl4j = MnistCnn.builder().oneDnn(false).build().init();
        assertEquals(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, dl4j.getLayer(0).getClass());
    }

    /** One batch, same parameters: the loss and every parameter's gradient agree with DL4J's layers. */
    @Test
    void gradientsMatchDl4jsOwnLayers() {
        DataSet batch = MnistSample.load().train().iterator(32, 3).next();
        for (Regularization r : new Regularization[] {Regularization.none(),
                Regularization.builder().batchNorm(true).build()}) {
            MnistCnn cnn = MnistCnn.builder().seed(7).regularization(r).build();
            MultiLayerNetwork fast = cnn.init();
            MultiLayerNetwork ref = plain(cnn);
            ref.setParams(fast.params());
            fast.setInput(batch.getFeatures());
            fast.setLabels(batch.getLabels());
            ref.setInput(batch.getFeatures());
            ref.setLabels(batch.getLabels());
            fast.computeGradientAndScore();
            ref.computeGradientAndScore();
            assertEquals(ref.score(), fast.score(), 1e-5, "loss");
            Gradient gf = fast.gradient();
            Gradient gr = ref.gradient();
            // float rounding scales with the whole gradient: a conv bias before batch norm has a true gradient of 0
            double total = ref.getFlattenedGradients().norm2Number().doubleValue();
            for (String key : gr.gradientForVariable().keySet()) {
                INDArray a = gf.getGradientFor(key);
                INDArray b = gr.getGradientFor(key);
                double scale = Math.max(b.norm2Number().doubleValue(), 1e-6);
                double diff = a.sub(b).norm2Number().doubleValue();
                System.out.printf("%s %-10s |grad| %.4g  |diff| %.3g%n", r.batchNorm() ? "bn" : "--", key, scale, diff);
                assertTrue(diff < 1e-4 * scale + 2e-6 * total, key + ": |diff| " + diff + " vs |grad| " + scale);
            }
        }
    }

    /** Same seed, same batches, same dropout masks: the oneDNN layers end where DL4J's own layers end. */
    @Test
    void trainsToTheSameParametersAsDl4jsOwnLayers() {
        TrainTest sample = MnistSample.load();
        MnistCnn cnn = MnistCnn.builder().seed(5)
                .regularization(Regularization.builder().weightDecay(5e-4).dropoutRate(0.25).build()).build();
        MultiLayerNetwork fast = cnn.init();
        MultiLayerNetwork ref = plain(cnn);
        DataSetIterator it = sample.train().iterator(50, 7);
        int steps = 0;
        while (it.hasNext() && steps++ < 8) {
            DataSet batch = it.next();
            Nd4j.getRandom().setSeed(100 + steps);
            fast.fit(batch);
            Nd4j.getRandom().setSeed(100 + steps);
            ref.fit(batch);
        }
        double diff = fast.params().sub(ref.params()).norm2Number().doubleValue();
        double moved = ref.params().sub(cnn.init().params()).norm2Number().doubleValue();
        System.out.printf("oneDNN layers vs DL4J's after %d steps: |diff| %.3g, |update| %.3g%n", steps - 1, diff, moved);
        assertTrue(moved > 1e-2, "training moved the weights: " + moved);
        assertTrue(diff < 1e-3 * moved, "oneDNN and DL4J's own layers diverge: |diff| " + diff + " vs |update| " + moved);
        DataSet test = sample.test().toDataSet();
        assertEquals(ref.score(test), fast.score(test), 1e-4, "test loss");
    }

    /** A saved model loads (with regzoo on the class path), keeps its layers and predicts the same. */
    @Test
    void savedModelLoads(@TempDir Path dir) throws Exception {
        DataSet batch = MnistSample.load().train().iterator(16, 1).next();
        MultiLayerNetwork net = MnistCnn.builder().seed(3).build().init();
        net.fit(batch);
        File f = dir.resolve("cnn.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
        assertInstanceOf(OneDnnConvolutionImpl.class, back.getLayer(0));
        assertEquals(false, ((OneDnnConvolution) back.getLayer(0).conf().getLayer()).isInputGradient());
        assertInstanceOf(OneDnnMaxPoolingImpl.class, back.getLayer(3));
        assertEquals(net.params(), back.params());
        assertEquals(net.output(batch.getFeatures()), back.output(batch.getFeatures()));
        back.fit(batch); // training resumes with the updater state
        MultiLayerConfiguration json = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), json);
    }

    /** {@link OneDnnLayers#toDl4j} gives DL4J's own layers, same parameters, updater state and predictions. */
    @Test
    void convertsToDl4jsOwnLayers(@TempDir Path dir) throws Exception {
        DataSet batch = MnistSample.load().train().iterator(16, 1).next();
        MultiLayerNetwork net = MnistCnn.builder().seed(3).build().init();
        net.fit(batch);
        MultiLayerNetwork plain = OneDnnLayers.toDl4j(net);
        String json = plain.getLayerWiseConfigurations().toJson();
        assertTrue(!json.contains("io.regzoo") && !json.contains("inputGradient"), json);
        MultiLayerConfiguration dl4j = MnistCnn.builder().seed(3).oneDnn(false).build().conf();
        for (int i = 0; i < dl4j.getConfs().size(); i++) {
            assertEquals(dl4j.getConf(i).getLayer(), plain.getLayerWiseConfigurations().getConf(i).getLayer(), "layer " + i);
        }
        File f = dir.resolve("plain.zip").toFile();
        ModelSerializer.writeModel(plain, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, back.getLayer(0).getClass());
        assertEquals(org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer.class, back.getLayer(1).getClass());
        assertEquals(net.params(), back.params());
        assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        INDArray a = net.output(batch.getFeatures());
        INDArray b = back.output(batch.getFeatures());
        assertTrue(a.equalsWithEps(b, 1e-5), "predictions");
    }
}
