package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Experiments#run}: one call runs the grid and writes the report; a second call resumes. */
class ExperimentsTest {

    private static final String SPEC = """
            name: tiny-line
            dataset: {name: linear, trainSize: 40, testSize: 20, validationSplit: 0.25}
            models: [linear-regression]
            variants:
              baseline: {}
              l2: {l2: 0.1}
            seeds: [1, 2]
            epochs: 3
            batchSize: 8
            optimizer: {kind: sgd, learningRate: 0.05}
            """;

    @Test
    void runsTheGridAndRendersTheReport(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Experiments.Outcome first = Experiments.run(ExperimentSpec.parse(SPEC, "test"), out);
        assertEquals(4, first.summary().ran());
        assertEquals(4, first.summary().results().size());
        RenderedReport report = first.report().orElseThrow();
        assertEquals(out.resolve(Report.HTML), report.html());
        assertTrue(Files.readString(report.html()).contains("l2"), "the report shows the variants");
        assertTrue(Files.exists(report.markdown()) && Files.exists(report.csv()) && Files.exists(report.summaryJson()));
        Files.delete(report.html());
        Experiments.Outcome again = Experiments.run(ExperimentSpec.parse(SPEC, "test"), out);
        assertEquals(0, again.summary().ran());
        assertEquals(4, again.summary().skipped());
        assertTrue(Files.exists(again.report().orElseThrow().html()), "rendered again from results.jsonl");
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
