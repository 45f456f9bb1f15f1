package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Regularization;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a regularizer has no place: the knob table's hidden-layer knobs and the builders' refusals. */
class ZooApplicabilityTest {

    @Test
    void onlyLinearRegressionHasNoHiddenLayer() {
        assertEquals(List.of(false, true, true, true), ModelZoo.entries().stream().map(ZooEntry::hasHiddenLayers).toList());
    }

    @Test
    void dropoutAndBatchNormAreTheKnobsThatNeedAHiddenLayer() {
        assertEquals(List.of(Knob.DROPOUT_RATE, Knob.BATCH_NORM),
                Arrays.stream(Knob.values()).filter(k -> k.hiddenLayerRole().isPresent()).toList());
        assertFalse(Knob.BATCH_NORM.isSetIn(Regularization.none()));
        assertTrue(Knob.BATCH_NORM.isSetIn(Regularization.builder().batchNorm(true).build()));
    }

    @Test
    void theReasonComesFromTheKnobTableOrTheBuilder() {
        ZooEntry lin = ModelZoo.entry(LinearRegression.NAME);
        assertEquals(Optional.of("linear-regression has no hidden layer: batch normalization normalizes a hidden layer's activations"),
                lin.notApplicable(Regularization.builder().batchNorm(true).build()));
        assertEquals(Optional.of("linear-regression has no hidden layer: dropout drops a hidden layer's activations"),
                lin.notApplicable(Regularization.builder().dropoutRate(0.25).dropoutBeforeOutput(true).build()),
                "input dropout is possible when asked for, but it is not dropout of hidden units");
        assertEquals(Optional.empty(), lin.notApplicable(Regularization.builder().l2(0.1).weightDecay(0).build()));
        Optional<String> mlp = ModelZoo.entry(MlpRegressor.NAME).notApplicable(Regularization.builder().dropoutRate(0.25).build());
        assertTrue(mlp.orElseThrow().contains("its only dropout site is the output layer's input"), mlp.toString());
        for (ZooEntry e : ModelZoo.entries().subList(1, 4)) {
            assertEquals(Optional.empty(), e.notApplicable(Regularization.builder().batchNorm(true).dropoutRate(0.25)
                    .dropoutBeforeOutput(true).build()), e.name());
        }
    }
}
