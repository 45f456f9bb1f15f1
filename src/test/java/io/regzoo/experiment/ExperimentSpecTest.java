package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import io.regzoo.train.EarlyStopping;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {

    private static final String GOOD = String.join("\n",
            "name: t",
            "dataset: {name: sparse20, trainSize: 40}",
            "models: [linear-regression]",
            "variants:",
            "  baseline: {}",
            "  l2: {l2: 1.0e-2}",
            "  es:",
            "    earlyStopping: {monitor: val_loss, patience: 2, restore_best_weights: true}",
            "seeds: [1, 2]",
            "epochs: 5",
            "batchSize: 8",
            "optimizer: {kind: sgd, learningRate: 0.05}",
            "");

    private static String err(String yaml) {
        return assertThrows(RegzooException.class, () -> ExperimentSpec.parse(yaml, "t.yaml")).getMessage();
    }

    @Test
    void parsesAndRoundTrips() {
        ExperimentSpec s = ExperimentSpec.parse(GOOD, "t.yaml");
        assertEquals(6, s.numTrials());
        assertEquals(0.01, s.variants().get("l2").regularization().l2());
        EarlyStopping es = s.earlyStoppingFor("es");
        assertEquals(2, es.patience());
        assertTrue(es.restoreBestWeights());
        assertEquals(null, s.earlyStoppingFor("baseline"));
        assertEquals(s, ExperimentSpec.parse(s.toJson(), "json"));
        assertEquals(s.hash(), ExperimentSpec.parse(s.toJson(), "json").hash());
    }

    @Test
    void everyBuiltInSpecLoads() {
        for (String n : ExperimentSpec.BUILT_IN) {
            ExperimentSpec s = ExperimentSpec.load(n);
            assertEquals(n, s.name());
        }
        assertEquals(21, ExperimentSpec.load("mnist-regularizers").numTrials());
    }

    @Test
    void unknownModelIsNamedWithItsLine() {
        String m = err(GOOD.replace("[linear-regression]", "[resnet50]"));
        assertTrue(m.contains("unknown model 'resnet50'") && m.contains("(line 3)"), m);
    }

    @Test
    void unknownVariantKeyIsNamedWithItsLine() {
        String m = err(GOOD.replace("{l2: 1.0e-2}", "{l2: 1.0e-2, l3: 1}"));
        assertTrue(m.contains("variants.l2.l3") && m.contains("unknown key 'l3'") && m.contains("(line 6)"), m);
        // sorted and complete: every knob plus optimizer, activation and earlyStopping
        java.util.List<String> all = new java.util.ArrayList<>(Knob.keys());
        all.addAll(java.util.List.of("optimizer", "activation", "earlyStopping"));
        java.util.Collections.sort(all);
        assertTrue(m.contains("known: " + String.join(", ", all) + " (line 6)"), m);
    }

    @Test
    void unknownTopLevelKeyAndEarlyStoppingKeyAreNamed() {
        String m = err(GOOD + "epoch: 3\n");
        assertTrue(m.contains("unknown key 'epoch'") && m.contains("(line 13)"), m);
        m = err(GOOD.replace("patience: 2", "patient: 2"));
        assertTrue(m.contains("variants.es.earlyStopping.patient") && m.contains("(line 8)"), m);
    }

    @Test
    void negativeEpochsAndEmptySeedsAreNamed() {
        String m = err(GOOD.replace("epochs: 5", "epochs: -1"));
        assertTrue(m.contains("epochs must be >= 1, got -1") && m.contains("(line 10)"), m);
        m = err(GOOD.replace("seeds: [1, 2]", "seeds: []"));
        assertTrue(m.contains("seeds must list at least one seed") && m.contains("(line 9)"), m);
    }

    @Test
    void aRegularizerWithoutAPlaceInTheModelIsNamed() {
        String m = err(GOOD.replace("{l2: 1.0e-2}", "{batchNorm: true}"));
        assertTrue(m.contains("variants.l2 on model linear-regression") && m.contains("batchNorm"), m);
    }

    @Test
    void monitorNamesAreKerasNamesInAnyCaseAndABadOneListsTheValidOnes() {
        ExperimentSpec s = ExperimentSpec.parse(GOOD.replace("monitor: val_loss", "monitor: VAL_Accuracy"), "t.yaml");
        assertEquals(EarlyStopping.Monitor.VAL_ACCURACY, s.earlyStoppingFor("es").monitor());
        assertEquals(EarlyStopping.Monitor.VAL_ACCURACY, EarlyStopping.Monitor.of(" val_acc"));
        String m = err(GOOD.replace("monitor: val_loss", "monitor: loss"));
        assertTrue(m.contains("earlyStopping.monitor must be val_loss or val_accuracy, got 'loss'") && m.contains("(line 8)"), m);
        assertTrue(EarlyStopping.Monitor.VAL_ACCURACY.isBetter(0.9, 0.8) && EarlyStopping.Monitor.VAL_LOSS.isBetter(0.1, 0.2));
    }

    @Test
    void everyKnobIsAVariantKey() {
        for (Knob k : Knob.values()) {
            Object v = k.type() == Boolean.class ? !Boolean.TRUE.equals(k.defaultValue()) : 0.5;
            // mlp-regressor has a place for every knob; its only dropout site needs dropoutBeforeOutput.
            String extra = k == Knob.DROPOUT_RATE ? ", dropoutBeforeOutput: true" : "";
            String yaml = GOOD.replace("{l2: 1.0e-2}", "{" + k.key() + ": " + v + extra + "}")
                    .replace("[linear-regression]", "[mlp-regressor]");
            ExperimentSpec s = ExperimentSpec.parse(yaml, "t.yaml");
            assertEquals(v, s.variants().get("l2").regularization().get(k), k.key());
            assertEquals(s, ExperimentSpec.parse(s.toJson(), "json"), k.key());
        }
    }

    @Test
    void syntaxErrorsGiveTheLine() {
        String m = err(GOOD.replace("models: [linear-regression]", "models: [linear-regression"));
        assertTrue(m.contains("bad YAML/JSON") && m.contains("line"), m);
    }
}
