package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    /** Runs the CLI capturing stdout and stderr. */
    static String[] run(int expectedExit, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(expectedExit, Main.run(args), "exit status of regzoo " + String.join(" ", args));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void zooListsTheFourNetworksWithTheirParameterCounts() {
        String out = run(0, "zoo")[0];
        assertTrue(out.contains("mnist-cnn") && out.contains("121,930"), out);
        assertTrue(out.contains("linear-regression") && out.contains("mlp-regressor") && out.contains("mlp-classifier"), out);
        assertTrue(out.contains("101,770"), out);
    }

    @Test
    void zooListsEveryRegisteredNetworkWithItsDefaultDataset() {
        String out = run(0, "zoo", "--layers")[0];
        for (io.regzoo.zoo.ZooEntry e : io.regzoo.zoo.ModelZoo.entries()) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(e.name() + " ") && l.contains(" " + e.defaultDataset() + " ")),
                    e.name() + ": " + out);
            assertTrue(out.contains(e.description()), out);
        }
    }

    @Test
    void theRegularizationOptionsAreGeneratedFromTheKnobTable() {
        for (String cmd : new String[] {"train", "sweep"}) {
            String help = run(0, "help", cmd)[0].replaceAll("\\s+", " "); // picocli wraps long lines
            for (io.regzoo.regularize.Knob k : io.regzoo.regularize.Knob.values()) {
                assertTrue(help.contains(k.option()) && help.contains(k.help()), cmd + " " + k.option() + ": " + help);
            }
        }
        assertTrue(run(0, "help", "sweep")[0].replaceAll("\\s+", " ").contains("The knob to vary: l1, l2, weightDecay, dropoutRate."));
        assertTrue(run(0, "help", "train")[0].contains("--monitor"));
    }

    @Test
    void badRegularizationAndMonitorValuesAreOneLineWithExitStatusTwo() {
        String err = run(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--dropout-rate", "1.5", "--save", "x.zip")[1];
        assertEquals("regzoo: dropoutRate must be in [0, 1) (the fraction of activations dropped), got 1.5", err.strip());
        err = run(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--l2", "0.1", "--weight-decay", "0.1", "--save", "x.zip")[1];
        assertTrue(err.startsWith("regzoo: l2 and weightDecay both set on the weights"), err);
        err = run(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--monitor", "loss", "--save", "x.zip")[1];
        assertTrue(err.contains("earlyStopping.monitor must be val_loss or val_accuracy, got 'loss'"), err);
        err = run(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--l2", "abc", "--save", "x.zip")[1];
        assertTrue(err.startsWith("regzoo: Invalid value for option '--l2'"), err);
    }

    @Test
    void aUserMistakeIsOneLineAndExitStatusTwo() {
        String err = run(Main.EXIT_USAGE, "zoo", "--bogus")[1];
        assertTrue(err.startsWith("regzoo: Unknown option: '--bogus'"), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), err);
    }
}
