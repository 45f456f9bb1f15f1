package io.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.Splits;
import io.regzoo.experiment.SyntheticData;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.MlpClassifier;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Trainer as a library uses it: the train loss is the data loss, DL4J iterators, DL4J listeners. */
class TrainerLibraryTest {

    private static Splits blobs() {
        return new SyntheticData().load(DatasetSpec.builder("blobs").trainSize(150).testSize(60).validationSplit(0.2)
                .build(), 2);
    }

    private static MlpClassifier mlp(Regularization reg) {
        return MlpClassifier.builder().inputs(20).classes(3).hiddenUnits(16).regularization(reg)
                .optimizer(Optimizer.adam(0.01)).seed(3).build();
    }

    /**
     * Under decoupled weight decay 0.5, DL4J's score adds 0.5·0.5·‖w‖² (tens, for this MLP); the recorded
     * train loss leaves it out. One minibatch holding the whole training set: the epoch's train loss is the
     * data loss of the initial weights on it (no dropout, so training and inference mode agree).
     */
    @Test
    void trainLossIsTheDataLossWithoutDl4jsPenaltyTerm() {
        Splits s = blobs();
        MlpClassifier net = mlp(Regularization.builder().weightDecay(0.5).build());
        int n = s.train().numExamples();
        TrainRun run = Trainer.builder().epochs(1).batchSize(n).seed(1).build().fit(net, s.train(), s.validation());
        MultiLayerNetwork initial = net.init();
        double penalty = initial.calcRegularizationScore(true);
        double dataLoss = Measures.dataLoss(initial, s.train());
        assertTrue(penalty > 1, "weight decay 0.5 adds a large penalty to DL4J's score: " + penalty);
        assertEquals(dataLoss + penalty, initial.score(s.train(), true), 1e-4, "DL4J's score = data loss + penalty");
        assertEquals(dataLoss, run.history().get(0).trainLoss(), 1e-5, "train loss is the data loss");
        // without a penalty the score is the data loss: nothing is subtracted
        TrainRun plain = Trainer.builder().epochs(1).batchSize(n).seed(1).build()
                .fit(mlp(Regularization.none()), s.train(), s.validation());
        assertEquals(Measures.dataLoss(mlp(Regularization.none()).init(), s.train()), plain.history().get(0).trainLoss(), 1e-5);
    }

    /** A DL4J iterator: the iterator's minibatches, every epoch, reproducibly; accuracy measured as for DataSets. */
    @Test
    void trainsFromADataSetIterator() {
        Splits s = blobs();
        List<DataSet> batches = s.train().batchBy(16);
        Trainer t = Trainer.builder().epochs(5).trainEvalExamples(100).build();
        CountingListener counter = new CountingListener();
        List<Integer> perEpoch = new ArrayList<>();
        TrainRun run = Trainer.builder().epochs(5).trainEvalExamples(100).trainingListeners(counter)
                .listener(new EpochListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {}

                    @Override
                    public void onIteration(int epoch, int iteration, int iterationsPerEpoch, double score) {
                        perEpoch.add(iterationsPerEpoch);
                    }
                }).build()
                .fit(mlp(Regularization.none()), new ListDataSetIterator<>(batches, 1), s.validation());
        assertEquals(StopReason.COMPLETED, run.stopReason());
        assertEquals(5, run.history().size());
        EpochMetrics last = run.history().get(4);
        assertTrue(last.valAccuracy() > 0.9, "blobs are separable: " + last.valAccuracy());
        assertTrue(last.trainAccuracy() > 0.9, "train accuracy measured: " + last.trainAccuracy());
        assertTrue(run.history().get(0).trainLoss() > last.trainLoss());
        assertEquals(5 * batches.size(), counter.iterations, "every minibatch of every epoch");
        assertEquals(5, counter.epochStarts);
        assertEquals(5, counter.epochEnds);
        assertEquals(List.of(0), perEpoch.stream().distinct().toList(), "minibatches per epoch unknown for an iterator");
        assertTrue(run.network().getListeners().contains(counter), "the listener stays on the trained network");
        List<EpochMetrics> again = t.fit(mlp(Regularization.none()), new ListDataSetIterator<>(batches, 1), s.validation())
                .history();
        for (int i = 0; i < 5; i++) {
            assertEquals(run.history().get(i).valLoss(), again.get(i).valLoss(), 0.0, "same iterator, same run");
        }
    }

    /** Early stopping from an iterator, with a DL4J listener: DL4J's early-stopping trainer calls the epoch methods. */
    @Test
    void earlyStoppingFromAnIteratorCallsTheListeners() {
        Splits s = blobs();
        CountingListener counter = new CountingListener();
        TrainRun run = Trainer.builder().epochs(4).trainingListeners(counter)
                .earlyStopping(EarlyStopping.builder().patience(10).build()).build()
                .fit(mlp(Regularization.none()), new ListDataSetIterator<>(s.train().batchBy(32), 1), s.validation());
        assertEquals(4, run.history().size());
        assertEquals(4, counter.epochStarts);
        assertTrue(counter.iterations >= 4 * 4, "minibatches seen: " + counter.iterations);
    }

    @Test
    void anIteratorThatCannotBeResetIsAOneLineError() {
        Splits s = blobs();
        DataSetIterator once = new ListDataSetIterator<>(s.train().batchBy(16), 1) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean resetSupported() {
                return false;
            }
        };
        RegzooException e = assertThrows(RegzooException.class,
                () -> Trainer.builder().epochs(2).build().fit(mlp(Regularization.none()), once, s.validation()));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
    }

    private static final class CountingListener extends BaseTrainingListener {
        int iterations;
        int epochStarts;
        int epochEnds;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            iterations++;
        }

        @Override
        public void onEpochStart(Model model) {
            epochStarts++;
        }

        @Override
        public void onEpochEnd(Model model) {
            epochEnds++;
        }
    }
}
