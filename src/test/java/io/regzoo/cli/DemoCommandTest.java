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
    void tinyDemoTrainsBothVariantsWritesResultsReportAndModelsAndResumes(@TempDir Path out) throws Exception {
        String text = run(out);
        assertTrue(text.contains("SUBSET") && text.contains("--full"), text);
        assertTrue(text.contains("mnist-cnn — test accuracy over seeds") && text.contains("weight-decay"), text);
        assertEquals(2, Files.readAllLines(out.resolve("results.jsonl")).size());
        assertTrue(Files.size(out.resolve("index.html")) > 10_000, "report written");
        for (String v : new String[] {"baseline", "weight-decay"}) {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(
                    out.resolve("models/mnist-cnn-" + v + "-1.zip").toFile());
            assertEquals(121_930, net.numParams());
        }
        String again = run(out);
        assertTrue(again.contains("ran 0 now, skipped 2"), again);
    }

    @Test
    void theSpecHasTheDocumentsSettingWithFullAndTheOptionalVariants() {
        DemoCommand d = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(d).parseArgs("--full", "--dropout", "--batch-norm");
        var spec = d.spec();
        assertEquals(null, spec.dataset().trainSize());
        assertEquals(10, spec.epochs());
        assertEquals(3, spec.seeds().size());
        assertEquals(java.util.List.of("baseline", "weight-decay", "dropout", "batch-norm"),
                java.util.List.copyOf(spec.variants().keySet()));
        DemoCommand def = new DemoCommand(DataSources.defaults(), false);
        new CommandLine(def).parseArgs();
        assertEquals(20_000, def.spec().dataset().trainSize());
        assertEquals(3, def.spec().epochs());
    }

    @Test
    void mnistDemoMainClassRunsTheSameCommand() {
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "demo", "--full", "--tiny");
        assertTrue(r.err().startsWith("regzoo: --full and --tiny exclude each other"), r.err());
        assertEquals(Main.EXIT_USAGE, MnistDemo.run("--full", "--tiny"));
    }
}
