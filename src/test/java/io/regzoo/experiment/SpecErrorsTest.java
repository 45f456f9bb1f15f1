package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.LrSchedule;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every spec error is one line naming the file, the field and the line; an unknown key lists its
 * section's keys sorted and complete ({@link SpecKeys}).
 */
class SpecErrorsTest {

    private static final String GOOD = String.join("\n",
            "name: t",                                                            // 1
            "dataset: {name: sparse20, trainSize: 40}",                           // 2
            "models: [linear-regression]",                                        // 3
            "variants:",                                                          // 4
            "  baseline: {}",                                                     // 5
            "  l2: {l2: 1.0e-2}",                                                 // 6
            "  es:",                                                              // 7
            "    earlyStopping: {monitor: val_loss, patience: 2}",                // 8
            "  fast:",                                                            // 9
            "    optimizer: {kind: sgd, learningRate: 0.1}",                      // 10
            "seeds: [1, 2]",                                                      // 11
            "epochs: 5",                                                          // 12
            "batchSize: 8",                                                       // 13
            "optimizer: {kind: sgd, learningRate: 0.05, schedule: {kind: step, rate: 0.5}}", // 14
            "earlyStopping: {patience: 3}",                                       // 15
            "margin: {accuracy: 0.003}",                                          // 16
            "");

    private static String err(String yaml) {
        String m = assertThrows(RegzooException.class, () -> ExperimentSpec.parse(yaml, "t.yaml")).getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        assertTrue(m.startsWith("t.yaml: "), "names the file: " + m);
        return m;
    }

