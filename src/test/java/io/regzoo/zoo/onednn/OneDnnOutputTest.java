package io.regzoo.zoo.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainTest;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.MlpClassifier;
import io.regzoo.zoo.MnistCnn;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * regzoo's one-pass softmax + cross-entropy output layer computes what DL4J's own {@code OutputLayer}
 * computes: same gradients, scores (regularization included) and trained parameters within float
 * rounding, the same predictions, DL4J's code wherever the one-pass path does not apply; a double
 * gradient check runs the one-pass path itself; saved models load and convert back.
 */
class OneDnnOutputTest {

    private static final Regularization DROPOUT = Regularization.builder().l2(0.01).l2Bias(0.01)
            .dropoutRate(0.3).dropoutBeforeOutput(true).build();
    private static final Regularization BATCH_NORM = Regularization.builder().l2(0.01).batchNorm(true).build();

    /** The same configuration with only the output layer switched back to DL4J's {@code OutputLayer}. */
    private static MultiLayerNetwork dl4jOutput(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()
                .replace("\"" + OneDnnOutput.class.getName() + "\"", "\"" + OutputLayer.class.getName() + "\"")));
        net.init();
        return net;
    }

    private static OneDnnOutputImpl out(MultiLayerNetwork net) {
        return (OneDnnOutputImpl) net.getOutputLayer();
    }

    private static DataSet flat(DataSet d) {
        INDArray f = d.getFeatures();
        return new DataSet(f.reshape('c', f.size(0), f.length() / f.size(0)), d.getLabels());
    }

    private static double relDiff(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / Math.max(b.norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void theZooMlpAndCnnUseTheOneDnnOutputLayerByDefault() {
        MultiLayerNetwork mlp = MlpClassifier.builder().build().init();
        assertInstanceOf(OneDnnOutputImpl.class, mlp.getOutputLayer());
        assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class,
                MlpClassifier.builder().oneDnn(false).build().init().getOutputLayer().getClass());
        assertInstanceOf(OneDnnOutputImpl.class, MnistCnn.builder().build().init().getOutputLayer());
        assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class,
                MnistCnn.builder().oneDnn(false).build().init().getOutputLayer().getClass());
        assertEquals("output", mlp.getOutputLayer().conf().getLayer().getLayerName());
    }

    /** The builder keeps DL4J's settings, the JSON round-trips, and the class is part of equality. */
    @Test
    void builderKeepsDl4jsSettings() {
        OutputLayer dl4j = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(7).nOut(3)
                .activation(Activation.SOFTMAX).l2(0.5).dropOut(0.8).hasBias(false).name("o").build();
        OutputLayer ours = new OneDnnOutput.Builder(LossFunctions.LossFunction.MCXENT).nIn(7).nOut(3)
                .activation(Activation.SOFTMAX).l2(0.5).dropOut(0.8).hasBias(false).name("o").build();
        assertInstanceOf(OneDnnOutput.class, ours);
        assertEquals(dl4j.toString().replace("OutputLayer(", ""), ours.toString().replace("OutputLayer(", ""));
        assertNotEquals(dl4j, ours);
        assertNotEquals(ours, dl4j);
        assertEquals(ours, ours.clone());
        assertInstanceOf(ActivationSoftmax.class, new OneDnnOutput.Builder().nIn(2).nOut(2).build().getActivationFn());
        assertInstanceOf(LossMCXENT.class, new OneDnnOutput.Builder().nIn(2).nOut(2).build().getLossFn());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(7).build()).layer(ours).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertInstanceOf(OneDnnOutput.class, back.getConf(1).getLayer());
    }

    /** One MNIST batch, same parameters: score and every gradient agree with DL4J's output layer. */
    @Test
    void gradientsAndScoreMatchDl4jsOutputLayer() {
        DataSet batch = flat(MnistSample.load().train().iterator(64, 3).next());
        for (Regularization r : new Regularization[] {Regularization.none(), MlpClassifier.DOCUMENT_REGULARIZATION,
                DROPOUT, BATCH_NORM}) {
            MlpClassifier mlp = MlpClassifier.builder().seed(7).regularization(r).build();
            for (boolean oneDnnProducts : new boolean[] {true, false}) {
                MultiLayerNetwork fast = mlp.init();
                out(fast).setOneDnnProducts(oneDnnProducts);
                MultiLayerNetwork ref = dl4jOutput(mlp.conf());
                ref.setParams(fast.params());
                String what = (r == DROPOUT ? "dropout" : r.batchNorm() ? "bn" : r.describe()) + (oneDnnProducts ? "" : "/gemm");
                long before = out(fast).fastBackprops;
                GradientAgreement.assertGradientsAgree(what, fast, ref, batch);
                assertEquals(before + 1, out(fast).fastBackprops, what + ": the one-pass path ran");
            }
        }
        MnistCnn cnn = MnistCnn.builder().seed(7).regularization(Regularization.builder().l2(0.01).dropoutRate(0.25)
                .dropoutBeforeOutput(true).build()).build();
        MultiLayerNetwork fast = cnn.init();
        MultiLayerNetwork ref = dl4jOutput(cnn.conf());
        ref.setParams(fast.params());
        GradientAgreement.assertGradientsAgree("cnn", fast, ref, MnistSample.load().train().iterator(32, 3).next());
        assertEquals(1, out(fast).fastBackprops);
    }

    /**
     * Same seed, same batches: Adam steps end at DL4J's parameters, and every step's score
     * ({@code net.score()}, regularization included) is DL4J's; afterwards the test-set score,
     * predictions and evaluation are DL4J's.
     */
    @Test
    void trainsToTheSameParametersAndScoresAsDl4jsOutputLayer() {
        TrainTest sample = MnistSample.load();
        for (Regularization r : new Regularization[] {MlpClassifier.DOCUMENT_REGULARIZATION, DROPOUT, BATCH_NORM}) {
            MlpClassifier mlp = MlpClassifier.builder().seed(5).regularization(r).build();
            MultiLayerNetwork fast = mlp.init();
            MultiLayerNetwork ref = dl4jOutput(mlp.conf());
            ref.setParams(fast.params());
            INDArray start = fast.params().dup();
            DataSetIterator it = sample.train().iterator(50, 7);
            int steps = 0;
            while (it.hasNext() && steps++ < 12) {
                DataSet batch = flat(it.next());
                Nd4j.getRandom().setSeed(100 + steps);
                fast.fit(batch);
                Nd4j.getRandom().setSeed(100 + steps);
                ref.fit(batch);
                assertEquals(ref.score(), fast.score(), 1e-5 * Math.max(1, ref.score()), "score at step " + steps);
            }
            double diff = fast.params().sub(ref.params()).norm2Number().doubleValue();
            double moved = ref.params().sub(start).norm2Number().doubleValue();
            System.out.printf("MLP %s after %d steps: |diff| %.3g, |update| %.3g, last score %.6f vs %.6f%n",
                    r.describe(), steps - 1, diff, moved, fast.score(), ref.score());
            assertTrue(moved > 1e-2, "training moved the weights: " + moved);
            assertTrue(diff < 1e-3 * moved, "one-pass and DL4J's output layer diverge: |diff| " + diff + " vs |update| " + moved);
            assertEquals(12, out(fast).fastBackprops);
            assertEquals(12, out(fast).passScores, "every step's score came from its backprop pass");

            // scores of other data, inference and evaluation: DL4J's code on the same parameters
            ref.setParams(fast.params());
            DataSet test = flat(sample.test().toDataSet());
            assertEquals(ref.score(test), fast.score(test), 1e-6, "test loss");
            Nd4j.getRandom().setSeed(1);
            double refTraining = ref.score(test, true);
            Nd4j.getRandom().setSeed(1);
            assertEquals(refTraining, fast.score(test, true), 1e-6, "test loss, training mode");
            assertEquals(ref.output(test.getFeatures()), fast.output(test.getFeatures()), "predictions");
            Evaluation ef = fast.evaluate(new org.nd4j.linalg.dataset.ViewIterator(test, 100));
            Evaluation er = ref.evaluate(new org.nd4j.linalg.dataset.ViewIterator(test, 100));
            assertEquals(er.accuracy(), ef.accuracy(), "accuracy");
            assertEquals(er.stats(), ef.stats());
        }
    }

    /**
     * A score computed after a training step for other data, or after the parameters moved, is
     * DL4J's score of that data and those parameters, not the step's loss.
     */
    @Test
    void theStepsLossIsNotReusedForOtherDataOrParameters() {
        TrainTest sample = MnistSample.load();
        DataSetIterator it = sample.train().iterator(40, 9);
        DataSet a = flat(it.next());
        DataSet b = flat(it.next());
        MlpClassifier mlp = MlpClassifier.builder().seed(3).build();
        MultiLayerNetwork fast = mlp.init();
        MultiLayerNetwork ref = dl4jOutput(mlp.conf());
        ref.setParams(fast.params());
        fast.fit(a);
        ref.fit(a);
        assertEquals(ref.score(b, true), fast.score(b, true), 1e-5, "other data, same step");
        assertEquals(ref.score(a, true), fast.score(a, true), 1e-5, "same data, moved parameters");
        assertEquals(1, out(fast).passScores);

        // the layer alone: a backprop, then its score (from the pass), then a backprop, the parameters move, a score
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        Nd4j.getRandom().setSeed(5);
        INDArray h = Nd4j.rand(DataType.FLOAT, 40, 128);
        IOutputLayer fo = out(fast);
        IOutputLayer ro = (IOutputLayer) ref.getOutputLayer();
        double[] scores = new double[4];
        for (int pass = 0; pass < 2; pass++) {
            for (IOutputLayer l : new IOutputLayer[] {fo, ro}) {
                l.setInput(h, ws);
                l.setLabels(a.getLabels());
                l.backpropGradient(null, ws);
                if (pass == 1) {
                    l.getParam("W").getColumn(0).addi(0.5);
                }
                scores[2 * pass + (l == fo ? 0 : 1)] = l.computeScore(0.5, true, ws);
            }
        }
        System.out.printf("layer score %.7f vs DL4J's %.7f; after the weights moved %.7f vs %.7f%n",
                scores[0], scores[1], scores[2], scores[3]);
        assertEquals(scores[1], scores[0], 1e-5, "from the pass");
        assertEquals(2, out(fast).passScores);
        assertEquals(scores[3], scores[2], 1e-5, "after the weights moved");
        assertNotEquals(scores[0], scores[2], 1e-3);
        assertEquals(2, out(fast).passScores, "the moved weights' score is DL4J's");
        // and clear() (DL4J calls it after every fit) forgets the step
        fo.setInput(h, ws);
        fo.setLabels(a.getLabels());
        fo.backpropGradient(null, ws);
        fo.clear();
        fo.setInput(h, ws);
        fo.setLabels(a.getLabels());
        fo.computeScore(0.5, true, ws);
        assertEquals(2, out(fast).passScores, "cleared");
    }

    /** Every other combination runs DL4J's code: other loss, loss weights, label masks, the disable switch. */
    @Test
    void otherLossesMasksAndTheSwitchRunDl4jsCode() {
        DataSet batch = flat(MnistSample.load().train().iterator(32, 3).next());
        INDArray weights = Nd4j.linspace(DataType.FLOAT, 1, 10, 10).reshape(1, 10);
        Object[][] cases = {
            {"nll", new OneDnnOutput.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)},
            {"weighted", new OneDnnOutput.Builder().lossFunction(new LossMCXENT(weights))},
            {"sigmoid", new OneDnnOutput.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)},
        };
        for (Object[] c : cases) {
            OutputLayer.Builder ob = (OutputLayer.Builder) c[1];
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.FLOAT)
                    .updater(new Sgd(0.1)).list()
                    .layer(new DenseLayer.Builder().nIn(784).nOut(20).activation(Activation.RELU).build())
                    .layer(ob.nIn(20).nOut(10).build()).build();
            MultiLayerNetwork fast = new MultiLayerNetwork(conf);
            fast.init();
            MultiLayerNetwork ref = dl4jOutput(conf);
            ref.setParams(fast.params());
            GradientAgreement.assertGradientsAgree((String) c[0], fast, ref, batch);
            assertEquals(0, out(fast).fastBackprops, c[0] + " ran DL4J's code");
        }
        // a label mask (per example)
        MlpClassifier mlp = MlpClassifier.builder().seed(4).build();
        MultiLayerNetwork fast = mlp.init();
        MultiLayerNetwork ref = dl4jOutput(mlp.conf());
        ref.setParams(fast.params());
        INDArray mask = Nd4j.ones(DataType.FLOAT, 32, 1);
        mask.putScalar(3, 0, 0.0);
        DataSet masked = new DataSet(batch.getFeatures(), batch.getLabels(), null, mask);
        fast.fit(masked);
        ref.fit(masked);
        assertEquals(ref.score(), fast.score(), 1e-5, "masked score");
        assertTrue(relDiff(fast.params(), ref.params()) < 1e-5, "masked step");
        assertEquals(0, out(fast).fastBackprops, "a mask runs DL4J's code");

        String before = System.getProperty(OneDnn.DISABLE_PROPERTY);
        System.setProperty(OneDnn.DISABLE_PROPERTY, "true");
        try {
            MultiLayerNetwork off = mlp.init();
            off.fit(batch);
            assertEquals(0, out(off).fastBackprops, "disabled");
        } finally {
            if (before == null) {
                System.clearProperty(OneDnn.DISABLE_PROPERTY);
            } else {
                System.setProperty(OneDnn.DISABLE_PROPERTY, before);
            }
        }
    }

    /** The loop against {@code LossMCXENT} itself, extreme values included (clipping, near-one-hot softmax). */
    @Test
    void theLossLoopIsLossMcxent() {
        Nd4j.getRandom().setSeed(11);
        int n = 7;
        int c = 5;
        INDArray pre = Nd4j.randn(DataType.DOUBLE, n, c).muli(4);
        pre.putScalar(0, 0, 60.0); // softmax of the others below the 1e-10 clip
        pre.putScalar(1, 2, -50.0);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, n, c);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, (i * 3) % c, 1.0);
        }
        labels.putScalar(6, 1, 0.4); // soft labels too
        labels.putScalar(6, 3, 0.6);
        labels.putScalar(6, (6 * 3) % c, 0.0);
        for (double clip : new double[] {1e-10, 0.0, 0.05}) {
            LossMCXENT loss = new LossMCXENT(clip, null);
            double expected = loss.computeScore(labels, pre.dup(), new ActivationSoftmax(), null, false);
            INDArray expectedGrad = loss.computeGradient(labels, pre.dup(), new ActivationSoftmax(), null);
            double[] d = new double[n * c];
            double got = OneDnnOutputImpl.softmaxCrossEntropy(pre.dup().data().asDouble(), labels.data().asDouble(), d, n, c, null, clip);
            assertEquals(expected, got, 1e-12 * Math.abs(expected), "loss, clip " + clip);
            assertTrue(Nd4j.create(d, new long[] {n, c}).equalsWithEps(expectedGrad, 1e-14), "gradient, clip " + clip);
        }
        // with the bias added by the loop
        double[] bias = {0.5, -1, 2, 0, 3};
        INDArray withBias = pre.addRowVector(Nd4j.create(bias, new long[] {1, c}));
        double expected = new LossMCXENT().computeScore(labels, withBias, new ActivationSoftmax(), null, false);
        double got = OneDnnOutputImpl.softmaxCrossEntropy(pre.dup().data().asDouble(), labels.data().asDouble(),
                new double[n * c], n, c, bias, 1e-10);
        assertEquals(expected, got, 1e-12 * Math.abs(expected), "loss with the bias");
    }

    /** DL4J's numeric gradient check, double precision, through the one-pass path itself (Nd4j.gemm products). */
    @Test
    void gradientCheckInDoubleRunsTheOnePassPath() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            for (boolean bias : new boolean[] {true, false}) {
                MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE)
                        .updater(new Sgd(1.0)).l2(0.3).list()
                        .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build())
                        .layer(new OneDnnOutput.Builder(LossFunctions.LossFunction.MCXENT).hasBias(bias).l2Bias(0.2)
                                .nIn(5).nOut(3).build())
                        .build();
                MultiLayerNetwork net = new MultiLayerNetwork(conf);
                net.init();
                Nd4j.getRandom().setSeed(7);
                INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 6).subi(0.5);
                INDArray y = Nd4j.zeros(DataType.DOUBLE, 5, 3);
                for (int i = 0; i < 5; i++) {
                    y.putScalar(i, i % 3, 1.0);
                }
                boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
                assertTrue(ok, "gradient check, bias " + bias);
                assertTrue(out(net).fastBackprops > 0, "the check ran the one-pass path");
            }
            // the zoo MLP in double, Adam, its document L2 on kernel and bias
            MultiLayerNetwork mlp = MlpClassifier.builder().inputs(6).hiddenUnits(5).classes(3).dataType(DataType.DOUBLE)
                    .optimizer(Optimizer.sgd(1.0)).activation(Activation.TANH).seed(3).build().init();
            INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6).subi(0.5);
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 3);
            for (int i = 0; i < 4; i++) {
                y.putScalar(i, (i + 1) % 3, 1.0);
            }
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(mlp).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
            assertTrue(out(mlp).fastBackprops > 0);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    /** A saved network loads with the new layer and resumes; {@link OneDnnLayers#toDl4j} gives DL4J's OutputLayer. */
    @Test
    void savesLoadsAndConvertsToDl4jsOutputLayer(@TempDir Path dir) throws Exception {
        DataSet batch = flat(MnistSample.load().train().iterator(16, 1).next());
        MultiLayerNetwork net = MlpClassifier.builder().seed(3).build().init();
        net.fit(batch);
        File saved = dir.resolve("mlp.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork same = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        assertInstanceOf(OneDnnOutputImpl.class, same.getOutputLayer());
        assertEquals(net.getLayerWiseConfigurations(), same.getLayerWiseConfigurations());
        assertEquals(net.params(), same.params());
        assertEquals(net.getUpdater().getStateViewArray(), same.getUpdater().getStateViewArray());
        same.fit(batch);
        net.fit(batch);
        assertEquals(net.params(), same.params(), "resumed training");
        assertEquals(1, out(same).fastBackprops);

        MultiLayerNetwork plain = OneDnnLayers.toDl4j(net);
        String json = plain.getLayerWiseConfigurations().toJson();
        assertTrue(!json.contains("io.regzoo"), json);
        assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class, plain.getOutputLayer().getClass());
        assertEquals(MlpClassifier.builder().seed(3).oneDnn(false).build().conf().getConf(1).getLayer(),
                plain.getLayerWiseConfigurations().getConf(1).getLayer());
        File f = dir.resolve("plain.zip").toFile();
        ModelSerializer.writeModel(plain, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class, back.getOutputLayer().getClass());
        assertEquals(net.params(), back.params());
        assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        assertEquals(net.output(batch.getFeatures()), back.output(batch.getFeatures()), "predictions");
    }
}
