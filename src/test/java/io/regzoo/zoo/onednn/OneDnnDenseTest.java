package io.regzoo.zoo.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainTest;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.LayerHelpers;
import io.regzoo.zoo.MlpClassifier;
import io.regzoo.zoo.MnistCnn;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * regzoo's oneDNN dense layer computes what DL4J's own {@code DenseLayer} computes (float tolerance:
 * oneDNN is float32 only; DL4J's layer is checked in double by {@code GradientCheckTest}, which also
 * runs this layer's fallback path), skips the input gradient when told to, and converts back.
 */
class OneDnnDenseTest {

    private static final Regularization DROPOUT = Regularization.builder().l2(0.01).l2Bias(0.01)
            .dropoutRate(0.3).dropoutBeforeOutput(true).build();
    private static final Regularization BATCH_NORM = Regularization.builder().l2(0.01).batchNorm(true).build();

    /** DL4J's own layers with DL4J's helpers off: the reference. */
    private static MultiLayerNetwork plain(MultiLayerConfiguration conf) {
        String before = System.getProperty(LayerHelpers.DISABLE_PROPERTY);
        System.setProperty(LayerHelpers.DISABLE_PROPERTY, "true");
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
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

    private static DataSet flat(DataSet d) {
        INDArray f = d.getFeatures();
        return new DataSet(f.reshape('c', f.size(0), f.length() / f.size(0)), d.getLabels());
    }

    @Test
    void theZooMlpAndCnnUseTheOneDnnDenseLayerByDefault() {
        assertTrue(OneDnn.available(), OneDnn.describe());
        MultiLayerNetwork mlp = MlpClassifier.builder().build().init();
        assertInstanceOf(OneDnnDenseImpl.class, mlp.getLayer(0));
        assertEquals(false, ((OneDnnDense) mlp.getLayer(0).conf().getLayer()).isInputGradient());
        assertEquals(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class,
                MlpClassifier.builder().oneDnn(false).build().init().getLayer(0).getClass());
        MultiLayerNetwork bn = MlpClassifier.builder().regularization(BATCH_NORM).build().init();
        assertInstanceOf(OneDnnDenseImpl.class, bn.getLayer(0));
        assertEquals(Activation.IDENTITY.getActivationFunction(), ((DenseLayer) bn.getLayer(0).conf().getLayer()).getActivationFn());
        MultiLayerNetwork cnn = MnistCnn.builder().build().init();
        assertEquals("dense", cnn.getLayer(4).conf().getLayer().getLayerName());
        assertInstanceOf(OneDnnDenseImpl.class, cnn.getLayer(4));
        assertEquals(true, ((OneDnnDense) cnn.getLayer(4).conf().getLayer()).isInputGradient());
        assertEquals(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class,
                MnistCnn.builder().oneDnn(false).build().init().getLayer(4).getClass());
    }

    /** The builder keeps every DL4J setting (copied from DL4J's own built layer) and the JSON round-trips. */
    @Test
    void builderKeepsDl4jsSettings() {
        DenseLayer dl4j = new DenseLayer.Builder().nIn(7).nOut(3).hasBias(false).activation(Activation.RELU)
                .l2(0.5).dropOut(0.8).name("d").build();
        OneDnnDense ours = (OneDnnDense) new OneDnnDense.Builder().inputGradient(false).nIn(7).nOut(3).hasBias(false)
                .activation(Activation.RELU).l2(0.5).dropOut(0.8).name("d").build();
        assertEquals(dl4j.toString().replace("DenseLayer(", ""), ours.toString().replace("DenseLayer(", ""));
        assertEquals(false, ours.isInputGradient());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(ours)
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(3).nOut(2).build()).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(false, ((OneDnnDense) back.getConf(0).getLayer()).isInputGradient());
        OneDnnDense on = ours.clone();
        on.setInputGradient(true);
        assertTrue(!on.equals(ours));
    }

    /** One MNIST batch, same parameters: the loss and every parameter gradient agree with DL4J's layer. */
    @Test
    void mlpGradientsMatchDl4jsOwnLayer() {
        DataSet batch = flat(MnistSample.load().train().iterator(64, 3).next());
        for (Regularization r : new Regularization[] {Regularization.none(), MlpClassifier.DOCUMENT_REGULARIZATION,
                DROPOUT, BATCH_NORM}) {
            MlpClassifier mlp = MlpClassifier.builder().seed(7).regularization(r).build();
            MultiLayerNetwork fast = mlp.init();
            MultiLayerNetwork ref = plain(mlp.toBuilder().oneDnn(false).build().conf());
            ref.setParams(fast.params());
            GradientAgreement.assertGradientsAgree(r == DROPOUT ? "dropout" : r.batchNorm() ? "bn" : "mlp", fast, ref, batch);
        }
    }

    /** The CNN's dense layer (input gradient on, dropout on its input, after the flattening preprocessor). */
    @Test
    void cnnGradientsMatchDl4jsOwnLayers() {
        DataSet batch = MnistSample.load().train().iterator(32, 3).next();
        for (Regularization r : new Regularization[] {Regularization.builder().dropoutRate(0.25).build(),
                Regularization.builder().batchNorm(true).build()}) {
            MnistCnn cnn = MnistCnn.builder().seed(7).regularization(r).build();
            MultiLayerNetwork fast = cnn.init();
            MultiLayerNetwork ref = plain(cnn.toBuilder().oneDnn(false).build().conf());
            ref.setParams(fast.params());
            GradientAgreement.assertGradientsAgree(r.batchNorm() ? "cnn-bn" : "cnn-drop", fast, ref, batch);
        }
    }

    /** Same seed, same batches, same dropout masks: several Adam steps end where DL4J's own layer ends. */
    @Test
    void mlpTrainsToTheSameParametersAsDl4jsOwnLayer() {
        TrainTest sample = MnistSample.load();
        for (Regularization r : new Regularization[] {DROPOUT, BATCH_NORM}) {
            MlpClassifier mlp = MlpClassifier.builder().seed(5).regularization(r).build();
            MultiLayerNetwork fast = mlp.init();
            MultiLayerNetwork ref = plain(mlp.toBuilder().oneDnn(false).build().conf());
            DataSetIterator it = sample.train().iterator(50, 7);
            int steps = 0;
            while (it.hasNext() && steps++ < 10) {
                DataSet batch = flat(it.next());
                Nd4j.getRandom().setSeed(100 + steps);
                fast.fit(batch);
                Nd4j.getRandom().setSeed(100 + steps);
                ref.fit(batch);
            }
            double diff = fast.params().sub(ref.params()).norm2Number().doubleValue();
            double moved = ref.params().sub(mlp.init().params()).norm2Number().doubleValue();
            double biasDiff = fast.getParam("0_b").sub(ref.getParam("0_b")).norm2Number().doubleValue();
            System.out.printf("MLP %s, oneDNN vs DL4J's after %d steps: |diff| %.3g (hidden bias %.3g), |update| %.3g%n",
                    r.batchNorm() ? "bn" : "dropout", steps - 1, diff, biasDiff, moved);
            assertTrue(moved > 1e-2, "training moved the weights: " + moved);
            // with batch norm the hidden bias's true gradient is 0: Adam turns its float noise into
            // steps of ±learning rate, so the runs differ there (measured: 1.8e-3 of the 1.9e-3, update 3.65)
            assertTrue(diff < 1e-3 * moved, "oneDNN and DL4J's own layer diverge: |diff| " + diff + " vs |update| " + moved);
            DataSet test = flat(sample.test().toDataSet());
            assertEquals(ref.score(test), fast.score(test), 1e-4, "test loss");
        }
    }

    /**
     * The layer alone against DL4J's: the same epsilon gives the same gradients; with
     * {@code inputGradient(false)} it returns no input gradient at all, else DL4J's (also for an
     * input in 'f' order, which the layer copies to row-major first).
     */
    @Test
    void inputGradientIsSkippedOrMatchesDl4js() throws ReflectiveOperationException {
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        for (boolean inputGradient : new boolean[] {false, true}) {
            for (char order : new char[] {'c', 'f', 'p'}) { // 'p': weights and their gradient in 'c' order, not DL4J's 'f'
                OneDnnDense conf = (OneDnnDense) new OneDnnDense.Builder().inputGradient(inputGradient).nIn(30).nOut(20)
                        .activation(Activation.RELU).build();
                MultiLayerConfiguration mc = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                        .layer(conf).layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(20).nOut(3).build())
                        .build();
                MultiLayerNetwork fast = new MultiLayerNetwork(mc);
                fast.init();
                MultiLayerNetwork ref = plain(OneDnnLayers.toDl4j(mc));
                ref.setParams(fast.params());
                fast.initGradientsView();
                ref.initGradientsView();
                Nd4j.getRandom().setSeed(3);
                INDArray x = Nd4j.randn(DataType.FLOAT, 16, 30).dup(order == 'f' ? 'f' : 'c');
                if (order == 'p') {
                    cOrderWeightsAndGradient(fast.getLayer(0));
                    assertTrue(!OneDnn.isOi(fast.getLayer(0).getParam("W")));
                }
                INDArray eps = Nd4j.randn(DataType.FLOAT, 16, 20);
                Layer a = fast.getLayer(0);
                Layer b = ref.getLayer(0);
                assertInstanceOf(OneDnnDenseImpl.class, a);
                a.setInput(x, ws);
                b.setInput(x, ws);
                INDArray outA = a.activate(true, ws);
                INDArray outB = b.activate(true, ws);
                assertTrue(outA.equalsWithEps(outB, 1e-5), "forward");
                Pair<Gradient, INDArray> ga = a.backpropGradient(eps, ws);
                Pair<Gradient, INDArray> gb = b.backpropGradient(eps, ws);
                for (String key : new String[] {"W", "b"}) {
                    INDArray ka = ga.getFirst().getGradientFor(key);
                    assertTrue(ka.equalsWithEps(gb.getFirst().getGradientFor(key), 1e-4), key + " " + inputGradient + order);
                    assertTrue(ka.norm2Number().doubleValue() > 0, key);
                }
                if (inputGradient) {
                    assertNotNull(ga.getSecond());
                    assertTrue(ga.getSecond().equalsWithEps(gb.getSecond(), 1e-4), "input gradient " + order);
                } else {
                    assertNull(ga.getSecond(), "no input gradient for inputGradient(false)");
                }
            }
        }
    }

    /** Replaces the layer's weights and weight-gradient view by 'c'-order copies (DL4J's are 'f'). */
    @SuppressWarnings("unchecked")
    private static void cOrderWeightsAndGradient(Layer layer) throws ReflectiveOperationException {
        java.util.Map<String, INDArray> params = new java.util.LinkedHashMap<>(layer.paramTable());
        params.put("W", params.get("W").dup('c'));
        layer.setParamTable(params);
        java.lang.reflect.Field f = org.deeplearning4j.nn.layers.BaseLayer.class.getDeclaredField("gradientViews");
        f.setAccessible(true);
        java.util.Map<String, INDArray> views = new java.util.LinkedHashMap<>((java.util.Map<String, INDArray>) f.get(layer));
        views.put("W", Nd4j.create(DataType.FLOAT, views.get("W").shape(), 'c'));
        f.set(layer, views);
    }

    /** {@link OneDnnLayers#toDl4j} gives DL4J's own layers, same parameters, updater state and predictions; a saved model loads. */
    @Test
    void convertsToDl4jsOwnLayersAndSaves(@TempDir Path dir) throws Exception {
        DataSet batch = flat(MnistSample.load().train().iterator(16, 1).next());
        MultiLayerNetwork net = MlpClassifier.builder().seed(3).build().init();
        net.fit(batch);
        File saved = dir.resolve("mlp.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork same = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        assertInstanceOf(OneDnnDenseImpl.class, same.getLayer(0));
        assertEquals(net.getLayerWiseConfigurations(), same.getLayerWiseConfigurations());
        assertEquals(net.params(), same.params());
        same.fit(batch);

        MultiLayerNetwork plain = OneDnnLayers.toDl4j(net);
        String json = plain.getLayerWiseConfigurations().toJson();
        assertTrue(!json.contains("io.regzoo") && !json.contains("inputGradient"), json);
        MultiLayerConfiguration dl4j = MlpClassifier.builder().seed(3).oneDnn(false).build().conf();
        for (int i = 0; i < dl4j.getConfs().size(); i++) {
            assertEquals(dl4j.getConf(i).getLayer(), plain.getLayerWiseConfigurations().getConf(i).getLayer(), "layer " + i);
        }
        File f = dir.resolve("plain.zip").toFile();
        ModelSerializer.writeModel(plain, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class, back.getLayer(0).getClass());
        assertEquals(net.params(), back.params());
        assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        assertTrue(net.output(batch.getFeatures()).equalsWithEps(back.output(batch.getFeatures()), 1e-5), "predictions");
    }
}
