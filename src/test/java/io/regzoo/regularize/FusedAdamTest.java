package io.regzoo.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.zoo.MlpClassifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class FusedAdamTest {

    private static DataSet batch(long seed, DataType type) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(type, 32, 784);
        INDArray y = Nd4j.zeros(type, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, (int) ((i * 7 + seed) % 10), 1.0);
        }
        return new DataSet(x, y);
    }

    /** The same configuration with DL4J's own Adam (same hyperparameters) in every layer. */
    private static MultiLayerConfiguration withDl4jAdam(MultiLayerConfiguration conf) {
        MultiLayerConfiguration plain = conf.clone();
        for (int i = 0; i < plain.getConfs().size(); i++) {
            if (plain.getConf(i).getLayer() instanceof BaseLayer layer) {
                for (boolean bias : new boolean[] {false, true}) {
                    IUpdater u = bias ? layer.getBiasUpdater() : layer.getIUpdater();
                    if (u instanceof FusedAdam f) {
                        Adam a = new Adam(f.getLearningRate(), f.getBeta1(), f.getBeta2(), f.getEpsilon());
                        a.setLearningRateSchedule(f.getLearningRateSchedule());
                        if (bias) {
                            layer.setBiasUpdater(a);
                        } else {
                            layer.setIUpdater(a);
                        }
                    }
                }
                assertEquals(Adam.class, layer.getIUpdater().getClass());
            }
        }
        return plain;
    }

    private static double maxRelDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / Math.max(1e-30, b.amaxNumber().doubleValue());
    }

    /** Float MLP with L2 and a learning-rate schedule: 40 steps end in the same parameters and state. */
    @Test
    void trainsToTheSameParametersAsDl4jsAdam() {
        Optimizer opt = Optimizer.adam(0.01).withSchedule(LrSchedule.exponential(0.9, LrSchedule.Unit.ITERATION));
        MultiLayerConfiguration conf = MlpClassifier.builder().optimizer(opt).build().conf();
        assertInstanceOf(FusedAdam.class, ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater(), "the zoo's default Adam");
        MultiLayerNetwork fused = new MultiLayerNetwork(conf);
        fused.init();
        MultiLayerNetwork plain = new MultiLayerNetwork(withDl4jAdam(conf), fused.params().dup());
        plain.init();
        INDArray start = fused.params().dup();
        for (int i = 0; i < 40; i++) {
            DataSet b = batch(i, DataType.FLOAT);
            fused.fit(b);
            plain.fit(b);
        }
        assertEquals(40, fusedSteps(fused), "every update took FusedAdam's own path");
        double moved = fused.params().sub(start).norm2Number().doubleValue();
        assertTrue(moved > 0.1, "training moved the parameters by " + moved);
        double p = maxRelDiff(fused.params(), plain.params());
        double s = maxRelDiff(fused.getUpdater().getStateViewArray(), plain.getUpdater().getStateViewArray());
        System.out.printf("FusedAdam vs DL4J Adam after 40 steps: parameters %.2e, state %.2e (max relative)%n", p, s);
        assertTrue(p < 1e-6, "parameters differ by " + p);
        assertTrue(s < 1e-6, "updater state differs by " + s);
    }

    /** Double precision, and the switch, take DL4J's own path: the same result too. */
    @Test
    void doubleNetworksRunDl4jsAdam() {
        MultiLayerConfiguration conf = MlpClassifier.builder().dataType(DataType.DOUBLE).build().conf();
        MultiLayerNetwork fused = new MultiLayerNetwork(conf);
        fused.init();
        MultiLayerNetwork plain = new MultiLayerNetwork(withDl4jAdam(conf), fused.params().dup());
        plain.init();
        for (int i = 0; i < 5; i++) {
            DataSet b = batch(i, DataType.DOUBLE);
            fused.fit(b);
            plain.fit(b);
        }
        assertEquals(0.0, maxRelDiff(fused.params(), plain.params()), 1e-12);
        assertEquals(0, fusedSteps(fused), "double precision runs DL4J's op");

        System.setProperty(FusedAdam.DISABLE_PROPERTY, "true");
        try {
            MultiLayerNetwork off = new MultiLayerNetwork(MlpClassifier.builder().build().conf());
            off.init();
            off.fit(batch(1, DataType.FLOAT));
            assertEquals(0, fusedSteps(off), "-D" + FusedAdam.DISABLE_PROPERTY + "=true runs DL4J's op");
        } finally {
            System.clearProperty(FusedAdam.DISABLE_PROPERTY);
        }
    }

    private static long fusedSteps(MultiLayerNetwork net) {
        long steps = 0;
        for (org.deeplearning4j.nn.updater.UpdaterBlock b : ((org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?>) net.getUpdater())
                .getUpdaterBlocks()) {
            steps += ((FusedAdam.Updater) b.getGradientUpdater()).fusedSteps();
        }
        return steps;
    }

    /** JSON, clone and ModelSerializer keep the class, its settings and the state; training resumes identically. */
    @Test
    void survivesJsonCloneAndModelSerializer() throws Exception {
        FusedAdam a = new FusedAdam(new ExponentialSchedule(ScheduleType.EPOCH, 0.003, 0.5));
        a.setBeta2(0.99);
        FusedAdam c = a.clone();
        assertEquals(a, c);
        assertEquals(0.99, c.getBeta2());
        assertEquals(0.0015, c.getLearningRate(0, 1), 1e-12);

        MultiLayerConfiguration conf = MlpClassifier.builder().build().conf();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(FusedAdam.class, ((BaseLayer) back.getConf(1).getLayer()).getIUpdater());
        assertEquals(conf, back);

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < 3; i++) {
            net.fit(batch(i, DataType.FLOAT));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(net.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
        net.fit(batch(9, DataType.FLOAT));
        loaded.fit(batch(9, DataType.FLOAT));
        assertEquals(0.0, maxRelDiff(loaded.params(), net.params()), 0.0);
    }
}
