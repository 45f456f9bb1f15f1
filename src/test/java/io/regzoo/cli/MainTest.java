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
    void aUserMistakeIsOneLineAndExitStatusTwo() {
        String err = run(Main.EXIT_USAGE, "zoo", "--bogus")[1];
        assertTrue(err.startsWith("regzoo: Unknown option: '--bogus'"), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), err);
    }
}
