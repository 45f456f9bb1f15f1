package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code seeds: {auto: true, min, max, timeBudget}} in a spec: parsed, written back, hashed, and its errors. */
class SequentialSeedsSpecTest {

    private static final String SPEC = String.join("\n",
            "name: t",
            "dataset: {name: linear, trainSize: 40}",
            "models: [linear-regression]",
            "variants:",
            "  baseline: {}",
            "  l2: {l2: 1.0e-2}",
            "seeds: {auto: true, min: 3, max: 6, timeBudget: 30m}",
            "epochs: 2",
            "");

    private static ExperimentSpec parse(String yaml) {
        return ExperimentSpec.parse(yaml, "t.yaml");
    }

    private static String err(String yaml) {
        return assertThrows(RegzooException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void autoSeedsAreParsedWrittenBackAndPartOfTheHash() {
        ExperimentSpec s = parse(SPEC);
        assertEquals(new SequentialSeeds(3, 6, Duration.ofMinutes(30)), s.sequential());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), s.seeds());
        assertEquals(12, s.numTrials());
        assertTrue(s.toJson().contains("\"auto\" : true") && s.toJson().contains("\"timeBudget\" : \"30m\""),
                s.toJson());
        ExperimentSpec back = parse(s.toJson());
        assertEquals(s, back);
        assertEquals(s.hash(), back.hash());

        // Every sequential setting changes the hash; fixed seeds 1..6 are another spec.
        assertNotEquals(s.hash(), parse(SPEC.replace("max: 6", "max: 7")).hash());
        assertNotEquals(s.hash(), parse(SPEC.replace("min: 3", "min: 4")).hash());
        assertNotEquals(s.hash(), parse(SPEC.replace("30m", "1h")).hash());
        ExperimentSpec fixed = parse(SPEC.replace("{auto: true, min: 3, max: 6, timeBudget: 30m}", "[1, 2, 3, 4, 5, 6]"));
        assertNull(fixed.sequential());
        assertNotEquals(s.hash(), fixed.hash());
        assertNull(s.toBuilder().seeds(1, 2).build().sequential());
        assertEquals(s, s.toBuilder().build());
    }

    @Test
    void defaultsAndTheOtherSeedForms() {
        ExperimentSpec d = parse(SPEC.replace("{auto: true, min: 3, max: 6, timeBudget: 30m}", "{auto: true}"));
        assertEquals(SequentialSeeds.DEFAULTS, d.sequential());
        assertEquals(20, d.seeds().size());
        assertEquals(new SequentialSeeds(25, 25, null),
                parse(SPEC.replace("min: 3, max: 6, timeBudget: 30m", "min: 25")).sequential());
        assertEquals(List.of(3L), parse(SPEC.replace("{auto: true, min: 3, max: 6, timeBudget: 30m}", "3")).seeds());
        assertEquals(List.of(1L, 2L, 3L),
                parse(SPEC.replace("{auto: true, min: 3, max: 6, timeBudget: 30m}", "[1, 2, 3]")).seeds());
        String block = SPEC.replace("seeds: {auto: true, min: 3, max: 6, timeBudget: 30m}",
                "seeds:\n  auto: true\n  max: 8\n  timeBudget: 1h30m");
        assertEquals(new SequentialSeeds(3, 8, Duration.ofMinutes(90)), parse(block).sequential());
    }

    @Test
    void errorsNameTheFieldAndTheLine() {
        String m = err(SPEC.replace("min: 3", "min: 1"));
        assertTrue(m.startsWith("t.yaml: seeds.min: min must be at least 2") && m.endsWith("(line 7)"), m);
        m = err(SPEC.replace("max: 6", "max: 2"));
        assertTrue(m.contains("seeds.max: max (2) must be at least min (3)") && m.endsWith("(line 7)"), m);
        m = err(SPEC.replace("30m", "soon"));
        assertTrue(m.contains("seeds.timeBudget: a time budget is written like 30m, 2h, 90s or 1h30m, got 'soon'")
                && m.endsWith("(line 7)"), m);
        m = err(SPEC.replace("auto: true", "auto: false"));
        assertTrue(m.contains("seeds.auto: a mapping of seeds needs auto: true") && m.endsWith("(line 7)"), m);
        m = err(SPEC.replace("max: 6", "maxi: 6"));
        assertTrue(m.contains("seeds.maxi: unknown key 'maxi'; known: auto, max, min, timeBudget")
                && m.endsWith("(line 7)"), m);
        m = err(SPEC.replace("min: 3", "min: three"));
        assertTrue(m.contains("seeds.min: must be an integer, got \"three\"") && m.endsWith("(line 7)"), m);
        String block = SPEC.replace("seeds: {auto: true, min: 3, max: 6, timeBudget: 30m}",
                "seeds:\n  auto: true\n  min: 3\n  max: 1");
        m = err(block);
        assertTrue(m.contains("seeds.max: max (1) must be at least min (3)") && m.endsWith("(line 10)"), m);
        m = err(SPEC.replace("{auto: true, min: 3, max: 6, timeBudget: 30m}", "lots"));
        assertTrue(m.contains("seeds: must be a list of integers, or {auto: true") && m.endsWith("(line 7)"), m);
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMinutes(30), SequentialSeeds.parseDuration("30m"));
        assertEquals(Duration.ofSeconds(5430), SequentialSeeds.parseDuration("1h30m30s"));
        assertEquals(Duration.ofMinutes(45), SequentialSeeds.parseDuration("PT45M"));
        assertEquals("1h30m", SequentialSeeds.format(Duration.ofMinutes(90)));
        assertEquals("2h", SequentialSeeds.format(Duration.ofHours(2)));
        assertEquals("45s", SequentialSeeds.format(Duration.ofSeconds(45)));
        assertThrows(IllegalArgumentException.class, () -> SequentialSeeds.parseDuration("0m"));
        assertThrows(IllegalArgumentException.class, () -> SequentialSeeds.parseDuration(""));
    }
}
