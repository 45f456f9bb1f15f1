package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.DatasetId;
import io.regzoo.data.MnistSample;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.ImageDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo end to end in {@code --tiny} mode, on the shipped MNIST sample. */
class DemoCommandTest {

    private static String run(Path out, String... extra) {
        DataSources sample = DataSources.defaults().with("mnist", ImageDataSource.of(DatasetId.MNIST, MnistSample.load()));
        String[] args = new String[extra.length + 3];
        args[0] = "--tiny";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.on(Main.withErrorHandling(new CommandLine(new DemoCommand(sample, false))), args).expect(0).out();
    }

    @Test
    void tinyDemoTrainsEveryVariantWritesResultsReportAndModelsAndResumes(@TempDir Path out) throws Exception {
        String text = run(out);
        assertTrue(text.contains("SUBSET") && text.contains("--full"), text);
        assertTrue(text.contains("mnist-cnn — test accuracy over seeds") && text.contains("weight-decay-0.5")
                && text.contains("l2-keras-5e-4"), text);
        assertTrue(text.contains("l2-keras-5e-4 = the third document's Keras L2(5e-4) under Adam (DL4J l2(1e-3), coupled)"), text);
        assertTrue(text.contains("each step shrinks every weight by lr x 0.5 = 0.0005, at most 0.2% over the 5 steps"), text);
        assertEquals(3, Files.readAllLines(out.resolve("results.jsonl")).size());
        assertTrue(Files.size(out.resolve("index.html")) > 10_000, "report written");
        for (String v : new String[] {"baseline", "l2-keras-5e-4", "weight-decay-0.5"}) {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(
                    out.resolve("models/mnist-cnn-" + v + "-1.zip").toFile());
            assertEquals(121_930, net.numParams());
        }
        String again = run(out);
        assertTrue(again.contains("ran 0 now, skipped 3"), again);
    }

    @Test
    void theSpecHasTheDocumentsSettingWithFullAndTheOptionalVariants() {
        DemoCommand d = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(d).parseArgs("--full", "--dropout", "--batch-norm");
        var spec = d.spec();
        assertEquals(null, spec.dataset().trainSize());
        assertEquals(10, spec.epochs());
        assertEquals(3, spec.seeds().size());
        assertEquals(java.util.List.of("baseline", "l2-keras-5e-4", "weight-decay-0.5", "dropout", "batch-norm"),
                java.util.List.copyOf(spec.variants().keySet()));
        assertEquals(1e-3, spec.variants().get("l2-keras-5e-4").regularization().l2(), 1e-15,
                "Keras L2(5e-4) adds 5e-4·Σw², DL4J l2(λ) adds λ/2·Σw²");
        assertEquals(0.0, spec.variants().get("l2-keras-5e-4").regularization().weightDecay());
        assertEquals(0.5, spec.variants().get("weight-decay-0.5").regularization().weightDecay());
        assertTrue(spec.variants().get("weight-decay-0.5").regularization().weightDecayApplyLR(), "AdamW: lr·λ per step");
        assertEquals(0.0, spec.variants().get("weight-decay-0.5").regularization().l2());
        DemoCommand def = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(def).parseArgs();
        assertEquals(20_000, def.spec().dataset().trainSize());
        assertEquals(3, def.spec().epochs());
        assertEquals(9, def.spec().numTrials());
        DemoCommand other = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(other).parseArgs("--weight-decay", "0.05");
        assertTrue(other.spec().variants().containsKey("weight-decay-0.05"), other.spec().variants().keySet().toString());
    }

    @Test
    void theDefaultWeightDecayActsWithinTheDemosBudgetAndTheLibraryDefaultsWouldNot() {
        DemoCommand def = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(def).parseArgs();
        long steps = DemoCommand.steps(def.spec());
        assertEquals(282 * 3, steps, "3 epochs of 18,000 digits in minibatches of 64");
        assertEquals(1 - Math.pow(1 - 1e-5, 846), DemoCommand.decayShrink(1e-3, 0.01, steps), 1e-12);
        assertTrue(DemoCommand.decayShrink(1e-3, DemoCommand.PYTORCH_ADAMW_DEFAULT, steps) < 0.01, "PyTorch's default: < 1%");
        assertTrue(DemoCommand.decayShrink(1e-3, 0.004, steps) < 0.005, "Keras's default: < 0.5%");
        assertTrue(DemoCommand.decayShrink(1e-3, DemoCommand.WEIGHT_DECAY, steps) > 0.3, "the demo's: > 30%");
        CliRun help = CliRun.expect(0, "demo", "--help");
        String h = help.out().replaceAll("\\s+", " ");
        assertTrue(h.contains("weight_decay=0.01 in PyTorch (torch.optim.AdamW) and 0.004 in Keras (keras.optimizers.AdamW)"), h);
        assertTrue(h.contains("at most 0.8% over the demo's ≈ 846 steps") && h.contains("0.5 shrinks by at most 34% over them"), h);
        for (String line : new CommandLine(new DemoCommand()).getCommandSpec().usageMessage().description()) {
            assertEquals(line.replace("%%", "%"), String.format(java.util.Locale.ROOT, line),
                    "picocli formats each help line with String.format: '%' must be doubled in " + line);
        }
    }

    @Test
    void seedsAutoRunsTheSequentialProcedureWithTheDemosBudget() {
        DemoCommand d = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(d).parseArgs("--seeds", "auto", "--time-budget", "20m");
        var spec = d.spec();
        assertEquals(3, spec.sequential().minSeeds());
        assertEquals(DemoCommand.AUTO_MAX_SEEDS, spec.sequential().maxSeeds());
        assertEquals(java.time.Duration.ofMinutes(20), spec.sequential().timeBudget());
        assertEquals(3 * DemoCommand.AUTO_MAX_SEEDS, spec.numTrials(), "at most");
        DemoCommand more = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(more).parseArgs("--seeds", "auto", "--max-seeds", "5");
        assertEquals(5, more.spec().sequential().maxSeeds());
        DemoCommand fixed = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(fixed).parseArgs("--seeds", "4");
        assertEquals(null, fixed.spec().sequential());
        assertEquals(4, fixed.spec().seeds().size());
        CliRun bad = CliRun.expect(Main.EXIT_USAGE, "demo", "--seeds", "many");
        assertTrue(bad.err().startsWith("regzoo: --seeds must be a number of seeds or 'auto', got 'many'"), bad.err());
        CliRun orphan = CliRun.expect(Main.EXIT_USAGE, "demo", "--max-seeds", "5");
        assertTrue(orphan.err().contains("--max-seeds and --time-budget need --seeds auto"), orphan.err());
    }

    @Test
    void aWeightDecayThatIsNotPositiveIsRefused() {
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "demo", "--weight-decay", "0");
        assertTrue(r.err().startsWith("regzoo: --weight-decay must be a number > 0, got 0.0"), r.err());
    }

    @Test
    void mnistDemoMainClassRunsTheSameCommand() {
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "demo", "--full", "--tiny");
        assertTrue(r.err().startsWith("regzoo: --full and --tiny exclude each other"), r.err());
        assertEquals(Main.EXIT_USAGE, MnistDemo.run("--full", "--tiny"));
    }
}
