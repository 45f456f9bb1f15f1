package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec's {@code margin} key: the report's equivalence margin, an analysis setting outside the spec's hash. */
class SpecMarginTest {

    private static final String BASE = "name: m\ndataset: {name: linear, trainSize: 40}\nmodels: [linear-regression]\n"
            + "variants: {baseline: {}, l2: {l2: 0.1}}\nseeds: [1, 2]\nepochs: 2\n";

    @Test
    void aNumberIsThePrimaryMetricsMarginAndAMappingNamesTheKind() {
        ExperimentSpec plain = ExperimentSpec.parse(BASE, "t");
        assertTrue(plain.margin().isEmpty());
        ExperimentSpec one = ExperimentSpec.parse(BASE + "margin: 0.003\n", "t");
        assertEquals(Map.of("primary", 0.003), one.margin());
        ExperimentSpec two = ExperimentSpec.parse(BASE + "margin: {accuracy: 0.002, loss: 0.05}\n", "t");
        assertEquals(Map.of("accuracy", 0.002, "loss", 0.05), two.margin());
        for (ExperimentSpec s : new ExperimentSpec[] {one, two}) {
            ExperimentSpec back = ExperimentSpec.parse(s.toJson(), "json");
            assertEquals(s, back, "spec.json reads back to the same spec");
            assertEquals(s.margin(), back.margin());
            assertEquals(plain.hash(), s.hash(), "the margin does not change the trials' identity");
        }
        assertEquals(one.margin(), one.toBuilder().build().margin());
        assertEquals(Map.of("loss", 0.1), one.toBuilder().margin(Map.of("loss", 0.1)).build().margin());
    }

    @Test
    void aBadMarginNamesTheKeyAndLine() {
        RegzooException e = assertThrows(RegzooException.class,
                () -> ExperimentSpec.parse(BASE + "margin: {size: 0.1}\n", "t"));
        assertTrue(e.getMessage().contains("margin: unknown key 'size'") && e.getMessage().contains("(line 7)"),
                e.getMessage());
        e = assertThrows(RegzooException.class, () -> ExperimentSpec.parse(BASE + "margin: -0.1\n", "t"));
        assertTrue(e.getMessage().contains("margin: primary must be a positive number"), e.getMessage());
        e = assertThrows(RegzooException.class, () -> ExperimentSpec.parse(BASE + "margin: [1]\n", "t"));
        assertTrue(e.getMessage().contains("margin: must be a number"), e.getMessage());
    }
}
