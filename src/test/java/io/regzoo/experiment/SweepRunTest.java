package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.sweep.Choice;
import io.regzoo.sweep.Dimension;
import io.regzoo.sweep.SearchSpace;
import io.regzoo.sweep.SweepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunTest {

    static ExperimentSpec spec(int trainSize) {
        return ExperimentSpec.builder("sweep-test")
                .dataset(DatasetSpec.builder("blobs").trainSize(trainSize).testSize(100).build())
                .models("mlp-classifier").variant("baseline", Variant.builder().build()).seeds(1, 2).epochs(4)
                .batchSize(32).optimizer(Optimizer.adam(1e-2)).build();
    }

    static SweepConfig config(String scheduler) {
        SearchSpace space = new SearchSpace(List.of(Dimension.parseArg("l2=0,1e-2,1", 1),
                Dimension.parseArg("lr=0.001,0.01", 1)));
        return new SweepConfig(space, scheduler, 2, 1, 4, 2, Choice.BEST);
    }

    private static SweepRun.Builder run(String scheduler, Path out) {
        return SweepRun.builder().spec(spec(160)).config(config(scheduler)).outDir(out).refit(false);
    }

    @Test
    void killedSweepResumesWithoutRetrainingAndEndsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        SweepOutcome straight = run("asha", tmp.resolve("straight")).build().run();
        assertTrue(straight.finished());
        assertNotNull(straight.chosen());
        int units = ResultsStore.open(tmp.resolve("straight/results.jsonl"), w -> { }).results().size();

        Path out = tmp.resolve("killed");
        assertThrows(KillSwitch.SimulatedKill.class, () -> run("asha", out).listener(KillSwitch.after(7)).build().run());
        assertEquals(7, ResultsStore.open(out.resolve("results.jsonl"), w -> { }).results().size());
        try (var files = Files.list(out.resolve(SweepRun.CHECKPOINTS))) {
            assertEquals(7, files.filter(p -> p.toString().endsWith(".zip")).count(), "one checkpoint per recorded unit");
        }
        int[] ran = {0};
        SweepOutcome resumed = run("asha", out).listener(new RunListener() {
            @Override
            public void onTrialEnd(TrialResult r, int index, int toRun) {
                ran[0]++;
            }
        }).build().run();
        assertEquals(units - 7, ran[0], "only the units not recorded ran");
        List<TrialResult> all = ResultsStore.open(out.resolve("results.jsonl"), w -> { }).results();
        Set<String> ids = new HashSet<>();
        all.forEach(r -> assertTrue(ids.add(r.trialId()), "duplicate " + r.trialId()));
        assertEquals(straight.chosen(), resumed.chosen());
        assertEquals(straight.epochsSpent(), resumed.epochsSpent());
        for (int i = 0; i < straight.settings().size(); i++) {
            assertEquals(straight.settings().get(i).rungs().size(), resumed.settings().get(i).rungs().size());
            for (int k = 0; k < straight.settings().get(i).rungs().size(); k++) {
                assertEquals(straight.settings().get(i).rungs().get(k).mean(),
                        resumed.settings().get(i).rungs().get(k).mean(), 1e-6, "setting " + i + " rung " + k);
            }
        }
        assertTrue(!Files.exists(out.resolve(SweepRun.CHECKPOINTS)), "a finished sweep deletes its checkpoints");
    }

    @Test
    void ashaSpendsLessThanTheGridAndTheRefitComparesWithTheBaseline(@TempDir Path tmp) {
        SweepOutcome grid = run("grid", tmp.resolve("grid")).build().run();
        assertEquals(6 * 4 * 2, grid.epochsSpent());
        assertEquals(grid.gridEpochs(), grid.epochsSpent());
        SweepOutcome asha = run("asha", tmp.resolve("asha")).refit(true).build().run();
        assertTrue(asha.epochsSpent() < grid.epochsSpent() / 2, asha.epochsSpent() + " vs " + grid.epochsSpent());
        assertEquals(List.of(1, 2, 4), asha.rungs());
        assertEquals(SweepRun.REFIT_DIR, asha.refitDir());
        List<TrialResult> refit = ResultsStore.open(tmp.resolve("asha/refit/results.jsonl"), w -> { }).results();
        assertEquals(4, refit.size(), "baseline and chosen, 2 seeds each");
        assertTrue(refit.stream().anyMatch(r -> r.variant().equals(SweepRun.CHOSEN)));
        assertEquals(asha.chosen(), SweepOutcome.read(tmp.resolve("asha")).chosen());
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void ashaRunsOnMnistAndFashionMnistImagesAndRefitsOnTheWholeTrainingSet(@TempDir Path tmp) {
        DataSources sources = DataSources.defaults()
                .with("mnist", ImageDataSource.of(io.regzoo.data.DatasetId.MNIST, io.regzoo.data.MnistSample.load()))
                .with("fashion-mnist", ImageDataSource.of(io.regzoo.data.DatasetId.FASHION_MNIST,
                        io.regzoo.data.MnistSample.fashion()));
        SearchSpace space = new SearchSpace(List.of(Dimension.parseArg("l2=0,1e-3", 1),
                Dimension.parseArg("dropoutRate=0,0.3", 1)));
        for (String data : List.of("mnist", "fashion-mnist")) {
            ExperimentSpec spec = ExperimentSpec.builder("images-" + data)
                    .dataset(DatasetSpec.builder(data).trainSize(300).testSize(100).validationSplit(0).build())
                    .models("mlp-classifier").variant("baseline", Variant.of(io.regzoo.regularize.Regularization.builder().dropoutBeforeOutput(true).build()))
                    .seeds(1, 2).epochs(3).batchSize(32).optimizer(Optimizer.adam(1e-3)).build();
            Path out = tmp.resolve(data);
            SweepOutcome o = SweepRun.builder().spec(spec).config(new SweepConfig(space, "asha", 2, 1, 3, 3, Choice.BEST))
                    .outDir(out).dataSources(sources).refit(true).warnings(w -> { }).build().run();
            assertTrue(o.finished(), data);
            assertEquals(List.of(1, 2, 3), o.rungs(), data);
            assertTrue(o.epochsSpent() < o.gridEpochs(), data + ": " + o.epochsSpent() + " of " + o.gridEpochs());
            List<TrialResult> units = ResultsStore.open(out.resolve("results.jsonl"), w -> { }).results();
            assertTrue(units.stream().allMatch(r -> r.status() == TrialStatus.OK), data + ": " + units);
            // each unit trains on two folds of the 300 images, 784 pixels each, and scores on the third
            assertTrue(units.stream().allMatch(r -> r.testAccuracy() > 0.1),
                    data + ": chance is 0.1");
            List<TrialResult> refit = ResultsStore.open(out.resolve("refit/results.jsonl"), w -> { }).results();
            assertEquals(4, refit.size(), data + ": baseline and chosen, 2 seeds each");
            assertTrue(refit.stream().allMatch(r -> r.status() == TrialStatus.OK && r.testAccuracy() > 0.3),
                    data + ": " + refit);
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("subprocess")
    void aParallelSweepRunsItsUnitsAndItsRefitInChildJvms(@TempDir Path tmp) {
        SweepOutcome o = run("asha", tmp).workers(2).refit(true).build().run(); // two lanes, one child JVM each
        assertTrue(o.finished());
        assertTrue(o.settings().stream().allMatch(s -> s.epochsReached() >= 1), "every setting trained its first rung");
        assertTrue(o.settings().stream().anyMatch(s -> s.epochsReached() == 4), "one setting reached the top");
        assertTrue(o.epochsSpent() < o.gridEpochs(), o.epochsSpent() + " of " + o.gridEpochs());
        assertEquals(SweepRun.REFIT_DIR, o.refitDir(), "the refit ran");
        assertEquals(4, ResultsStore.open(tmp.resolve("refit/results.jsonl"), w -> { }).results().size());
        assertEquals("sweep units in child JVMs (parallel) read the default data sources; custom data sources need "
                + "workers(1)", assertThrows(RegzooException.class, () -> run("asha", tmp).workers(2)
                        .dataSources(DataSources.defaults()).build()).getMessage());
    }

    @Test
    void aReplayOnTheGridsCurvesSpendsAndChoosesWhatTheRealAshaRunDid(@TempDir Path tmp) {
        SweepOutcome grid = run("grid", tmp.resolve("grid")).build().run();
        SweepOutcome asha = run("asha", tmp.resolve("asha")).build().run();
        SweepReplay.Result r = SweepReplay.replay(tmp.resolve("grid"), config("asha"), true, 1, w -> { });
        assertEquals(asha.epochsSpent(), r.epochsSpent(), "fold-epochs");
        assertEquals(asha.chosen(), r.chosen().id(), "chosen setting");
        assertEquals(grid.epochsSpent(), r.gridEpochs());
        assertEquals(grid.chosen(), r.gridBest().id(), "the grid's best");
        SweepReplay.Result self = SweepReplay.replay(tmp.resolve("grid"), config("grid"), true, 1, w -> { });
        assertEquals(grid.chosen(), self.chosen().id());
        assertTrue(self.within());
        assertEquals(grid.epochsSpent(), self.epochsSpent());
        RegzooException none = assertThrows(RegzooException.class,
                () -> SweepReplay.replay(tmp.resolve("nothing"), config("asha"), true, 1, w -> { }));
        assertTrue(none.getMessage().startsWith("--replay: "), none.getMessage());
        SweepConfig longer = new SweepConfig(config("asha").space(), "asha", 2, 1, 8, 2, Choice.BEST);
        RegzooException short_ = assertThrows(RegzooException.class,
                () -> SweepReplay.replay(tmp.resolve("grid"), longer, true, 1, w -> { }));
        assertTrue(short_.getMessage().contains("has 4 epochs of held-out scores"), short_.getMessage());
    }

    @Test
    void theBuiltInSweepSpecIsTheIssuesBenchmark() throws Exception {
        String text;
        try (var in = SweepRunTest.class.getResourceAsStream("/specs/sweeps/mnist-l2-dropout.yaml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        ExperimentSpec spec = ExperimentSpec.parse(io.regzoo.sweep.SweepSection.withoutSection(text), "mnist-l2-dropout");
        SweepConfig c = io.regzoo.sweep.SweepSection.parse(text, "mnist-l2-dropout", spec.epochs());
        assertEquals("mnist", spec.dataset().name());
        assertEquals(5000, spec.dataset().trainSize());
        assertEquals(16, c.space().size());
        assertEquals(3, c.folds());
        assertEquals(List.of(3, 12, 27), c.newScheduler().rungs());
        assertEquals(16 * 27, c.newScheduler().gridEpochsPerFold());
        c.space().checkFor("mlp-classifier", spec.variants().get("baseline").regularization());
    }

    @Test
    void badInputIsOneLineNamingTheField(@TempDir Path tmp) {
        RegzooException folds = assertThrows(RegzooException.class, () -> SweepRun.builder().spec(spec(160))
                .config(new SweepConfig(config("asha").space(), "asha", 2, 1, 4, 200, Choice.BEST))
                .outDir(tmp).build().check());
        assertTrue(folds.getMessage().startsWith("sweep.folds: 200 folds but only 160 training examples"),
                folds.getMessage());
        RegzooException smallClass = assertThrows(RegzooException.class, () -> SweepRun.builder().spec(spec(12))
                .config(new SweepConfig(config("asha").space(), "asha", 2, 1, 4, 5, Choice.BEST))
                .outDir(tmp).build().check());
        assertTrue(smallClass.getMessage().matches("sweep\\.folds: 5 folds but the smallest class \\(\\d\\) has \\d "
                + "training examples.*"), smallClass.getMessage());
        ExperimentSpec two = ExperimentSpec.builder("two").dataset(spec(160).dataset())
                .models("mlp-classifier", "linear-regression").variant("baseline", Variant.builder().build()).seeds(1).build();
        assertEquals("models: a sweep tunes one model, got [mlp-classifier, linear-regression]",
                assertThrows(RegzooException.class, () -> SweepRun.builder().spec(two).config(config("asha"))
                        .outDir(tmp).build().check()).getMessage());
    }
}
