package io.regzoo.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.regzoo.RegzooException;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.junit.jupiter.api.Test;

/** The knob table: names, JSON form, generic access, and the hooks that map knobs onto DL4J. */
class KnobTest {

    private static String compact(Regularization r) throws Exception {
        return SpecJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
    }

    @Test
    void jsonKeepsTheFormOfEarlierVersions() throws Exception {
        // The spec hash of every experiment depends on these bytes: results files resume by it.
        assertEquals("{\"weightDecayApplyLR\":true,\"batchNormMomentum\":0.9,\"batchNormEpsilon\":1.0E-5}",
                compact(Regularization.none()));
        Regularization r = Regularization.builder().l1(1e-5).l2Keras(0.01).l1Bias(1e-6).weightDecayBias(1e-4)
                .weightDecayApplyLR(false).dropoutRate(0.25).dropoutBeforeOutput(true).batchNorm(true)
                .batchNormMomentum(0.99).batchNormEpsilon(1e-3).clipNorm(5.0).build();
        assertEquals("{\"l1\":1.0E-5,\"l2\":0.02,\"l1Bias\":1.0E-6,\"weightDecayBias\":1.0E-4,\"weightDecayApplyLR\":false,"
                + "\"dropoutRate\":0.25,\"dropoutBeforeOutput\":true,\"batchNorm\":true,\"batchNormMomentum\":0.99,"
                + "\"batchNormEpsilon\":0.001,\"clipNorm\":5.0}", compact(r));
        assertEquals(Regularization.builder().clipValue(2.0).build(),
                SpecJson.fromJson("{\"clipValue\": 2, \"clipNorm\": null, \"l2\": null}", Regularization.class));
        assertEquals(Regularization.none(), SpecJson.fromJson("{}", Regularization.class));
    }

    @Test
    void everyKnobRoundTripsThroughTheGenericSetterAndJson() {
        for (Knob k : Knob.values()) {
            Object v = k.type() == Boolean.class ? !(Boolean.TRUE.equals(k.defaultValue())) : 0.5;
            Regularization r = Regularization.builder().set(k, v).build();
            assertEquals(v, r.get(k), k.key());
            assertNotEquals(Regularization.none(), r, k.key());
            assertEquals(r, SpecJson.fromJson(SpecJson.toJson(r), Regularization.class), k.key());
            assertEquals(r, r.toBuilder().build(), k.key());
            assertEquals(r.hashCode(), Regularization.builder().set(k, v).build().hashCode(), k.key());
            assertEquals(k, Knob.byKey(k.key()));
        }
        assertEquals(0.0, Regularization.builder().l2(-0.0).build().l2(), 0);
        assertEquals(Regularization.none(), Regularization.builder().l2(-0.0).build());
    }

    @Test
    void namesAreKerasFamiliarInSpecsAndKebabCaseOnTheCommandLine() {
        assertEquals(List.of("l1", "l2", "l1Bias", "l2Bias", "weightDecay", "weightDecayBias", "weightDecayApplyLR",
                "dropoutRate", "dropoutBeforeOutput", "batchNorm", "batchNormMomentum", "batchNormEpsilon", "clipValue",
                "clipNorm"), Knob.keys());
        assertEquals("--weight-decay", Knob.WEIGHT_DECAY.option());
        assertEquals("--weight-decay-apply-lr", Knob.WEIGHT_DECAY_APPLY_LR.option());
        assertEquals("--l1-bias", Knob.L1_BIAS.option());
        assertEquals("--dropout-before-output", Knob.DROPOUT_BEFORE_OUTPUT.option());
        assertEquals(List.of(Knob.L1, Knob.L2, Knob.WEIGHT_DECAY, Knob.DROPOUT_RATE), Knob.sweepables());
        assertNull(Knob.byKey("dropout"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Knob.sweepable("batchNorm"));
        assertEquals("param 'batchNorm' cannot be swept; use one of [l1, l2, weightDecay, dropoutRate]", e.getMessage());
    }

    @Test
    void wrongTypesAndUnknownKeysAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Regularization.builder().set(Knob.L2, true));
        assertEquals("l2 must be a number, got true", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regularization.builder().set(Knob.BATCH_NORM, 1.0));
        assertEquals("batchNorm must be true or false, got 1.0", e.getMessage());
        RegzooException j = assertThrows(RegzooException.class,
                () -> SpecJson.fromJson("{\"l3\": 1}", Regularization.class));
        assertTrue(j.getMessage().startsWith("unknown key 'l3' in Regularization") && j.getMessage().contains("weightDecay")
                && j.getMessage().contains("clipNorm"), j.getMessage());
        rejects("batchNormEpsilon must be > 0, got 0.0", () -> Regularization.builder().batchNormEpsilon(0).build());
        rejects("l1Bias must be a finite number >= 0, got -1.0", () -> Regularization.builder().l1Bias(-1).build());
    }

    @Test
    void rangesAreCheckedWhenBuildingSoABuilderMayPassThroughABadValue() {
        assertEquals(0.5, Regularization.builder().dropoutRate(1.5).dropoutRate(0.5).build().dropoutRate(), 0);
    }

    @Test
    void hooksMapKnobsOntoDl4j() {
        Regularization r = Regularization.builder().dropoutRate(0.25).clipValue(0.5).build();
        assertEquals(0.75, ((Dropout) r.dl4jInputDropout(false)).getP(), 1e-12);
        assertNull(r.dl4jInputDropout(true), "not on the output layer's input unless dropoutBeforeOutput");
        assertEquals(0.75, ((Dropout) r.toBuilder().dropoutBeforeOutput(true).build().dl4jInputDropout(true)).getP(), 1e-12);
        assertNull(Regularization.none().dl4jInputDropout(false));

        NeuralNetConfiguration.Builder g = r.configure(new NeuralNetConfiguration.Builder());
        assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue, g.getGradientNormalization());
        assertEquals(0.5, g.getGradientNormalizationThreshold(), 0);
        g = Regularization.builder().clipNorm(2.0).build().configure(new NeuralNetConfiguration.Builder());
        assertEquals(GradientNormalization.ClipL2PerLayer, g.getGradientNormalization());
        assertEquals(GradientNormalization.None, Regularization.none().configure(new NeuralNetConfiguration.Builder())
                .getGradientNormalization());
        assertEquals("weightDecay=5.0E-4 (no LR), dropoutRate=0.25 (incl. output input)",
                Regularization.builder().weightDecay(5e-4, false).dropoutRate(0.25).dropoutBeforeOutput(true).build()
                        .describe());
        assertEquals("none", Regularization.builder().weightDecayApplyLR(false).batchNormMomentum(0.99).build().describe());
    }

    @Test
    void conventionsComeFromTheTableInItsOrder() {
        List<String> c = Knob.conventions();
        assertTrue(c.get(0).startsWith("L1: "), c.get(0));
        assertTrue(c.get(1).contains("`λ/2·Σw²`") && c.get(1).contains("`l2Keras(λ)`"), c.get(1));
        assertTrue(c.stream().anyMatch(x -> x.contains("1 − rate")), c.toString());
        assertTrue(c.stream().anyMatch(x -> x.contains("0.99 and 1e-3")), c.toString());
        assertEquals(c.size(), List.of(Knob.values()).stream().filter(k -> k.convention().isPresent()).count());
    }

    private static void rejects(String message, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(message, e.getMessage());
    }
}
