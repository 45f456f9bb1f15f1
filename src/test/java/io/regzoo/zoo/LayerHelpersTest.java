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
        LayerHelpers.enable(); // as the command line does (the build also sets the property for every test)
        MultiLayerNetwork net = MnistCnn.builder().build().init();
        assertTrue(LayerHelpers.active(), "helpers should be active: " + LayerHelpers.describe());
        assertEquals("oneDNN", LayerHelpers.describe());
        assertEquals("conv/pool/dense: regzoo's oneDNN 2.5.2 layers; DL4J helpers: oneDNN", LayerHelpers.summary());
        String own = System.setProperty(io.regzoo.zoo.onednn.OneDnn.DISABLE_PROPERTY, "true");
        try {
            assertEquals("conv/pool/dense: DL4J's layers, regzoo's oneDNN layers off (regzoo.onednn.disable=true); "
                    + "DL4J helpers: oneDNN", LayerHelpers.summary());
        } finally {
            if (own == null) {
                System.clearProperty(io.regzoo.zoo.onednn.OneDnn.DISABLE_PROPERTY);
            } else {
                System.setProperty(io.regzoo.zoo.onednn.OneDnn.DISABLE_PROPERTY, own);
            }
        }
        assertInstanceOf(MKLDNNConvHelper.class, convHelper(net), "conv1 runs through oneDNN");
        assertNull(convHelper(withoutHelpers(MnistCnn.builder().build())), "-D" + LayerHelpers.DISABLE_PROPERTY + "=true wins");
    }

    /**
     * Loading and initialising the zoo's classes leaves DL4J's switch alone: they are loaded afresh (a
     * class loader of their own, so their static initialisers run here even when this JVM has loaded
     * them already) with the property unset, and it is still unset afterwards; {@link LayerHelpers#enable()}
     * then sets it, and a property the user set wins.
     */
    @Test
    void loadingZooClassesDoesNotSwitchTheHelpers() throws Exception {
        String before = System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
        try (java.net.URLClassLoader fresh = new java.net.URLClassLoader(
                new java.net.URL[] {LayerHelpers.class.getProtectionDomain().getCodeSource().getLocation()},
                LayerHelpers.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (!name.startsWith("io.regzoo.")) {
                        return super.loadClass(name, resolve);
                    }
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : findClass(name); // regzoo's classes: child first
                }
            }
        }) {
            for (String name : java.util.List.of("io.regzoo.zoo.ModelZoo", "io.regzoo.zoo.MnistCnn",
                    "io.regzoo.zoo.MlpClassifier", "io.regzoo.zoo.Pretrained")) {
                Class<?> c = Class.forName(name, true, fresh);
                assertEquals(fresh, c.getClassLoader(), name + " loaded afresh");
            }
            Object cnn = Class.forName("io.regzoo.zoo.ModelZoo", true, fresh).getMethod("builder", String.class)
                    .invoke(null, "mnist-cnn");
            assertNull(System.getProperty(LayerHelpers.DISABLE_PROPERTY), "building a zoo class set " + LayerHelpers.DISABLE_PROPERTY);
            assertTrue(cnn != null);
            assertTrue(LayerHelpers.describe().startsWith("off"), LayerHelpers.describe());
            LayerHelpers.enable();
            assertEquals("false", System.getProperty(LayerHelpers.DISABLE_PROPERTY));
            System.setProperty(LayerHelpers.DISABLE_PROPERTY, "true");
            LayerHelpers.enable();
            assertEquals("true", System.getProperty(LayerHelpers.DISABLE_PROPERTY), "the user's -D wins");
        } finally {
            if (before == null) {
                System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
            } else {
                System.setProperty(LayerHelpers.DISABLE_PROPERTY, before);
            }
        }
    }

    /** Same seed, same batches, same dropout masks: the oneDNN path ends where DL4J's own code ends. */
    @Test
    void helpersTrainToTheSameParametersAsDl4jsOwnLayers() {
        TrainTest sample = MnistSample.load();
        MnistCnn cnn = MnistCnn.builder().seed(5).oneDnn(false) // DL4J's layers; regzoo's own: OneDnnLayersTest
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
