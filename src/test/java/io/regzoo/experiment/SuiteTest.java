package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.regzoo.RegzooException;
import io.regzoo.regularize.SpecJson;
import io.regzoo.zoo.ModelZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteTest {

    private static final String SMALL = String.join("\n",
            "suite: two-regressors",
            "description: the two regressors",
            "models: [linear-regression, mlp-regressor]",
            "seeds: [1, 2]",
            "variants:",
            "  baseline: {}",
            "  l2: {l2: 0.01}",
            "  dropout: {dropoutRate: 0.25, dropoutBeforeOutput: true}",
            "  batch-norm: {batchNorm: true}",
            "data:",
            "  regression:",
            "    dataset: {name: default, trainSize: 40, testSize: 20}",
            "    epochs: 3",
            "    batchSize: 8",
            "  mlp-regressor:",
            "    dataset: {name: sparse20, trainSize: 30}",
            "    epochs: 2",
            "    variants: {l2: {l2: 0.5}}",
            "");

    private static String err(String yaml) {
        return assertThrows(RegzooException.class, () -> Suite.parse(yaml, "s.yaml")).getMessage();
    }

    @Test
    void theZooSuiteTrainsEveryZooNetworkOnItsOwnDataAndSaysWhatHasNoPlace() {
        Suite s = Suite.find("zoo-regularizers").orElseThrow();
        assertEquals("zoo-regularizers", s.name());
        assertEquals(ModelZoo.names(), s.parts().stream().map(p -> p.models().get(0)).toList(), "every zoo network, in zoo order");
        assertEquals(List.of("linear", "regression10", "mnist", "mnist"), s.parts().stream().map(p -> p.dataset().name()).toList());
        List<String> all = List.of("baseline", "l2", "weight-decay", "early-stopping", "dropout", "batch-norm");
        for (ExperimentSpec p : s.parts().subList(1, 4)) {
            assertEquals(all, List.copyOf(p.variants().keySet()), p.name());
        }
        assertEquals(List.of("baseline", "l2", "weight-decay", "early-stopping"),
                List.copyOf(s.parts().get(0).variants().keySet()), "linear regression has no hidden layer");
        assertEquals(List.of(
                new Suite.NotApplicable("linear-regression", "dropout",
                        "linear-regression has no hidden layer: dropout drops a hidden layer's activations"),
                new Suite.NotApplicable("linear-regression", "batch-norm",
                        "linear-regression has no hidden layer: batch normalization normalizes a hidden layer's activations")),
                s.notApplicable());
        assertEquals(0.1, s.parts().get(0).variants().get("l2").regularization().l2(), "the regression entry's own λ");
        assertEquals(1e-3, s.parts().get(3).variants().get("l2").regularization().l2(), "the shared λ");
        assertEquals(3 * (4 + 6 + 6 + 6), s.numTrials());
        assertEquals("zoo-regularizers-mnist-cnn", s.parts().get(3).name());
    }

    @Test
    void aDataEntryNamedAfterANetworkWinsOverItsTaskAndDefaultIsTheNetworksOwnDataset() {
        Suite s = Suite.parse(SMALL, "s.yaml");
        ExperimentSpec lin = s.parts().get(0);
        ExperimentSpec mlp = s.parts().get(1);
        assertEquals("linear", lin.dataset().name());
        assertEquals(40, lin.dataset().trainSize());
        assertEquals(3, lin.epochs());
        assertEquals(List.of(1L, 2L), lin.seeds());
        assertEquals("sparse20", mlp.dataset().name());
        assertEquals(2, mlp.epochs());
        assertEquals(0.5, mlp.variants().get("l2").regularization().l2());
        assertEquals(List.of("baseline", "l2", "dropout", "batch-norm"), List.copyOf(mlp.variants().keySet()));
        assertEquals(List.of("dropout", "batch-norm"), s.notApplicable().stream().map(Suite.NotApplicable::variant).toList());
        assertEquals(2 * 2 + 2 * 4, s.numTrials());
    }

    @Test
    void theNetworksBuilderGivesTheReasonWhenTheKnobTableHasNone() {
        Suite s = Suite.parse(SMALL.replace("dropoutRate: 0.25, dropoutBeforeOutput: true", "dropoutRate: 0.25"), "s.yaml");
        Suite.NotApplicable mlp = s.notApplicable().stream().filter(n -> n.model().equals("mlp-regressor")).findFirst()
                .orElseThrow();
        assertEquals("dropout", mlp.variant());
        assertTrue(mlp.reason().contains("its only dropout site is the output layer's input"), mlp.reason());
    }

    @Test
    void onlyVariantsKeepsThoseAndTheirNotApplicableEntries() {
        Suite s = Suite.parse(SMALL, "s.yaml").onlyVariants(List.of("l2", "dropout"));
        assertEquals(List.of("l2"), List.copyOf(s.parts().get(0).variants().keySet()));
        assertEquals(List.of("l2", "dropout"), List.copyOf(s.parts().get(1).variants().keySet()));
        assertEquals(List.of("dropout"), s.notApplicable().stream().map(Suite.NotApplicable::variant).toList());
        assertTrue(assertThrows(RegzooException.class, () -> Suite.parse(SMALL, "s.yaml").onlyVariants(List.of("l3")))
                .getMessage().contains("unknown variant 'l3'"));
        Suite none = Suite.parse(SMALL, "s.yaml").onlyVariants(List.of("dropout"));
        assertEquals(List.of("mlp-regressor"), none.parts().stream().map(p -> p.models().get(0)).toList(),
                "a part without variants is dropped");
    }

    @Test
    void notApplicableIsWrittenWholeAsJson(@TempDir Path out) throws Exception {
        Suite s = Suite.parse(SMALL, "s.yaml");
        Path f = s.writeNotApplicable(out);
        s.writeNotApplicable(out); // again: replaced, not appended
        assertEquals(out.resolve(Suite.NOT_APPLICABLE_FILE), f);
        JsonNode root = SpecJson.mapper().readTree(f.toFile());
        assertEquals("two-regressors", root.get("suite").asText());
        assertEquals(2, root.get("notApplicable").size());
        JsonNode first = root.get("notApplicable").get(0);
        assertEquals("linear-regression", first.get("model").asText());
        assertEquals("dropout", first.get("variant").asText());
        assertTrue(first.get("reason").asText().contains("no hidden layer"));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(f), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(err(SMALL.replace("suite: two-regressors", "suite: Two Regressors")).contains("suite: the name"));
        assertTrue(err(SMALL + "epochs: 3\n").contains("unknown key 'epochs'"));
        String noData = err(SMALL.replace("  regression:", "  classification:"));
        assertTrue(noData.contains("no entry for linear-regression (a regression network)") && noData.contains("data.regression"),
                noData);
        String badKnob = err(SMALL.replace("{l2: 0.01}", "{l3: 0.01}"));
        assertTrue(badKnob.contains("variants.l2") && badKnob.contains("l3"), badKnob);
        String badEpochs = err(SMALL.replace("epochs: 3", "epochs: 0"));
        assertTrue(badEpochs.contains("epochs must be >= 1") && badEpochs.contains("data.regression, model linear-regression"),
                badEpochs);
        assertFalse(badEpochs.contains("(line "), "no line numbers of the generated part: " + badEpochs);
        assertTrue(err(SMALL.replace("    epochs: 2", "    models: [mnist-cnn]")).contains("set by the suite"));
        assertTrue(err(SMALL.replace("[linear-regression, mlp-regressor]", "[resnet]")).contains("unknown model 'resnet'"));
    }

    @Test
    void findTellsSuitesFromSpecs(@TempDir Path dir) throws Exception {
        Path suiteFile = Files.writeString(dir.resolve("s.yaml"), SMALL);
        assertEquals("two-regressors", Suite.find(suiteFile.toString()).orElseThrow().name());
        assertTrue(Suite.find("doc1-linear-l2").isEmpty(), "a built-in spec is not a suite");
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), "name: x\n");
        assertTrue(Suite.find(specFile.toString()).isEmpty(), "a spec file is not a suite");
        assertTrue(Suite.find("no-such-thing").isEmpty());
        for (String n : Suite.BUILT_IN) {
            assertEquals(n, Suite.find(n).orElseThrow().name());
        }
    }
}
