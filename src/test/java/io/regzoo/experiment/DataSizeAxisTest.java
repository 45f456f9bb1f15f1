package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-size axis: {@code dataset.trainSizes} makes trials model × variant × size × seed. */
class DataSizeAxisTest {

    private static ExperimentSpec.Builder spec(List<Integer> sizes) {
        return ExperimentSpec.builder("sizes")
                .dataset(DatasetSpec.builder("linear").trainSizes(sizes).testSize(20).build())
                .models("linear-regression")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("l2", Variant.of(Regularization.builder().l2(0.1).build()))
                .seeds(1, 2).epochs(2).batchSize(8).optimizer(Optimizer.sgd(0.1));
    }

    @Test
    void everySizeIsTrainedOnItsOwnNumberOfExamplesAndResumes(@TempDir Path out) throws Exception {
        ExperimentSpec s = spec(List.of(80, 20)).build();
        assertEquals(List.of(20, 80), s.dataset().trainSizes(), "sizes are kept smallest first");
        assertEquals(8, s.numTrials());
        RunSummary run = ExperimentRunner.builder().spec(s).outDir(out).warnings(w -> { }).build().run();
        assertEquals(8, run.ran());
        Set<String> ids = run.results().stream().map(TrialResult::trialId).collect(Collectors.toSet());
        assertTrue(ids.contains("linear-regression/l2/n20/2"), ids.toString());
        assertTrue(ids.contains("linear-regression/baseline/n80/1"), ids.toString());
        for (TrialResult r : run.results()) {
            assertTrue(r.isOk(), r.toString());
            int n = r.trainSize();
            // validation split 0.2 of the training set: 16 + 4 of 20, 64 + 16 of 80
            String sizes = r.provenance().data().sizes();
            assertTrue(sizes.startsWith("train=" + (n - n / 5) + ", validation=" + n / 5), n + ": " + sizes);
            assertTrue(r.provenance().dataset().contains("train=" + n), r.provenance().dataset());
        }
        // The size travels through results.jsonl; a re-run skips every finished trial.
        List<String> lines = Files.readAllLines(out.resolve(ResultsStore.FILE_NAME));
        assertTrue(lines.get(0).contains("\"trainSize\":"), lines.get(0));
        assertEquals(8, lines.stream().map(l -> {
            try {
                return TrialCodec.fromJson(l).trial();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toSet()).size());
        RunSummary again = ExperimentRunner.builder().spec(s).outDir(out).warnings(w -> { }).build().run();
        assertEquals(0, again.ran());
        assertEquals(8, again.skipped());
    }

    @Test
    void theSizeTravelsToAChildJvmWorker() throws Exception {
        ExperimentSpec s = spec(List.of(20, 80)).build();
        TrialTask task = TrialTask.of(s, new Trial("linear-regression", "l2", 80, 2), null);
        WorkerMessage back = WorkerMessage.decode(WorkerMessage.encode(new WorkerMessage.Run(task)));
        Trial t = ((WorkerMessage.Run) back).task().trial();
        assertEquals(task.trial(), t);
        assertEquals(80, t.trainSize());
        assertEquals("linear-regression/l2/n80/2", t.id());
    }

    @Test
    void aSpecWithOneSizeKeepsItsIdsAndWritesNoSize(@TempDir Path out) throws Exception {
        ExperimentSpec s = spec(null).dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).build())
                .seeds(1).build();
        RunSummary run = ExperimentRunner.builder().spec(s).outDir(out).warnings(w -> { }).build().run();
        assertEquals(Set.of("linear-regression/baseline/1", "linear-regression/l2/1"),
                run.results().stream().map(TrialResult::trialId).collect(Collectors.toSet()));
        assertNull(run.results().get(0).trainSize());
        assertFalse(Files.readString(out.resolve(ResultsStore.FILE_NAME)).contains("trainSize"));
        assertFalse(Files.readString(out.resolve("spec.json")).contains("trainSizes"));
    }

    @Test
    void specFilesReadTrainSizesAndRefuseImpossibleOnes() {
        String yaml = "name: x\ndataset: {name: linear, trainSizes: [40, 10], testSize: 20}\n"
                + "models: [linear-regression]\nvariants: {baseline: {}}\nseeds: [1]\nepochs: 1\n";
        ExperimentSpec s = ExperimentSpec.parse(yaml, "x.yaml");
        assertEquals(List.of(10, 40), s.dataset().trainSizes());
        assertEquals(s, ExperimentSpec.parse(s.toJson(), "spec.json"), "trainSizes survive spec.json");
        assertEquals(40, s.datasetFor(new Trial("linear-regression", "baseline", 40, 1)).trainSize());

        Map<String, String> bad = Map.of(
                "trainSize: 40, trainSizes: [10, 20]", "not both",
                "trainSizes: []", "at least one",
                "trainSizes: [1, 20]", ">= 2",
                "trainSizes: [20, 20]", "twice");
        bad.forEach((entry, expected) -> {
            String y = yaml.replace("trainSizes: [40, 10]", entry);
            RegzooException e = assertThrows(RegzooException.class, () -> ExperimentSpec.parse(y, "x.yaml"), entry);
            assertTrue(e.getMessage().contains(expected), entry + " -> " + e.getMessage());
        });
        String auto = yaml.replace("seeds: [1]", "seeds: {auto: true, min: 3, max: 5}");
        RegzooException e = assertThrows(RegzooException.class, () -> ExperimentSpec.parse(auto, "x.yaml"));
        assertTrue(e.getMessage().contains("trainSizes"), e.getMessage());
    }
}
