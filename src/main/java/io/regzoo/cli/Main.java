package io.regzoo.cli;

import io.regzoo.RegzooException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code regzoo} command line. Each subcommand lives in its own class and is registered here.
 * User mistakes (a {@link RegzooException} or {@link IllegalArgumentException}, or a picocli
 * parameter error) print one line and exit with status 2; bugs keep their stack trace.
 */
@Command(
        name = "regzoo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "What does a regularizer actually do to my network? Model zoo and comparison harness on DL4J.",
        subcommands = {DemoCommand.class, ZooCommand.class, CompareCommand.class, TrainCommand.class, SweepCommand.class,
                CardCommand.class, PredictCommand.class, BenchCommand.class,
                ReportCommand.class, DataCommand.class, CommandLine.HelpCommand.class})
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
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof RegzooException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("regzoo: " + ex.getMessage());
                return EXIT_USAGE;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("regzoo: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cl.execute(args);
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
