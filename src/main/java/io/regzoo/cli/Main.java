package io.regzoo.cli;

import io.regzoo.RegzooException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code regzoo} command line. Each subcommand lives in its own class and is registered here.
 * Every command and subcommand answers {@code -h}/{@code --help} (picocli's standard help options,
 * inherited from this class), and {@code regzoo help CMD [SUBCMD...]} shows the same text.
 * Commands print through picocli's {@link CommandLine#getOut()} and {@link CommandLine#getErr()},
 * so that a caller (a test, an embedding program) can capture them with
 * {@link CommandLine#setOut} and {@link CommandLine#setErr}. User mistakes (a
 * {@link RegzooException} or {@link IllegalArgumentException}, or a picocli parameter error) print
 * one line to the error writer and exit with status 2; bugs keep their stack trace.
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
        return withErrorHandling(new CommandLine(new Main()));
    }

    /**
     * Installs regzoo's error handling on a command line: a user mistake prints one line
     * ({@code regzoo: MESSAGE}, for a parameter error also {@code Try 'CMD --help'.}) to the failing
     * command's error writer and gives {@link #EXIT_USAGE}; any other exception propagates.
     *
     * @param cl the command line (the {@code regzoo} root or a single command)
     * @return {@code cl}
     */
    static CommandLine withErrorHandling(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof RegzooException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("regzoo: " + ex.getMessage());
                cmd.getErr().flush();
                return EXIT_USAGE;
            }
            throw ex;
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

    /** Reports the regzoo and DL4J versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"regzoo " + (v == null ? "0.1.0-SNAPSHOT" : v) + " on DL4J 1.0.0-M2.1"};
        }
    }
}
