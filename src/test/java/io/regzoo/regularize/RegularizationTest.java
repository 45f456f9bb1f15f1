package io.regzoo.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;

class RegularizationTest {

    private static void rejects(String expectedMessage, Supplier<?> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        rejects("l2 must be a finite number >= 0, got -0.1", () -> Regularization.builder().l2(-0.1).build());
        rejects("l1 must be a finite number >= 0, got NaN", () -> Regularization.builder().l1(Double.NaN).build());
        rejects("weightDecay must be a finite number >= 0, got Infinity",
                () -> Regularization.builder().weightDecay(Double.POSITIVE_INFINITY).build());
        rejects("dropoutRate must be in [0, 1) (the fraction of activations dropped), got 1.0",
                () -> Regularization.builder().dropoutRate(1.0).build());
        rejects("dropoutRate must be in [0, 1) (the fraction of activations dropped), got -0.2",
                () -> Regularization.builder().dropoutRate(-0.2).build());
        rejects("clipNorm must be > 0 (or absent for no clipping), got 0.0",
                () -> Regularization.builder().clipNorm(0.0).build());
        rejects("clipValue must be > 0 (or absent for no clipping), got -1.0",
                () -> Regularization.builder().clipValue(-1.0).build());
        rejects("clipValue and clipNorm: choose at most one gradient clipping, got both",
                () -> Regularization.builder().clipValue(1.0).clipNorm(1.0).build());
        rejects("l2 and weightDecay both set on the weights (0.01, 5.0E-4): they are two forms of the same penalty; choose one",
                () -> Regularization.builder().l2(0.01).weightDecay(5e-4).build());
        rejects("l2Bias and weightDecayBias both set on the biases (0.01, 0.01): choose one",
                () -> Regularization.builder().l2Bias(0.01).weightDecayBias(0.01).build());
        rejects("batchNormMomentum must be in (0, 1), got 1.0", () -> Regularization.builder().batchNormMomentum(1).build());
        rejects("optimizer.learningRate must be a finite number > 0, got -1.0", () -> Optimizer.sgd(-1));
        rejects("optimizer 'rmsprop' is unknown; use sgd, momentum or adam", () -> Optimizer.of("rmsprop", 0.1));
        rejects("schedule.rate for a step decay must be in (0, 1], got 2.0",
                () -> LrSchedule.step(2, 1, LrSchedule.Unit.EPOCH));
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        Regularization r = Regularization.builder().l1(1e-5).l2Keras(0.01).l1Bias(1e-6).weightDecayBias(1e-4)
                .weightDecayApplyLR(false).dropoutRate(0.25).dropoutBeforeOutput(true).batchNorm(true)
                .batchNormMomentum(0.99).batchNormEpsilon(1e-3).clipNorm(5.0).build();
        String json = SpecJson.toJson(r);
        Regularization back = SpecJson.fromJson(json, Regularization.class);
        assertEquals(r, back);
        assertEquals(0.02, back.l2(), 0, "Keras's λ·Σw² is DL4J's l2(2λ)");
        assertEquals(r, back.toBuilder().build());

        Optimizer o = Optimizer.momentum(0.1, 0.8)
                .withSchedule(LrSchedule.inverseTime(0.5, 1, LrSchedule.Unit.ITERATION).withWarmup(10));
        assertEquals(o, SpecJson.fromJson(SpecJson.toJson(o), Optimizer.class));
    }

    @Test
    void jsonWithAnUnknownKeyOrBadValueNamesIt() {
        RegzooException e = assertThrows(RegzooException.class,
                () -> SpecJson.fromJson("{\"l2\": 0.01, \"dropout\": 0.5}", Regularization.class));
        assertTrue(e.getMessage().startsWith("unknown key 'dropout' in Regularization"), e.getMessage());
        e = assertThrows(RegzooException.class, () -> SpecJson.fromJson("{\"dropoutRate\": 1.5}", Regularization.class));
        assertEquals("dropoutRate must be in [0, 1) (the fraction of activations dropped), got 1.5", e.getMessage());
        e = assertThrows(RegzooException.class, () -> SpecJson.fromJson("{\"kind\": \"adam\"}", Optimizer.class));
        assertEquals("optimizer.learningRate must be a finite number > 0, got null", e.getMessage());
    }

    @Test
    void penaltiesMapOntoDl4jWithoutSilentReplacement() {
        Regularization r = Regularization.builder().l1(0.1).l2(0.2).l1Bias(0.3).weightDecayBias(0.4).build();
        var w = r.dl4jWeightRegularization();
        assertEquals(2, w.size());
        assertEquals(0.1, ((L1Regularization) w.get(0)).getL1().valueAt(0, 0), 0);
        assertEquals(0.2, ((L2Regularization) w.get(1)).getL2().valueAt(0, 0), 0);
        var b = r.dl4jBiasRegularization();
        assertEquals(2, b.size());
        assertTrue(b.get(1) instanceof WeightDecay);
        assertTrue(((WeightDecay) b.get(1)).isApplyLR());
        assertTrue(Regularization.none().dl4jWeightRegularization().isEmpty());
    }

    @Test
    void optimizersAndSchedulesMapOntoDl4jUpdaters() {
        assertTrue(Optimizer.of("sgd", 0.01).toUpdater() instanceof Sgd);
        assertTrue(Optimizer.of("sgd+momentum", 0.01).toUpdater() instanceof Nesterovs);
        assertTrue(Optimizer.of("adam", 0.001).toUpdater() instanceof Adam);

        ISchedule step = LrSchedule.step(0.5, 2, LrSchedule.Unit.EPOCH).toISchedule(0.1);
        assertEquals(0.1, step.valueAt(0, 1), 1e-12);
        assertEquals(0.05, step.valueAt(0, 2), 1e-12);
        assertEquals(0.025, step.valueAt(0, 5), 1e-12);
        ISchedule exp = LrSchedule.exponential(0.9, LrSchedule.Unit.EPOCH).toISchedule(1.0);
        assertEquals(0.81, exp.valueAt(100, 2), 1e-12);
        ISchedule inv = LrSchedule.inverseTime(0.5, 1, LrSchedule.Unit.ITERATION).toISchedule(1.0);
        assertEquals(0.5, inv.valueAt(2, 0), 1e-12);
        ISchedule warm = LrSchedule.constant().withWarmup(4).toISchedule(0.2);
        assertEquals(0.05, warm.valueAt(0, 0), 1e-12);
        assertEquals(0.1, warm.valueAt(1, 0), 1e-12);
        assertEquals(0.2, warm.valueAt(10, 0), 1e-12);
        assertEquals(0.2 * 0.5, ((Sgd) Optimizer.sgd(0.2).withSchedule(LrSchedule.step(0.5, 1, LrSchedule.Unit.EPOCH))
                .toUpdater()).getLearningRate(0, 1), 1e-12);
    }
}
