package io.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.Splits;
import io.regzoo.experiment.SyntheticData;
import io.regzoo.regularize.Optimizer;
import io.regzoo.zoo.LinearRegression;
import io.regzoo.zoo.MlpClassifier;
import io.regzoo.zoo.MlpRegressor;
import io.regzoo.regularize.Regularization;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static Splits data(String name, int train, int test, double valSplit, long seed) {
        return new SyntheticData().load(DatasetSpec.builder(name).trainSize(train).testSize(test)
                .validationSplit(valSplit).build(), seed);
    }

    @Test
    void linearRegressionLearnsTheLineAndRecordsEveryEpoch() {
        Splits s = data("linear", 80, 20, 0.25, 1);
        TrainRun run = Trainer.builder().epochs(30).batchSize(8).seed(1).build()
                .fit(LinearRegression.builder().optimizer(Optimizer.sgd(0.1)).build(), s.train(), s.validation());
        assertEquals(StopReason.COMPLETED, run.stopReason());
        assertEquals(30, run.history().size());
        assertEquals(30, run.bestEpoch());
        EpochMetrics last = run.history().get(29);
        assertTrue(last.valLoss() < 0.05, "val MSE near the noise level 0.01: " + last.valLoss());
        assertTrue(Double.isNaN(last.trainAccuracy()));
        assertEquals(0.1, last.learningRate(), 1e-9);
        assertTrue(last.weightNorm() > 1.5 && last.weightNorm() < 2.5, "w ≈ 2: " + last.weightNorm());
        assertTrue(run.history().get(0).trainLoss() > last.trainLoss());
    }

    @Test
    void sameSeedGivesTheSameHistory() {
        Splits s = data("regression10", 60, 20, 0.2, 3);
        Trainer t = Trainer.builder().epochs(3).batchSize(10).seed(5).build();
        List<EpochMetrics> a = t.fit(MlpRegressor.builder().build(), s.train(), s.validation()).history();
        List<EpochMetrics> b = t.fit(MlpRegressor.builder().build(), s.train(), s.validation()).history();
        for (int i = 0; i < 3; i++) {
            assertEquals(a.get(i).valLoss(), b.get(i).valLoss(), 0.0);
        }
    }

    /**
     * Keras's shuffle=False: every epoch fits the row ranges in order, so the weights equal a plain
     * {@code net.fit} loop's over the same views, bit for bit; the default reshuffles and ends elsewhere.
     */
    @Test
    void withoutShuffleItIsThePlainLoopOverConsecutiveRanges() {
        Splits s = data("blobs", 150, 30, 0.2, 2);
        MlpClassifier recipe = MlpClassifier.builder().inputs(20).classes(3).hiddenUnits(16)
                .regularization(Regularization.builder().l2(1e-3).build()).optimizer(Optimizer.adam(0.01)).build();
        int n = s.train().numExamples();
        assertTrue(n % 16 != 0, "a short last batch is part of the check: " + n);
        MultiLayerNetwork plain = recipe.init();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int from = 0; from < n; from += 16) {
                plain.fit((DataSet) s.train().getRange(from, Math.min(n, from + 16)));
            }
        }
        TrainRun inOrder = Trainer.builder().epochs(3).batchSize(16).shuffle(false).build().fit(recipe, s.train(), s.validation());
        assertEquals(3, inOrder.history().size());
        assertEquals(0.0, plain.params().sub(inOrder.network().params()).amax().getDouble(0), 0.0);
        TrainRun shuffled = Trainer.builder().epochs(3).batchSize(16).build().fit(recipe, s.train(), s.validation());
        assertTrue(plain.params().sub(shuffled.network().params()).amax().getDouble(0) > 1e-4, "the check tells the orders apart");
    }

    @Test
    void classifierRecordsAccuracies() {
        Splits s = data("blobs", 150, 60, 0.2, 2);
        TrainRun run = Trainer.builder().epochs(5).batchSize(16).build()
                .fit(MlpClassifier.builder().inputs(20).classes(3).hiddenUnits(16).regularization(Regularization.none())
                        .optimizer(Optimizer.adam(0.01)).build(), s.train(), s.validation());
        EpochMetrics last = run.history().get(4);
        assertTrue(last.valAccuracy() > 0.9, "blobs are separable: " + last.valAccuracy());
        assertTrue(last.trainAccuracy() > 0.9);
    }

    @Test
    void hugeLearningRateDivergesWithoutThrowing() {
        Splits s = data("regression10", 60, 20, 0.2, 1);
        for (EarlyStopping es : new EarlyStopping[] {null, EarlyStopping.builder().patience(2).build()}) {
            TrainRun run = Trainer.builder().epochs(20).batchSize(10).earlyStopping(es).build()
                    .fit(LinearRegression.builder().inputs(10).optimizer(Optimizer.sgd(1e3)).build(), s.train(), s.validation());
            assertEquals(StopReason.DIVERGED, run.stopReason(), "with " + es);
            assertTrue(run.message().contains("loss became"), run.message());
            assertTrue(run.epochsRun() < 20);
        }
    }

    @Test
    void earlyStoppingStopsAnOverfittingNetAndRestoresTheBestEpoch() {
        // 16 training points, 20 features, a wide MLP with Adam: validation loss falls, then rises.
        Splits s = data("sparse20", 20, 200, 0.2, 7);
        MlpRegressor net = MlpRegressor.builder().inputs(20).hiddenUnits(128).optimizer(Optimizer.adam(0.03)).seed(7).build();
        int budget = 300;
        TrainRun run = Trainer.builder().epochs(budget).batchSize(16).seed(7)
                .earlyStopping(EarlyStopping.builder().patience(2).restoreBestWeights(true).build())
                .build().fit(net, s.train(), s.validation());
        assertEquals(StopReason.EARLY_STOPPED, run.stopReason());
        assertTrue(run.epochsRun() < budget);
        int best = run.bestEpoch();
        assertEquals(run.epochsRun() - 2, best, "patience 2: stopped two epochs after the best");
        double bestVal = run.history().get(best - 1).valLoss();
        for (EpochMetrics m : run.history()) {
            assertTrue(m.valLoss() >= bestVal);
        }
        assertEquals(bestVal, Measures.dataLoss(run.network(), s.validation()), 1e-6 * Math.max(1, bestVal));
        // Without restore, the last epoch's weights are kept.
        TrainRun last = Trainer.builder().epochs(budget).batchSize(16).seed(7)
                .earlyStopping(EarlyStopping.builder().patience(2).build())
                .build().fit(net, s.train(), s.validation());
        assertEquals(last.epochsRun(), last.bestEpoch());
        assertEquals(best, last.monitoredBestEpoch());
        double lastVal = last.history().get(last.epochsRun() - 1).valLoss();
        assertEquals(lastVal, Measures.dataLoss(last.network(), s.validation()), 1e-6 * Math.max(1, lastVal));
        assertFalse(lastVal == bestVal);
    }

    @Test
    void interruptedThreadStopsBetweenEpochs() {
        Splits s = data("linear", 40, 10, 0.25, 1);
        Thread.currentThread().interrupt();
        try {
            TrainRun run = Trainer.builder().epochs(5).build().fit(LinearRegression.builder().build(), s.train(), s.validation());
            assertEquals(StopReason.INTERRUPTED, run.stopReason());
            assertEquals(0, run.epochsRun());
        } finally {
            Thread.interrupted();
        }
    }
}
