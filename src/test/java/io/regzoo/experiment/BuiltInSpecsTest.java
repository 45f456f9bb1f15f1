package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the built-in specs promise in their comments. */
class BuiltInSpecsTest {

    @Test
    void smallDataTrainsBothClassifiersLongOnAThousandDigits() {
        ExperimentSpec s = ExperimentSpec.load("mnist-small-data");
        assertEquals(List.of("mlp-classifier", "mnist-cnn"), s.models());
        assertEquals(1000, s.dataset().trainSize());
        assertTrue(s.epochs() >= 30 && s.epochs() <= 50, "long enough to overfit: " + s.epochs());
        assertEquals(List.of("baseline", "l2", "weight-decay", "dropout", "early-stopping"), List.copyOf(s.variants().keySet()));
        assertEquals(30, s.numTrials());
        assertTrue(s.earlyStoppingFor("early-stopping").restoreBestWeights());
    }

    @Test
    void dataSizeSpecTrainsEveryVariantAtThreeSizes() {
        ExperimentSpec s = ExperimentSpec.load("mnist-data-size");
        assertEquals(List.of(500, 2000, 8000), s.dataset().trainSizes());
        assertEquals(36, s.numTrials());
        assertEquals(12, s.trialsOf(1).size());
        assertEquals(8000, s.datasetFor(s.trialsOf(1).get(11)).trainSize());
    }

    @Test
    void doc3RunsTheDocumentsOwnSetting() {
        ExperimentSpec s = ExperimentSpec.load("doc3-cnn-weight-decay");
        assertEquals(1e-3, s.variants().get("l2-keras-5e-4").regularization().l2(), 1e-15, "Keras L2(5e-4) = DL4J l2(1e-3)");
        assertEquals(0.5, s.variants().get("weight-decay-0.5").regularization().weightDecay());
        assertEquals(Optimizer.adam(1e-3), s.optimizer());
        assertEquals(10, s.epochs(), "the document's 10 epochs");
    }
}
