package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.regzoo.AtomicFiles;
import io.regzoo.RegzooException;
import io.regzoo.SmallTmpfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /** A command that fails the way {@code body} does, registered under {@code regzoo fails}. */
    @CommandLine.Command(name = "fails", description = "Fails on purpose.")
    static final class Fails implements Callable<Integer> {
        private final Callable<Integer> body;

        Fails(Callable<Integer> body) {
            this.body = body;
        }

        @Override
        public Integer call() throws Exception {
            return body.call();
        }
    }

    /** {@code regzoo ARGS} with the {@code fails} command added, through Main's own error handling. */
    private static CliRun failing(Callable<Integer> body, String... args) {
        return CliRun.on(Main.commandLine().addSubcommand("fails", new Fails(body)), args);
    }

    /** One line on stderr, no stack trace, nothing on stdout. */
    private static String oneLine(CliRun r) {
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, "one line: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
        return r.err().strip();
    }

    @Test
    void aFullDiskIsOneLineNamingTheFolderAndExitStatusOne(@TempDir Path tmp) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, 64)) {
            Path dir = fs.dir();
            CliRun r = failing(() -> {
                try {
                    Files.write(dir.resolve("loss.png"), new byte[512 * 1024]);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the report into " + dir, e);
                }
                return 0;
            }, "fails").expect(Main.EXIT_ENVIRONMENT);
            assertEquals("regzoo: cannot write the report into " + dir
                    + ": No space left on device; free space on that disk or write to another folder", oneLine(r));
        }
    }

    @Test
    void anIoFailureIsOneLineWithThePathTheReasonAndWhatToDo(@TempDir Path tmp) {
        Path f = tmp.resolve("report.md");
        assertEquals("regzoo: cannot access " + f + ": Permission denied; check the folder's permissions or write to "
                + "another folder", oneLine(failing(() -> {
                    throw new AccessDeniedException(f.toString());
                }, "fails").expect(Main.EXIT_ENVIRONMENT)));
        assertEquals("regzoo: cannot write " + f + ": Read-only file system; write to a folder on a writable file system",
                oneLine(failing(() -> {
                    AtomicFiles.write(f, out -> {
                        throw new java.nio.file.FileSystemException(f + ".tmp", null, "Read-only file system");
                    });
                    return 0;
                }, "fails").expect(Main.EXIT_ENVIRONMENT)));
        // a library's RuntimeException around the I/O failure counts too, with the library's context
        assertEquals("regzoo: saving the model: " + f + ": No space left on device; free space on that disk or write "
                + "to another folder", oneLine(failing(() -> {
                    throw new RuntimeException("saving the model", new java.nio.file.FileSystemException(f.toString(),
                            null, "No space left on device"));
                }, "fails").expect(Main.EXIT_ENVIRONMENT)));
    }

    @Test
    void outOfMemoryAndAMissingNativeLibraryAreOneLineWithWhatToDo() {
        String oom = oneLine(failing(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, "fails").expect(Main.EXIT_ENVIRONMENT));
        assertTrue(oom.startsWith("regzoo: out of memory (Java heap space); give the JVM more, e.g. REGZOO_JAVA_OPTS="), oom);
        String nat = oneLine(failing(() -> {
            throw new ExceptionInInitializerError(new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"));
        }, "fails").expect(Main.EXIT_ENVIRONMENT));
        assertTrue(nat.startsWith("regzoo: a native library cannot be loaded (no jnind4jcpu in java.library.path); "), nat);
        assertTrue(nat.contains("rebuild with"), nat);
        String wrapped = oneLine(failing(() -> {
            throw new RuntimeException("ND4J is probably missing dependencies", new UnsatisfiedLinkError("libnd4jcpu.so"));
        }, "fails").expect(Main.EXIT_ENVIRONMENT));
        assertTrue(wrapped.startsWith("regzoo: a native library cannot be loaded (libnd4jcpu.so)"), wrapped);
    }

    @Test
    void debugAddsTheStackTraceBeforeOrAfterTheCommand() {
        Callable<Integer> full = () -> {
            throw new UncheckedIOException("cannot write x", new IOException("No space left on device"));
        };
        for (String[] args : new String[][] {{"--debug", "fails"}, {"fails", "--debug"}}) {
            CliRun r = failing(full, args).expect(Main.EXIT_ENVIRONMENT);
            assertTrue(r.err().startsWith("regzoo: cannot write x: No space left on device; free space"), r.err());
            assertTrue(r.err().contains("java.io.UncheckedIOException: cannot write x") && r.err().contains("\tat "),
                    String.join(" ", args) + ": " + r.err());
        }
        CliRun usage = failing(() -> {
            throw new RegzooException("unknown model 'x'");
        }, "fails", "--debug").expect(Main.EXIT_USAGE);
        assertTrue(usage.err().startsWith("regzoo: unknown model 'x'\n") && usage.err().contains("\tat "), usage.err());
        assertTrue(Main.debugEnv("1") && Main.debugEnv(" TRUE ") && Main.debugEnv("yes"));
        assertFalse(Main.debugEnv(null) || Main.debugEnv("0") || Main.debugEnv(""));
    }

    @Test
    void aUserMistakeStaysExitTwoAndABugKeepsItsStackTrace() {
        assertEquals("regzoo: unknown model 'x'", oneLine(failing(() -> {
            throw new RegzooException("unknown model 'x'");
        }, "fails").expect(Main.EXIT_USAGE)));
        CliRun bug = failing(() -> {
            throw new IllegalStateException("a bug");
        }, "fails").expect(1); // picocli prints what the handler rethrows, with its trace
        assertTrue(bug.err().contains("java.lang.IllegalStateException: a bug") && bug.err().contains("\tat "), bug.err());
        AssertionError bugError = new AssertionError("a broken invariant");
        assertSame(bugError, assertThrows(AssertionError.class, () -> failing(() -> {
            throw bugError;
        }, "fails")));
    }
}
