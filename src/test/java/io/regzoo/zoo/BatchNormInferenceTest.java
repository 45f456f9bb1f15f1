package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import io.regzoo.data.Mnist;
import io.regzoo.data.MnistSample;
import io.regzoo.data.TrainValidation;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Measures;
import io.regzoo.train.TrainRun;
import io.regzoo.train.Trainer;
import java.util.List;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Issue 17's batch-norm puzzle: after one short epoch the batch-norm CNN is far worse in inference
 * mode (running statistics) than in training mode (batch statistics). These tests pin down why: DL4J
 * keeps an exact exponential moving average of the batch statistics (with and without the oneDNN
 * helper) that starts from mean 0 and variance 1; after {@code n} minibatches {@code decay^n} of
 * that initial 1 is still in the running variance, and {@code conv1}'s true variance (≈ 0.007 on
 * [0,1] pixels with Xavier weights) is so small that the leftover dominates it. Removing the
 * leftover, or recomputing the statistics, closes the gap. See docs/BATCHNORM.md.
 */
@org.junit.jupiter.api.Tag("slow")
class BatchNormInferenceTest {

    private static final int BATCH = 64;
    private static final double DECAY = 0.9;
    private static final String LOG_STD = "log10stdev";

    /** One epoch's outcome: how far DL4J's running statistics strayed from our own moving average. */
    private record Epoch(int steps, double meanDeviation, double varDeviation) {}

    private static MnistCnn cnn() {
        return MnistCnn.builder().seed(1)
                .regularization(Regularization.builder().batchNorm(true).batchNormMomentum(DECAY).build()).build();
    }

    private static DataSet sample() {
        return MnistSample.load().train().toDataSet();
    }

    private static int[] bnLayers(MultiLayerNetwork net) {
        return java.util.stream.IntStream.range(0, net.getnLayers())
                .filter(i -> net.getLayer(i) instanceof BatchNormalization).toArray();
    }

    private static int[] statDims(INDArray in) {
        return in.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
    }

