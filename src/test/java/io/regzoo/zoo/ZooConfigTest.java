package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Regularization;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** The zoo's configurations: shapes, names, parameter counts, and the mapping of each knob onto DL4J. */
class ZooConfigTest {

    @Test
    void mnistCnnHasTheDocumentsShapeAndParameterCount() {
        MnistCnn cnn = MnistCnn.builder().build();
        assertEquals(121_930, cnn.numParams());
        assertEquals(121_930, cnn.init().numParams());
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "dense", "output"), layerNames(cnn.conf()));
        assertEquals("adam(lr=0.001)", cnn.optimizer().describe());
    }

    @Test
    void theZooListsItsBuiltInNetworksFirstAndRejectsUnknownNames() {
        List<String> builtIn = ModelZoo.BUILT_IN.stream().map(ZooEntry::name).toList();
        assertEquals(List.of("linear-regression", "mlp-regressor", "mlp-classifier", "mnist-cnn"), builtIn);
        assertEquals(builtIn, ModelZoo.names().subList(0, builtIn.size()));
        assertEquals(ModelZoo.names(), ModelZoo.entries().stream().map(ZooEntry::name).toList());
        assertEquals(2, ModelZoo.defaults("linear-regression").numParams());
        assertEquals(121, ModelZoo.defaults("mlp-regressor").numParams());
        assertEquals(784 * 128 + 128 + 128 * 10 + 10, ModelZoo.defaults("mlp-classifier").numParams());
        RegzooException e = assertThrows(RegzooException.class, () -> ModelZoo.builder("resnet50"));
        assertEquals("unknown model 'resnet50'; the zoo has " + String.join(", ", ModelZoo.names()), e.getMessage());
        assertTrue(e.getMessage().startsWith("unknown model 'resnet50'; the zoo has linear-regression, mlp-regressor, "
                + "mlp-classifier, mnist-cnn"), e.getMessage());
    }

    @Test
    void everyEntryDescribesItsNetworkAndItsDefaultsAgreeWithIt() {
        for (ZooEntry e : ModelZoo.entries()) {
            ZooNetwork n = e.defaults();
            assertEquals(e.name(), n.name());
            assertEquals(e, n.entry());
            assertEquals(e.task() == ZooEntry.Task.CLASSIFICATION, n.isClassifier(), e.name());
            assertFalse(e.description().isBlank(), e.name());
            assertFalse(e.defaultDataset().isBlank(), e.name());
            assertEquals(n.conf().toJson(), e.builder().build().conf().toJson(), e.name());
        }
        assertEquals("mnist", ModelZoo.entry("mnist-cnn").defaultDataset());
        assertEquals("linear", ModelZoo.entry("linear-regression").defaultDataset());
        assertEquals("regression10", ModelZoo.entry("mlp-regressor").defaultDataset());
        assertEquals("blobs", ModelZoo.entry("mlp-classifier").defaultDataset());
    }

    @Test
    void fitToSizesTheInputAndTheClassesFromTheData() {
        ZooNetwork mlp = ModelZoo.entry("mlp-classifier").fitTo(new long[] {20}, 3).build();
        assertArrayEquals(new long[] {20}, mlp.inputShape());
        assertEquals(3, mlp.numOutputs());
        ZooNetwork flatImages = ModelZoo.entry("mlp-classifier").fitTo(new long[] {1, 28, 28}, 10).build();
        assertArrayEquals(new long[] {784}, flatImages.inputShape());
        ZooNetwork reg = ModelZoo.entry("mlp-regressor").fitTo(new long[] {7}, 5).build();
        assertArrayEquals(new long[] {7}, reg.inputShape());
        assertEquals(1, reg.numOutputs(), "a regressor ignores labels");
        assertArrayEquals(new long[] {4}, ModelZoo.entry("linear-regression").fitTo(new long[] {4}, -1).build().inputShape());
        ZooNetwork cnn = ModelZoo.entry("mnist-cnn").fitTo(new long[] {3, 12, 14}, 4).build();
        assertArrayEquals(new long[] {3, 12, 14}, cnn.inputShape());
        assertEquals(4, cnn.numOutputs());
        assertArrayEquals(new long[] {1, 28, 28}, ModelZoo.entry("mnist-cnn").fitTo(new long[] {784}, 10).build().inputShape(),
                "flat images keep the CNN's input; the harness reshapes them");
        for (ZooEntry e : ModelZoo.entries()) {
            assertEquals(e.defaults().conf().toJson(), e.fitTo(null, -1).build().conf().toJson(), e.name());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.entry("mlp-classifier").fitTo(new long[] {0}, 3).build());
        assertEquals("inputs must be >= 1, got 0", bad.getMessage());
    }

    @Test
    void aProviderFoundByTheServiceLoaderJoinsTheRegistryAfterTheBuiltIns(@TempDir Path dir) throws IOException {
        ZooEntry extra = ZooEntry.builder("tiny-regressor", () -> MlpRegressor.builder().hiddenUnits(2))
                .description("a two-unit MLP").task(ZooEntry.Task.REGRESSION).defaultDataset("linear").build();
        var m = ModelZoo.register(ModelZoo.BUILT_IN, List.of(() -> List.of(extra)));
        assertEquals(List.of("linear-regression", "mlp-regressor", "mlp-classifier", "mnist-cnn", "tiny-regressor"),
                List.copyOf(m.keySet()));
        assertEquals(List.of("linear-regression", "mlp-regressor", "mlp-classifier", "mnist-cnn", "tiny-regressor"),
                List.copyOf(ModelZoo.register(ModelZoo.BUILT_IN, ServiceLoader.load(ZooProvider.class, servicesIn(dir))).keySet()),
                "found through META-INF/services");
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> ModelZoo.register(ModelZoo.BUILT_IN, List.of(() -> List.of(MnistCnn.ENTRY))));
        assertTrue(twice.getMessage().startsWith("zoo model 'mnist-cnn' is registered twice"), twice.getMessage());
    }

    @Test
    void eachPenaltyAppearsExactlyOnceOnEveryParametrizedLayer() {
        // Guards against DL4J 1.0.0-M2.1 duplicating a globally set WeightDecay in each layer.
        Regularization wd = Regularization.builder().weightDecay(5e-4).l1(1e-5).l2Bias(1e-4).build();
        for (String name : ModelZoo.names()) {
            MultiLayerConfiguration c = ModelZoo.builder(name).regularization(wd).build().conf();
            for (int i = 0; i < c.getConfs().size(); i++) {
                Layer l = c.getConf(i).getLayer();
                if (l instanceof BaseLayer && c.getConf(i).getLayer().initializer().numParams(c.getConf(i)) > 0) {
                    BaseLayer b = (BaseLayer) l;
                    assertEquals(2, b.getRegularization().size(), name + "/" + l.getLayerName() + " " + b.getRegularization());
                    assertEquals(1, b.getRegularization().stream().filter(r -> r instanceof WeightDecay).count());
                    assertEquals(1, b.getRegularization().stream().filter(r -> r instanceof L1Regularization).count());
                    assertEquals(1, b.getRegularizationBias().size());
                    assertTrue(b.getRegularizationBias().get(0) instanceof L2Regularization);
                }
            }
        }
    }

    @Test
    void mlpClassifierDefaultsToTheDocumentsKernelAndBiasL2() {
        MultiLayerConfiguration c = MlpClassifier.builder().build().conf();
        BaseLayer hidden = (BaseLayer) c.getConf(0).getLayer();
        assertEquals(0.01, ((L2Regularization) hidden.getRegularization().get(0)).getL2().valueAt(0, 0), 0);
        assertEquals(0.01, ((L2Regularization) hidden.getRegularizationBias().get(0)).getL2().valueAt(0, 0), 0);
    }

    @Test
    void dropoutBatchNormAndClippingLandOnTheRightLayers() {
        Regularization r = Regularization.builder().dropoutRate(0.25).batchNorm(true).batchNormMomentum(0.99)
                .clipNorm(1.0).build();
        MultiLayerConfiguration c = MnistCnn.builder().regularization(r).build().conf();
        assertEquals(List.of("conv1", "conv1-bn", "conv1-act", "pool1", "conv2", "conv2-bn", "conv2-act", "pool2",
                "dense", "dense-bn", "dense-act", "output"), layerNames(c));
        List<String> withDropout = new ArrayList<>();
        for (int i = 0; i < c.getConfs().size(); i++) {
            Layer l = c.getConf(i).getLayer();
            if (l.getIDropout() != null) {
                withDropout.add(l.getLayerName());
                assertEquals(0.75, ((Dropout) l.getIDropout()).getP(), 1e-12, "retain probability = 1 − rate");
            }
            if (l instanceof BaseLayer) {
                assertEquals(GradientNormalization.ClipL2PerLayer, ((BaseLayer) l).getGradientNormalization());
                assertEquals(1.0, ((BaseLayer) l).getGradientNormalizationThreshold(), 0);
            }
        }
        assertEquals(List.of("conv2", "dense"), withDropout);
        org.deeplearning4j.nn.conf.layers.BatchNormalization bn =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) c.getConf(1).getLayer();
        assertEquals(0.99, bn.getDecay(), 0);
        assertEquals(Regularization.DEFAULT_BN_EPSILON, bn.getEps(), 0);

        MultiLayerConfiguration withOut = MnistCnn.builder()
                .regularization(r.toBuilder().dropoutBeforeOutput(true).build()).build().conf();
        assertNotNull(withOut.getConf(withOut.getConfs().size() - 1).getLayer().getIDropout());
    }

    @Test
    void regularizersWithoutAPlaceInTheNetworkAreRejected() {
        Regularization dropout = Regularization.builder().dropoutRate(0.5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpClassifier.builder().regularization(dropout).build());
        assertTrue(e.getMessage().startsWith("dropoutRate 0.5 has no place in mlp-classifier"), e.getMessage());
        assertNotNull(MlpClassifier.builder().regularization(dropout.toBuilder().dropoutBeforeOutput(true).build()).build());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.builder().regularization(Regularization.builder().batchNorm(true).build()).build());
        assertEquals("batchNorm has no place in linear-regression: it has no hidden layer", e.getMessage());
    }

    @Test
    void wrongInputShapeIsReportedWithBothShapes() {
        MnistCnn cnn = MnistCnn.builder().build();
        RegzooException e = assertThrows(RegzooException.class, () -> cnn.checkInput(Nd4j.zeros(64, 784)));
        assertEquals("mnist-cnn expects input of shape [batch, 1, 28, 28] (NCHW), got [64, 784]", e.getMessage());
        cnn.checkInput(Nd4j.zeros(2, 1, 28, 28));
        e = assertThrows(RegzooException.class, () -> MlpClassifier.builder().build().checkInput(Nd4j.zeros(3, 1, 28, 28)));
        assertEquals("mlp-classifier expects input of shape [batch, 784], got [3, 1, 28, 28]", e.getMessage());
    }

    @Test
    void toBuilderDerivesAVariantWithoutTouchingTheOriginal() {
        MnistCnn base = MnistCnn.builder().seed(3).build();
        MnistCnn wd = base.toBuilder().regularization(Regularization.builder().weightDecay(5e-4).build()).build();
        assertEquals(3, wd.seed());
        assertTrue(base.regularization().isNone());
        assertEquals("weightDecay=5.0E-4", wd.regularization().describe());
        assertEquals(base.conf().getConf(0).getLayer().getLayerName(), wd.conf().getConf(0).getLayer().getLayerName());
    }

    /** A provider as a user would write one, registered in a services file by the test. */
    public static final class TinyProvider implements ZooProvider {
        /** The service loader's constructor. */
        public TinyProvider() {}

        @Override
        public List<ZooEntry> entries() {
            return List.of(ZooEntry.builder("tiny-regressor", () -> MlpRegressor.builder().hiddenUnits(2))
                    .description("a two-unit MLP").task(ZooEntry.Task.REGRESSION).defaultDataset("linear").build());
        }
    }

    private static ClassLoader servicesIn(Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ZooProvider.class.getName()), TinyProvider.class.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ZooConfigTest.class.getClassLoader());
    }

    private static List<String> layerNames(MultiLayerConfiguration c) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.getConfs().size(); i++) {
            names.add(c.getConf(i).getLayer().getLayerName());
        }
        return names;
    }
}