    private static String replaceOnce(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void theGoodSpecParses() {
        ExperimentSpec s = ExperimentSpec.parse(GOOD, "t.yaml");
        assertEquals(8, s.numTrials());
    }

    @Test
    void anUnknownKeyInEverySectionIsNamedWithItsLineAndTheSortedCompleteList() {
        record Case(String from, String to, String path, String section, int line) {}
        List<Case> cases = List.of(
                new Case("epochs: 5", "epochs: 5\nepoch: 3", "epoch", SpecKeys.TOP, 13),
                new Case("trainSize: 40", "trainSize: 40, trainsize: 3", "dataset.trainsize", SpecKeys.DATASET, 2),
                new Case("seeds: [1, 2]", "seeds: {auto: true, mni: 2}", "seeds.mni", SpecKeys.SEEDS, 11),
                new Case("learningRate: 0.05,", "learningRate: 0.05, lr: 1,", "optimizer.lr", SpecKeys.OPTIMIZER, 14),
                new Case("rate: 0.5}", "rate: 0.5, every_n: 2}", "optimizer.schedule.every_n", SpecKeys.SCHEDULE, 14),
                new Case("{patience: 3}", "{patience: 3, minDelta: 0.1}", "earlyStopping.minDelta", SpecKeys.EARLY_STOPPING,
                        15),
                new Case("{l2: 1.0e-2}", "{l2: 1.0e-2, l3: 1}", "variants.l2.l3", SpecKeys.VARIANT, 6),
                new Case("learningRate: 0.1}", "learningRate: 0.1, lr: 2}", "variants.fast.optimizer.lr", SpecKeys.OPTIMIZER,
                        10),
                new Case("patience: 2}", "patience: 2, patient: 1}", "variants.es.earlyStopping.patient",
                        SpecKeys.EARLY_STOPPING, 8));
        for (Case c : cases) {
            String m = err(replaceOnce(GOOD, c.from(), c.to()));
            String key = c.path().substring(c.path().lastIndexOf('.') + 1);
            assertEquals("t.yaml: " + c.path() + ": unknown key '" + key + "'; known: "
                    + String.join(", ", SpecKeys.of(c.section())) + " (line " + c.line() + ")", m);
        }
        String m = err(replaceOnce(GOOD, "{accuracy: 0.003}", "{accuracy: 0.003, size: 1}"));
        assertEquals("t.yaml: margin: unknown key 'size'; known: accuracy, loss, primary (line 16)", m);
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyAndWhatItMustBe() {
        assertEquals("t.yaml: optimizer.kind: must be one of sgd, momentum, adam, got \"adamw\" (line 14)",
                err(replaceOnce(GOOD, "kind: sgd, learningRate: 0.05", "kind: adamw, learningRate: 0.05")));
        assertEquals("t.yaml: optimizer.schedule.kind: must be one of constant, step, exponential, inverse_time, got "
                + "\"stepp\" (line 14)", err(replaceOnce(GOOD, "kind: step,", "kind: stepp,")));
        assertEquals("t.yaml: variants.l2.l2: must be a number, got \"abc\" (line 6)",
                err(replaceOnce(GOOD, "{l2: 1.0e-2}", "{l2: abc}")));
        assertEquals("t.yaml: variants.l2.batchNorm: must be true or false, got \"maybe\" (line 6)",
                err(replaceOnce(GOOD, "{l2: 1.0e-2}", "{batchNorm: maybe}")));
        assertEquals("t.yaml: dataset.trainSize: must be an integer, got \"many\" (line 2)",
                err(replaceOnce(GOOD, "trainSize: 40", "trainSize: many")));
        assertEquals("t.yaml: variants.es.earlyStopping: must be a mapping with the keys "
                + String.join(", ", SpecKeys.of(SpecKeys.EARLY_STOPPING)) + ", got 3 (line 8)",
                err(replaceOnce(GOOD, "{monitor: val_loss, patience: 2}", "3")));
        assertEquals("t.yaml: dataset: must be a mapping with the keys " + String.join(", ", SpecKeys.of(SpecKeys.DATASET))
                + ", got \"sparse20\" (line 2)", err(replaceOnce(GOOD, "{name: sparse20, trainSize: 40}", "sparse20")));
        assertEquals("t.yaml: name is required", err(replaceOnce(GOOD, "name: t\n", "")), "no line for a missing key");
    }

    @Test
    void theKeyListsAreSortedAndComplete() {
        for (String section : SpecKeys.sections()) {
            List<String> keys = SpecKeys.of(section);
            assertEquals(new ArrayList<>(new TreeSet<>(keys)), keys, section + ": sorted, no duplicates");
        }
        List<String> variant = new ArrayList<>(Knob.keys());
        variant.addAll(List.of("activation", "earlyStopping", "optimizer"));
        assertEquals(new TreeSet<>(variant), new TreeSet<>(SpecKeys.of(SpecKeys.VARIANT)));
        assertTrue(SpecKeys.of(SpecKeys.VARIANT).containsAll(List.of("optimizer", "activation", "earlyStopping")));
        assertEquals(List.of("batchSize", "dataset", "earlyStopping", "epochs", "margin", "models", "name", "optimizer",
                "seeds", "variants"), SpecKeys.of(SpecKeys.TOP));
        assertEquals(List.of("auto", "max", "min", "timeBudget"), SpecKeys.of(SpecKeys.SEEDS));
        assertEquals(new TreeSet<>(ExperimentSpec.MARGIN_KEYS), new TreeSet<>(SpecKeys.of(SpecKeys.MARGIN)));
        assertThrows(RegzooException.class, () -> SpecKeys.of("nonsense"));
    }

    /** The lists of the Jackson-read sections are exactly what Jackson accepts (its own list of known properties). */
    @Test
    void theJacksonSectionsListWhatJacksonReads() {
        Map<String, Class<?>> read = Map.of(SpecKeys.DATASET, DatasetSpec.class, SpecKeys.OPTIMIZER, Optimizer.class,
                SpecKeys.SCHEDULE, LrSchedule.class, SpecKeys.EARLY_STOPPING, EarlyStopping.class);
        Map<String, String> valid = Map.of(SpecKeys.DATASET, "\"name\": \"blobs\"", SpecKeys.OPTIMIZER,
                "\"kind\": \"sgd\", \"learningRate\": 0.1", SpecKeys.SCHEDULE, "\"kind\": \"constant\"",
                SpecKeys.EARLY_STOPPING, "\"patience\": 2");
        read.forEach((section, type) -> {
            UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                    () -> SpecJson.mapper().readValue("{" + valid.get(section) + ", \"no-such-key\": 1}", type), section);
            TreeSet<String> jackson = new TreeSet<>();
            e.getKnownPropertyIds().forEach(o -> jackson.add(o.toString()));
            assertEquals(jackson, new TreeSet<>(SpecKeys.of(section)), section);
        });
    }

    @Test
    void yamlSyntaxErrorsAreOneLineWithTheKeyTheLineAndTheColumn() {
        String m = err(replaceOnce(GOOD, "models: [linear-regression]", "models: [linear-regression"));
        assertEquals("t.yaml: models: bad YAML/JSON: expected ',' or ']', but got : (while parsing a flow sequence "
                + "from line 3) (line 4, column 9)", m);
        m = err(replaceOnce(GOOD, "epochs: 5", "  epochs: 5"));
        assertTrue(m.startsWith("t.yaml: epochs: bad YAML/JSON: ") && m.endsWith("(line 12, column 3)"), m);
        m = err(replaceOnce(GOOD, "name: t", "name: 't"));
        assertTrue(m.contains("bad YAML/JSON: ") && m.contains("(line "), m);
        m = err("{\"name\": \"t\", \"models\": [\"linear-regression\"],, }");
        assertTrue(m.contains("bad YAML/JSON: ") && m.endsWith("(line 1, column 47)"), m);
    }

    @Test
    void aSuiteSyntaxErrorIsOneLineToo() {
        String m = assertThrows(RegzooException.class, () -> Suite.parse("suite: s\nmodels: [mlp-regressor\nseeds: [1]\n",
                "s.yaml")).getMessage();
        assertEquals("s.yaml: models: bad YAML/JSON: expected ',' or ']', but got : (while parsing a flow sequence "
                + "from line 2) (line 3, column 6)", m);
    }
}
