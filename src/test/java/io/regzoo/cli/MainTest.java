package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    /** Every command of the tree below {@code regzoo} (aliases once), as argument paths, e.g. {@code [data, fetch]}. */
    private static List<List<String>> allCommands() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> paths) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (seen.put(sub, Boolean.TRUE) == null) {
                List<String> p = new ArrayList<>(path);
                p.add(sub.getCommandName());
                paths.add(p);
                collect(sub, p, paths);
            }
        }
    }

    private static String[] with(List<String> path, String... more) {
        List<String> all = new ArrayList<>(path);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void zooListsTheFourNetworksWithTheirParameterCounts() {
        String out = CliRun.expect(0, "zoo").out();
        assertTrue(out.contains("mnist-cnn") && out.contains("121,930"), out);
        assertTrue(out.contains("linear-regression") && out.contains("mlp-regressor") && out.contains("mlp-classifier"), out);
        assertTrue(out.contains("101,770"), out);
    }

    @Test
    void zooListsEveryRegisteredNetworkWithItsDefaultDataset() {
        String out = CliRun.expect(0, "zoo", "--layers").out();
        for (io.regzoo.zoo.ZooEntry e : io.regzoo.zoo.ModelZoo.entries()) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(e.name() + " ") && l.contains(" " + e.defaultDataset() + " ")),
                    e.name() + ": " + out);
            assertTrue(out.contains(e.description()), out);
        }
    }

    @Test
    void theRegularizationOptionsAreGeneratedFromTheKnobTable() {
        for (String cmd : new String[] {"train", "sweep"}) {
            String help = CliRun.expect(0, "help", cmd).out().replaceAll("\\s+", " "); // picocli wraps long lines
            for (io.regzoo.regularize.Knob k : io.regzoo.regularize.Knob.values()) {
                assertTrue(help.contains(k.option()) && help.contains(k.help()), cmd + " " + k.option() + ": " + help);
            }
        }
        assertTrue(CliRun.expect(0, "help", "sweep").out().replaceAll("\\s+", " ").contains("The knob to vary: l1, l2, weightDecay, dropoutRate."));
        assertTrue(CliRun.expect(0, "help", "train").out().contains("--monitor"));
    }

    @Test
    void badRegularizationAndMonitorValuesAreOneLineWithExitStatusTwo() {
        String err = CliRun.expect(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--dropout-rate", "1.5", "--save", "x.zip").err();
        assertEquals("regzoo: dropoutRate must be in [0, 1) (the fraction of activations dropped), got 1.5", err.strip());
        err = CliRun.expect(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--l2", "0.1", "--weight-decay", "0.1", "--save", "x.zip").err();
        assertTrue(err.startsWith("regzoo: l2 and weightDecay both set on the weights"), err);
        err = CliRun.expect(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--monitor", "loss", "--save", "x.zip").err();
        assertTrue(err.contains("earlyStopping.monitor must be val_loss or val_accuracy, got 'loss'"), err);
        err = CliRun.expect(Main.EXIT_USAGE, "train", "--model", "mlp-regressor", "--l2", "abc", "--save", "x.zip").err();
        assertTrue(err.startsWith("regzoo: Invalid value for option '--l2'"), err);
    }

    @Test
    void aUserMistakeIsOneLineAndExitStatusTwo() {
        String err = CliRun.expect(Main.EXIT_USAGE, "zoo", "--bogus").err();
        assertTrue(err.startsWith("regzoo: Unknown option: '--bogus'"), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), err);
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpAndHWithStatusZero() {
        List<List<String>> paths = allCommands();
        assertTrue(paths.size() >= 13, "demo ... data fetch, data status, help: " + paths);
        for (List<String> path : paths) {
            String usage = "Usage: regzoo " + String.join(" ", path);
            for (String flag : new String[] {"--help", "-h"}) {
                CliRun r = CliRun.expect(0, with(path, flag));
                assertTrue(r.out().startsWith(usage), String.join(" ", path) + " " + flag + ": " + r.out());
                assertEquals("", r.err(), String.join(" ", path) + " " + flag);
            }
        }
    }

    @Test
    void helpShowsTheSameTextAsHelpAtAnyDepth() {
        for (List<String> path : allCommands()) {
            if (!path.get(0).equals("help")) {
                assertEquals(CliRun.expect(0, with(path, "--help")).out(), CliRun.expect(0, with(List.of("help"), path.toArray(new String[0]))).out(),
                        "help " + String.join(" ", path));
            }
        }
        assertTrue(CliRun.expect(0, "help", "data", "fetch").out().startsWith("Usage: regzoo data fetch "));
        assertTrue(CliRun.expect(0, "help").out().startsWith("Usage: regzoo [-hV] [COMMAND]"));
        CliRun bad = CliRun.expect(Main.EXIT_USAGE, "help", "data", "nope");
        assertTrue(bad.err().startsWith("regzoo: Unknown command: 'nope'; expected one of fetch, status"), bad.err());
    }

    @Test
    void compareHelpNeedsNoSpec() {
        assertTrue(CliRun.expect(0, "compare", "--help").out().contains("SPEC"));
    }

    @Test
    void theLineEveryCommandListShowsIsAWholeSentence() {
        CommandLine root = Main.commandLine();
        for (List<String> path : allCommands()) {
            CommandLine cl = root;
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            CommandLine.Model.UsageMessageSpec u = cl.getCommandSpec().usageMessage();
            String listed = u.header().length > 0 ? u.header()[0] : u.description()[0];
            assertTrue(listed.strip().endsWith("."), String.join(" ", path) + " is listed as: " + listed);
        }
        String top = CliRun.expect(0, "--help").out();
        assertTrue(top.contains("with neither, over a few seeds\n                      and compare them."), top);
    }

    @Test
    void theDemoHelpGivesTheDurationTheDemoEstimatesAndTheReadmeStates() throws IOException {
        String help = CliRun.expect(0, "demo", "--help").out().replaceAll("\\s+", " ");
        String minutes = DemoCommand.estimateOnTwoCores();
        assertTrue(help.contains("about " + minutes + " on 2 cores"), help);
        assertTrue(help.contains("about " + DemoCommand.estimateOnTwoCores("--full")), help);
        assertFalse(help.contains("10 minutes"), help);
        assertTrue(Files.readString(Path.of("README.md")).contains("takes about " + minutes + " on 2"),
                "README.md's demo section says the same duration: about " + minutes);
    }
}
