package io.regzoo.cli;

import io.regzoo.EnvironmentException;
import io.regzoo.RegzooException;
import io.regzoo.zoo.LayerHelpers;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code regzoo} command line. Each subcommand lives in its own class and is registered here.
 * Every command and subcommand answers {@code -h}/{@code --help} (picocli's standard help options,
 * inherited from this class), and {@code regzoo help CMD [SUBCMD...]} shows the same text.
 * Commands print through picocli's {@link CommandLine#getOut()} and {@link CommandLine#getErr()},
 * so that a caller (a test, an embedding program) can capture them with
 * {@link CommandLine#setOut} and {@link CommandLine#setErr}.
 *
 * <p>How a failure ends:
 * <ul>
 *   <li>a user mistake (a {@link RegzooException} or {@link IllegalArgumentException}, or a picocli
 *       parameter error): one line {@code regzoo: MESSAGE} on the error writer, exit status
 *       {@link #EXIT_USAGE} (2);</li>
 *   <li>a failure of the environment (an {@link EnvironmentException}, an {@link java.io.IOException}
 *       or {@link java.io.UncheckedIOException} — disk full, permission denied, read-only file system —,
 *       an {@link OutOfMemoryError}, an {@link UnsatisfiedLinkError} for a missing native library, also
 *       when wrapped; see {@link EnvironmentException#describe}): one line naming the path or resource
 *       and what to do, exit status {@link #EXIT_ENVIRONMENT} (1);</li>
 *   <li>anything else is a bug in regzoo and keeps its stack trace.</li>
 * </ul>
 * The hidden global option {@code --debug} (accepted before or after the command name), or the
 * environment variable {@code REGZOO_DEBUG=1}, adds the stack trace to the one line of the first two kinds.
 */
@Command(
        name = "regzoo",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "What does a regularizer actually do to my network? Model zoo and comparison harness on DL4J.",
        subcommands = {DemoCommand.class, ZooCommand.class, CompareCommand.class, TrainCommand.class, SweepCommand.class,
                CardCommand.class, PredictCommand.class, BenchCommand.class,
                ReportCommand.class, DataCommand.class, HelpCommand.class})
public final class Main {

    /** Exit status for a user mistake (bad flag, bad config value, missing data). */
    public static final int EXIT_USAGE = 2;

    /** Exit status for a failure of the environment (cannot write, disk full, out of memory, missing native library). */
    public static final int EXIT_ENVIRONMENT = 1;

    /** Environment variable that, set to {@code 1} (or {@code true}), works like {@code --debug}. */
    public static final String DEBUG_ENV = "REGZOO_DEBUG";

    /** The global option's name. */
    static final String DEBUG_OPTION = "--debug";

    @Option(names = DEBUG_OPTION, hidden = true, scope = ScopeType.INHERIT,
            description = "On an error, also print the stack trace (or set REGZOO_DEBUG=1).")
    boolean debug;

    private Main() {}

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @return the exit status
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The {@code regzoo} command line with its error handling, ready to
     * {@link CommandLine#execute execute}. Set its writers with {@link CommandLine#setOut} and
     * {@link CommandLine#setErr} before executing to capture what the commands print.
     *
     * @return a new command line
     */
    public static CommandLine commandLine() {
        LayerHelpers.enable(); // the command line runs DL4J's oneDNN layer helpers unless -D...helpers.disable=true
        return withErrorHandling(new CommandLine(new Main()));
    }

    /**
     * Installs regzoo's error handling on a command line: a user mistake prints one line
     * ({@code regzoo: MESSAGE}, for a parameter error also {@code Try 'CMD --help'.}) to the failing
     * command's error writer and gives {@link #EXIT_USAGE}; a failure of the environment prints one line
     * and gives {@link #EXIT_ENVIRONMENT}; with {@code --debug} or {@code REGZOO_DEBUG=1} the stack
     * trace follows the line. Any other exception or error propagates.
     *
     * @param cl the command line (the {@code regzoo} root or a single command)
     * @return {@code cl}
     */
    static CommandLine withErrorHandling(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Integer exit = handled(ex, cmd.getErr(), debug(parsed));
            if (exit == null) {
                throw ex;
            }
            return exit;
        });
        // errors (out of memory, a missing native library) are not exceptions: picocli lets them through
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (Error e) {
                CommandLine failing = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
                Integer exit = handled(e, failing.getErr(), debug(parsed));
                if (exit == null) {
                    throw e;
                }
                return exit;
            }
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("regzoo: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            cmd.getErr().flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    /**
     * Prints the one line for a failure the user or the environment caused.
     *
     * @return the exit status, or null for a bug (printed nothing)
     */
    private static Integer handled(Throwable t, PrintWriter err, boolean debug) {
        int exit;
        String line;
        Optional<String> env = EnvironmentException.describe(t);
        if ((t instanceof RegzooException && !(t instanceof EnvironmentException))
                || t instanceof IllegalArgumentException) {
            exit = EXIT_USAGE; // a user mistake, even when an I/O error is its cause
            line = t.getMessage();
        } else if (env.isPresent()) {
            exit = EXIT_ENVIRONMENT;
            line = env.get();
        } else {
            return null;
        }
        // one line, whatever the message: a multi-line one (a parser's snippet with a caret) is joined
        err.println("regzoo: " + (line == null ? t.getClass().getSimpleName() : line.strip().replaceAll("\\s*\\R\\s*", " ")));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    /** Whether {@code --debug} was given on any command of the parse, or {@code REGZOO_DEBUG} is set. */
    private static boolean debug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG_OPTION)) {
                return true;
            }
        }
        return debugEnv(System.getenv(DEBUG_ENV));
    }

    /**
     * Whether a value of {@code REGZOO_DEBUG} asks for stack traces.
     *
     * @param value the variable's value, or null when unset
     * @return true for {@code 1}, {@code true} or {@code yes} (any case)
     */
    static boolean debugEnv(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** Reports the regzoo and DL4J versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"regzoo " + (v == null ? "0.1.0-SNAPSHOT" : v) + " on DL4J 1.0.0-M2.1"};
        }
    }
}
