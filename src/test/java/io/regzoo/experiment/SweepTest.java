package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.Measures;
import io.regzoo.train.TrainRun;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.LinearRegression;
import java.util.List;
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

    @Test
    void eachSweepParameterSetsItsKnobAndOthersAreRefusedByName() {
        assertEquals(List.of("l1", "l2", "weightDecay", "dropoutRate"), Sweep.PARAMS);
        Regularization base = Regularization.builder().dropoutRate(0.1).dropoutBeforeOutput(true).build();
        for (String p : Sweep.PARAMS) {
            Regularization r = Sweep.with(base, p, 0.25);
            assertEquals(0.25, (Double) r.get(Knob.byKey(p)), 0, p);
            assertTrue(r.dropoutBeforeOutput(), "the base's other knobs stay: " + p);
        }
        assertEquals(Sweep.with(base, "weightDecay", 1e-3), Sweep.with(base, Knob.WEIGHT_DECAY, 1e-3));
        RegzooException e = assertThrows(RegzooException.class, () -> Sweep.with(base, "batchNorm", 1));
        assertEquals("param 'batchNorm' cannot be swept; use one of [l1, l2, weightDecay, dropoutRate]", e.getMessage());
        e = assertThrows(RegzooException.class, () -> Sweep.with(base, "dropoutRate", 1.0));
        assertEquals("values: dropoutRate must be in [0, 1) (the fraction of activations dropped), got 1.0", e.getMessage());
        e = assertThrows(RegzooException.class, () -> Sweep.builder().model("linear-regression")
                .dataset(DatasetSpec.builder("linear").build()).param("l3").values(1).build());
        assertTrue(e.getMessage().startsWith("param 'l3' cannot be swept"), e.getMessage());
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
