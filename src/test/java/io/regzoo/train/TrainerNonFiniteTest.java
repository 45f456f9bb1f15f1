package io.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.Splits;
import io.regzoo.experiment.SyntheticData;
import io.regzoo.regularize.Optimizer;
import io.regzoo.zoo.LinearRegression;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * NaN and infinite losses at every stage of a training run: the first minibatch, the validation loss at
 * the end of an epoch (the epoch's last update broke the weights), and after a best epoch was saved for
 * early stopping's restore. Each ends as {@link StopReason#DIVERGED} with one line saying where, never an
 * exception and never a completed run. The test-set stage (after training) is
 * {@code experiment.TrialFaultTest} and {@code cli.TrainDivergenceTest}.
 */
class TrainerNonFiniteTest {

    /** 30 training and 10 validation points of y = 2x + 1. */
    private static Splits data() {
        return new SyntheticData().load(DatasetSpec.builder("linear").trainSize(40).testSize(20).validationSplit(0.25)
                .build(), 1);
    }

    private static List<EarlyStopping> withAndWithoutEarlyStopping() {
        return Arrays.asList(null, EarlyStopping.builder().patience(2).build(),
                EarlyStopping.builder().patience(2).restoreBestWeights(true).build());
    }

    private static TrainRun fit(EarlyStopping es, double lr, int epochs, int batch, DataSet train, DataSet val) {
        return Trainer.builder().epochs(epochs).batchSize(batch).seed(1).earlyStopping(es).build()
                .fit(LinearRegression.builder().optimizer(Optimizer.sgd(lr)).build(), train, val);
    }

    @Test
    void aNaNOrInfiniteLossInTheFirstMinibatchIsDivergedAtEpochOneMinibatchOne() {
        Splits s = data();
        for (EarlyStopping es : withAndWithoutEarlyStopping()) {
            DataSet nanFeatures = s.train().copy();
            nanFeatures.getFeatures().assign(Double.NaN);
            TrainRun nan = fit(es, 0.1, 5, 8, nanFeatures, s.validation());
            assertEquals(StopReason.DIVERGED, nan.stopReason(), "with " + es);
            assertEquals("loss became NaN at epoch 1, minibatch 1", nan.message(), "with " + es);
            assertEquals(0, nan.epochsRun(), "with " + es);

            DataSet infiniteLabels = s.train().copy();
            infiniteLabels.getLabels().assign(Double.POSITIVE_INFINITY);
            TrainRun inf = fit(es, 0.1, 5, 8, infiniteLabels, s.validation());
            assertEquals(StopReason.DIVERGED, inf.stopReason(), "with " + es);
            assertEquals("loss became Infinity at epoch 1, minibatch 1", inf.message(), "with " + es);
        }
    }

    @Test
    void aValidationLossThatTheEpochsLastUpdateMadeNonFiniteIsDivergedAfterThatEpoch() {
        Splits s = data();
        for (EarlyStopping es : withAndWithoutEarlyStopping()) {
            // one minibatch per epoch, one epoch: every minibatch score is finite, the update is not
            TrainRun run = fit(es, 1e30, 1, 30, s.train(), s.validation());
            assertEquals(StopReason.DIVERGED, run.stopReason(), "with " + es + ": " + run.message());
            assertTrue(run.message().matches("loss became (NaN|Infinity) on the validation set after epoch 1"),
                    "with " + es + ": " + run.message());
            assertEquals(1, run.history().size());
            assertTrue(Double.isFinite(run.history().get(0).trainLoss()), "the minibatch was finite");
        }
    }

    @Test
    void aLossThatBecomesNonFiniteAfterTheBestEpochWasSavedForRestoreIsDivergedNotRestored() {
        Splits s = data();
        for (double lr : new double[] {5, 10}) { // grows from the first epoch: epoch 1 is the best, then infinity
            TrainRun run = fit(EarlyStopping.builder().patience(500).restoreBestWeights(true).build(), lr, 500, 30,
                    s.train(), s.validation());
            assertEquals(StopReason.DIVERGED, run.stopReason(), "lr " + lr + ": " + run.message());
            assertTrue(run.message().matches("loss became (NaN|Infinity) (on the validation set after epoch \\d+"
                    + "|at epoch \\d+, minibatch 1)"), "lr " + lr + ": " + run.message());
            assertEquals(1, run.monitoredBestEpoch(), "a best epoch was saved for the restore");
            assertTrue(run.epochsRun() > 1, "it diverged after the best epoch: " + run.epochsRun());
        }
    }
}