    private static INDArray runningMean(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).getParam("mean").reshape(-1);
    }

    /** DL4J stores log10 of the standard deviation ({@code useLogStd}, the default since beta4). */
    private static INDArray runningVar(MultiLayerNetwork net, int layer) {
        INDArray log10Std = net.getLayer(layer).getParam(LOG_STD).reshape(-1);
        INDArray std = Transforms.pow(Nd4j.valueArrayOf(log10Std.shape(), 10.0, log10Std.dataType()), log10Std);
        return std.mul(std);
    }

    private static void setRunningVar(MultiLayerNetwork net, int layer, INDArray var) {
        net.getLayer(layer).setParam(LOG_STD, Transforms.log(Transforms.sqrt(var), 10.0).reshape(1, -1));
    }

    private static double trainingModeAccuracy(MultiLayerNetwork net, DataSet data) {
        INDArray hits = net.output(data.getFeatures(), true).argMax(1).eq(data.getLabels().argMax(1));
        return hits.castTo(DataType.INT).sumNumber().doubleValue() / data.numExamples();
    }

    /**
     * Trains one epoch in minibatches of 64 and, before every {@code fit}, replays what the running
     * statistics should become: {@code decay·running + (1−decay)·batch}, with the batch mean and
     * (population) variance of each batch-norm layer's input in that minibatch's training forward pass.
     */
    private static Epoch trainOneEpoch(MultiLayerNetwork net, DataSet train) {
        int[] bn = bnLayers(net);
        INDArray[] mean = new INDArray[bn.length];
        INDArray[] var = new INDArray[bn.length];
        for (int k = 0; k < bn.length; k++) {
            mean[k] = runningMean(net, bn[k]).dup();
            var[k] = runningVar(net, bn[k]);
        }
        DataSet work = train.copy();
        work.shuffle(7);
        double meanDev = 0;
        double varDev = 0;
        int steps = 0;
        for (int from = 0; from < work.numExamples(); from += BATCH) {
            DataSet batch = (DataSet) work.getRange(from, Math.min(work.numExamples(), from + BATCH));
            List<INDArray> acts = net.feedForward(batch.getFeatures(), true);
            for (int k = 0; k < bn.length; k++) {
                INDArray in = acts.get(bn[k]);
                mean[k] = mean[k].mul(DECAY).add(in.mean(statDims(in)).reshape(-1).mul(1 - DECAY));
                var[k] = var[k].mul(DECAY).add(in.var(false, statDims(in)).reshape(-1).mul(1 - DECAY));
            }
            net.fit(batch);
            steps++;
            for (int k = 0; k < bn.length; k++) {
                meanDev = Math.max(meanDev, Transforms.abs(runningMean(net, bn[k]).sub(mean[k])).maxNumber().doubleValue());
                varDev = Math.max(varDev, Transforms.abs(runningVar(net, bn[k]).div(var[k]).sub(1)).maxNumber().doubleValue());
            }
        }
        return new Epoch(steps, meanDev, varDev);
    }

    @Test
    void runningStatisticsAreAnExactMovingAverageStartingFromZeroAndOne() {
        DataSet train = sample();
        MultiLayerNetwork fast = cnn().init();
        MultiLayerNetwork plain = LayerHelpersTest.withoutHelpers(cnn());
        int[] bn = bnLayers(fast);
        assertEquals(3, bn.length, "batch norm after conv1, conv2 and dense");
        assertInstanceOf(MKLDNNBatchNormHelper.class, ((BatchNormalization) fast.getLayer(bn[0])).getHelper(), "oneDNN path");
        assertNull(((BatchNormalization) plain.getLayer(bn[0])).getHelper(), "DL4J's own path");
        for (int layer : bn) {
            assertEquals(0.0, Transforms.abs(runningMean(fast, layer)).maxNumber().doubleValue(), 0.0, "initial running mean");
            assertEquals(1.0, runningVar(fast, layer).minNumber().doubleValue(), 0.0, "initial running variance");
            assertEquals(1.0, runningVar(fast, layer).maxNumber().doubleValue(), 0.0, "initial running variance");
        }
        for (MultiLayerNetwork net : List.of(fast, plain)) {
            Epoch e = trainOneEpoch(net, train);
            String path = ((BatchNormalization) net.getLayer(bn[0])).getHelper() == null ? "DL4J" : "oneDNN";
            System.out.printf("%s batch norm, %d minibatches: running mean within %.1e of the replayed moving average,"
                    + " running variance within %.1e (relative)%n", path, e.steps(), e.meanDeviation(), e.varDeviation());
            assertEquals(10, e.steps());
            assertTrue(e.meanDeviation() < 1e-4, path + ": running mean strays " + e.meanDeviation());
            assertTrue(e.varDeviation() < 1e-4, path + ": running variance strays (relative) " + e.varDeviation());
        }
    }

    @Test
    void firstEpochGapIsWhatRemainsOfTheInitialVariance() {
        DataSet train = sample();
        MultiLayerNetwork net = cnn().init();
        Epoch e = trainOneEpoch(net, train);
        int[] bn = bnLayers(net);
        double leftover = Math.pow(DECAY, e.steps());
        double inference = Measures.accuracy(net, train);
        double training = trainingModeAccuracy(net, train);

        INDArray trueVar = net.feedForward(train.getFeatures(), true).get(bn[0]);
        trueVar = trueVar.var(false, statDims(trueVar)).reshape(-1);
        INDArray runVar = runningVar(net, bn[0]);
        double share = runVar.rdiv(leftover).medianNumber().doubleValue();
        double ratio = runVar.div(trueVar).medianNumber().doubleValue();

        MultiLayerNetwork corrected = net.clone();
        for (int layer : bn) {
            setRunningVar(corrected, layer, runningVar(corrected, layer).sub(leftover).div(1 - leftover));
        }
        double correctedAccuracy = Measures.accuracy(corrected, train);

        MultiLayerNetwork recomputed = net.clone();
        for (int layer : bn) {
            INDArray in = recomputed.feedForward(train.getFeatures(), true).get(layer);
            recomputed.getLayer(layer).setParam("mean", in.mean(statDims(in)).reshape(1, -1));
            setRunningVar(recomputed, layer, in.var(false, statDims(in)).reshape(-1));
        }
        double recomputedAccuracy = Measures.accuracy(recomputed, train);

        System.out.printf("after %d minibatches (decay^n = %.3f): conv1-bn running variance %.3f (median) vs %.4f in the data"
                + " (%.0fx), %.0f%% of it the initial 1; accuracy inference %.3f, training mode %.3f,"
                + " leftover removed %.3f, statistics recomputed %.3f%n", e.steps(), leftover,
                runVar.medianNumber().doubleValue(), trueVar.medianNumber().doubleValue(), ratio, 100 * share,
                inference, training, correctedAccuracy, recomputedAccuracy);
        assertTrue(trueVar.maxNumber().doubleValue() < 0.1 * leftover, "conv1's variance is far below decay^n");
        assertTrue(share > 0.9, "the initial variance dominates conv1-bn's running variance: " + share);
        assertTrue(training - inference > 0.3, "inference mode lags training mode: " + inference + " vs " + training);
        // The rest of the gap is drift: the average spans minibatches of a network that kept changing.
        assertTrue(correctedAccuracy - inference > 0.5 * (training - inference),
                "removing the leftover closes most of the gap: " + inference + " -> " + correctedAccuracy + " (training mode "
                        + training + ")");
        assertEquals(training, recomputedAccuracy, 0.02, "recomputed statistics reproduce training mode");
    }

    /**
     * The issue's own run through regzoo's {@link Trainer}: {@code mnist-regularizers}' data for seed 1
     * (a stratified 2,000 of MNIST, 10% held out: 1,800 to train, 200 to validate), batch 64, one epoch
     * (29 minibatches). Skips without full MNIST unless {@code REGZOO_REQUIRE_FULL_DATA=1}.
     */
    @Test
    @Tag("full-data")
    void theIssuesRunRecoversOnceTheLeftoverIsRemoved() {
        boolean required = "1".equals(System.getenv("REGZOO_REQUIRE_FULL_DATA"));
        boolean cached = DataFetcher.builder().dataDir(null).mirrors(List.of()).build().status().stream()
                .filter(s -> s.dataset() == DatasetId.MNIST && s.location().equals("cache"))
                .allMatch(DataFetcher.FileStatus::verified);
        assumeTrue(required || cached, "full MNIST is not cached");
        TrainValidation tv = Mnist.load().train().subset(2000, 1).split(0.1, 1);
        DataSet train = tv.train().toDataSet();
        DataSet val = tv.validation().toDataSet();
        TrainRun run = Trainer.builder().epochs(1).batchSize(BATCH).seed(1).build().fit(cnn(), train, val);
        MultiLayerNetwork net = run.network();
        EpochMetrics m = run.history().get(0);
        double leftover = Math.pow(DECAY, 29);
        MultiLayerNetwork corrected = net.clone();
        for (int layer : bnLayers(corrected)) {
            setRunningVar(corrected, layer, runningVar(corrected, layer).sub(leftover).div(1 - leftover));
        }
        double trainingMode = trainingModeAccuracy(net, val);
        double correctedVal = Measures.accuracy(corrected, val);
        System.out.printf("mnist-regularizers, seed 1, epoch 1: loss %.3f; accuracy in inference mode train %.3f,"
                + " validation %.3f; validation in training mode %.3f; with the leftover decay^29 = %.3f removed %.3f%n",
                m.trainLoss(), m.trainAccuracy(), m.valAccuracy(), trainingMode, leftover, correctedVal);
        assertTrue(m.valAccuracy() < 0.5, "the issue's figure (22%): " + m.valAccuracy());
        assertTrue(trainingMode > 0.9, "training mode: " + trainingMode);
        assertTrue(correctedVal > 0.9, "leftover removed: " + correctedVal);
    }
}
