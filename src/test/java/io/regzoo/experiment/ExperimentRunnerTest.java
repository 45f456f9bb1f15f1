package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.StopReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    private static ExperimentSpec.Builder tiny() {
        return ExperimentSpec.builder("tiny")
                .dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).build())
                .models("linear-regression")
                .variant("baseline", Variant.of(Regularization.none()))
                .variant("l2", Variant.of(Regularization.builder().l2(0.1).build()))
                .seeds(1, 2, 3).epochs(3).batchSize(8).optimizer(Optimizer.sgd(0.1));
    }

    @Test
    void killedRunResumesWithoutDuplicatesAndCutsATornLine(@TempDir Path out) throws Exception {
        ExperimentSpec spec = tiny().build();
        assertEquals(6, spec.numTrials());
        List<String> warnings = new ArrayList<>();
        ExperimentRunner killed = ExperimentRunner.builder().spec(spec).outDir(out).warnings(warnings::add)
                .listener(KillSwitch.after(2)).build();
        assertThrows(KillSwitch.SimulatedKill.class, killed::run);
        Path file = out.resolve(ResultsStore.FILE_NAME);
        assertEquals(2, Files.readAllLines(file).size());
        // The kill came in the middle of the third write.
        Files.writeString(file, "{\"trialId\":\"linear-regression/baseline/2\",\"mod", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        RunSummary s = ExperimentRunner.builder().spec(spec).outDir(out).warnings(warnings::add).build().run();
        assertEquals(4, s.ran());
        assertEquals(2, s.skipped());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(file + ":3: ")), warnings.toString());
        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size());
        Set<String> ids = new HashSet<>();
        for (String l : lines) {
            ids.add(TrialCodec.fromJson(l).trialId());
        }
        assertEquals(6, ids.size());
        assertTrue(Files.exists(out.resolve("spec.json")));
        assertEquals(spec, ExperimentSpec.parse(Files.readString(out.resolve("spec.json")), "spec.json"));

        // A complete garbage last line is ignored with a warning; nothing is re-run.
        Files.writeString(file, "garbage\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        warnings.clear();
        RunSummary again = ExperimentRunner.builder().spec(spec).outDir(out).warnings(warnings::add).build().run();
        assertEquals(0, again.ran());
        assertEquals(6, again.results().size());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(file + ":7: ")), warnings.toString());
        assertEquals(6, Files.readAllLines(file).size());
    }

    @Test
    void divergingVariantIsRecordedAndTheRunGoesOn(@TempDir Path out) {
        ExperimentSpec spec = tiny().seeds(1)
                .variant("lr1e3", Variant.builder().optimizer(Optimizer.sgd(1e3)).build())
                .variant("after", Variant.of(Regularization.builder().l2(0.01).build()))
                .build();
        RunSummary s = ExperimentRunner.builder().spec(spec).outDir(out).warnings(w -> { }).build().run();
        assertEquals(4, s.results().size());
        TrialResult bad = s.results().stream().filter(r -> r.variant().equals("lr1e3")).findFirst().orElseThrow();
        assertEquals(TrialStatus.DIVERGED, bad.status());
        assertEquals(StopReason.DIVERGED, bad.stopReason());
        assertTrue(bad.message().contains("loss became"), bad.message());
        for (TrialResult r : s.results()) {
            if (!r.variant().equals("lr1e3")) {
                assertEquals(TrialStatus.OK, r.status(), r.trialId());
                assertEquals(StopReason.COMPLETED, r.stopReason());
                assertTrue(r.testLoss() < 0.1, r.trialId() + " test MSE " + r.testLoss());
                assertTrue(Double.isNaN(r.testAccuracy()));
                assertEquals(3, r.history().size());
                assertTrue(r.provenance().modelConfig().contains("\"linear\""));
                assertEquals(64, r.provenance().specHash().length());
                assertTrue(r.provenance().data().checksum("sha256", "train").isPresent());
            }
        }
    }

    @Test
    void aFailingTrialIsRecordedAsFailedAndTheRunGoesOn(@TempDir Path out) {
        // The classifier does not fit a regression dataset: that trial fails, the regressor still runs.
        ExperimentSpec spec = tiny().seeds(1).models(List.of("mlp-classifier", "linear-regression")).build();
        RunSummary s = ExperimentRunner.builder().spec(spec).outDir(out).warnings(w -> { }).build().run();
        assertEquals(4, s.results().size());
        assertEquals(2, s.count(TrialStatus.FAILED));
        assertEquals(2, s.count(TrialStatus.OK));
        TrialResult f = s.results().stream().filter(r -> r.status() == TrialStatus.FAILED).findFirst().orElseThrow();
        assertTrue(f.message().contains("is a classifier but dataset 'linear' is regression"), f.message());
    }

    @Test
    void mnistTrialsRunOnTheCnnAndTheMlpFromOneSource(@TempDir Path out) {
        ExperimentSpec spec = ExperimentSpec.builder("mnist-tiny")
                .dataset(DatasetSpec.builder("mnist").trainSize(200).testSize(100).validationSplit(0.1).build())
                .models(List.of("mnist-cnn", "mlp-classifier"))
                .variant("baseline", Variant.builder().build())
                .variant("weight-decay", Variant.builder()
                        .regularization(io.regzoo.regularize.Regularization.builder().weightDecay(5e-4).build()).build())
                .seeds(1).epochs(1).batchSize(32).build();
        DataSources sources = DataSources.defaults().with("mnist",
                ImageDataSource.of(io.regzoo.data.DatasetId.MNIST, io.regzoo.data.MnistSample.load()));
        RunSummary s = ExperimentRunner.builder().spec(spec).outDir(out).dataSources(sources).warnings(w -> { }).build().run();
        assertEquals(4, s.count(TrialStatus.OK), String.valueOf(s.results()));
        TrialResult cnn = s.results().stream().filter(r -> r.model().equals("mnist-cnn")).findFirst().orElseThrow();
        assertEquals("6bbc9ace898e44ae57da46a324031adb",
                cnn.provenance().data().checksum("md5", "train-images-idx3-ubyte").orElseThrow());
        assertTrue(cnn.provenance().data().sizes().startsWith("train=180, validation=20, test=100"),
                cnn.provenance().data().sizes());
        assertTrue(cnn.testAccuracy() > 0.1, "a trained CNN beats chance: " + cnn.testAccuracy());
    }

    @Test
    void saveModelsWritesEachOkTrialsNetworkAndNoPartFiles(@TempDir Path out) throws Exception {
        ExperimentSpec spec = tiny().seeds(1).models(List.of("mlp-classifier", "linear-regression")).build();
        RunSummary s = ExperimentRunner.builder().spec(spec).outDir(out).warnings(w -> { }).saveModels(true).build().run();
        assertEquals(2, s.count(TrialStatus.OK));
        for (TrialResult r : s.results()) {
            Path f = ExperimentRunner.modelFile(out, r.model(), r.variant(), r.seed());
            assertEquals(r.isOk(), Files.exists(f), f.toString());
        }
        Path lr = out.resolve("models/linear-regression-l2-1.zip");
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net =
                org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(lr.toFile());
        assertEquals(2, net.numParams());
        try (java.util.stream.Stream<Path> files = Files.list(out.resolve("models"))) {
            assertEquals(2, files.count(), "only the two zips, no temporary files");
        }
    }
}
