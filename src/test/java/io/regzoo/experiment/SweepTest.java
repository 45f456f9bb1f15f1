package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.Measures;
import io.regzoo.train.TrainRun;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.LinearRegression;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class SweepTest {

    /**
     * 20 noisy training points, 20 features, 3 true non-zero weights: least squares overfits. L2 at
     * the cross-validated λ beats no penalty on 2,000 test points; λ = 1e3 underfits.
     */
    @Test
    void crossValidatedL2BeatsNoPenaltyAndAHugeL2Underfits() {
        DatasetSpec data = DatasetSpec.builder("sparse20").trainSize(20).testSize(2000).build();
        Optimizer adam = Optimizer.adam(0.05);
        int epochs = 100;
        SweepResult r = Sweep.builder().model("linear-regression").dataset(data).param("l2")
                .values(0, 1e-1, 1).folds(4).epochs(epochs).batchSize(20).seed(3).optimizer(adam)
                .build().run();
        assertEquals(3, r.foldScores().size());
        assertEquals(4, r.foldScores().get(0).size());
        System.out.println("sweep l2: means " + r.mean() + " chosen " + r.chosenValue() + " test " + r.testLoss());
        assertTrue(r.chosenValue() > 0, "CV should pick a penalty: " + r.mean());

        Splits s = new SyntheticData().load(data.toBuilder().validationSplit(0).build(), 3);
        double noPenaltyTest = fit(s.train(), 0, adam, epochs).test(s.test());
        assertTrue(r.testLoss() < 0.9 * noPenaltyTest,
                "chosen l2=" + r.chosenValue() + " test MSE " + r.testLoss() + " vs no penalty " + noPenaltyTest);

        Fitted none = fit(s.train(), 0, adam, epochs);
        Fitted huge = fit(s.train(), 1e3, adam, epochs);
        assertTrue(huge.trainLoss > 5 * none.trainLoss,
                "λ=1e3 should underfit: train MSE " + huge.trainLoss + " vs " + none.trainLoss);
    }

    private record Fitted(TrainRun run, double trainLoss) {
        double test(DataSet t) {
            return Measures.dataLoss(run.network(), t);
        }
    }

    private static Fitted fit(DataSet train, double l2, Optimizer opt, int epochs) {
        TrainRun run = Trainer.builder().epochs(epochs).batchSize(20).seed(3).build().fit(LinearRegression.builder().inputs(20)
                .seed(3).optimizer(opt).regularization(Regularization.builder().l2(l2).build()).build(), train, null);
        return new Fitted(run, Measures.dataLoss(run.network(), train));
    }
}
