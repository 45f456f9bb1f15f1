package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The one stdout/stderr-capture helper of the CLI tests: runs a command line with picocli's
 * writers set to buffers ({@link CommandLine#setOut}, {@link CommandLine#setErr}), so nothing
 * swaps {@code System.out}.
 *
 * @param exit the exit status
 * @param out what the commands printed to standard output
 * @param err what they printed to standard error
 */
record CliRun(int exit, String out, String err) {

    /**
     * Runs {@code regzoo ARGS} ({@link Main#commandLine()}).
     *
     * @param args the arguments
     * @return exit status and output
     */
    static CliRun of(String... args) {
        return on(Main.commandLine(), args);
    }

    /**
     * Runs {@code regzoo ARGS} and checks its exit status.
     *
     * @param expectedExit the exit status it must have
     * @param args the arguments
     * @return exit status and output
     */
    static CliRun expect(int expectedExit, String... args) {
        return of(args).expect(expectedExit);
    }

    /**
     * Runs a command line (e.g. one command with a test seam, with {@link Main#withErrorHandling}).
     *
     * @param cl the command line; its writers are replaced
     * @param args the arguments
     * @return exit status and output
     */
    static CliRun on(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * Checks the exit status; the message shows the output.
     *
     * @param expectedExit the exit status it must have
     * @return this run
     */
    CliRun expect(int expectedExit) {
        assertEquals(expectedExit, exit, () -> "exit status; stdout:\n" + out + "\nstderr:\n" + err);
        return this;
    }
}
