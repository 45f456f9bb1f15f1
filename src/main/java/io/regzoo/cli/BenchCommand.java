package io.regzoo.cli;

import io.regzoo.bench.BenchReport;
import io.regzoo.bench.Benchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo bench}: training throughput of the zoo vs a raw DL4J loop vs PyTorch, sgemm peak, peak RSS. */
@Command(name = "bench", description = {"Measure the training throughput of the zoo's MNIST networks against raw DL4J and PyTorch.",
        "Samples/s after warm-up through regzoo, in a raw DL4J loop and in PyTorch (when python3 with torch is "
        + "installed), the sgemm peak and each run's peak memory; prints one table with the ratios and writes it "
        + "as JSON and Markdown.",
        "Takes about 10 minutes on 2 cores (--quick: about one). Needs MNIST (./regzoo data fetch mnist) unless --synthetic."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--models", split = ",", paramLabel = "M[,M]", description = "Zoo models (default mnist-cnn,mlp-classifier).")
    private List<String> models = Benchmark.DEFAULT_MODELS;

    @Option(names = "--batch", split = ",", paramLabel = "N[,N]", description = "Batch sizes (default 64,256).")
    private List<Integer> batches = Benchmark.DEFAULT_BATCHES;

    @Option(names = "--warmup-batches", paramLabel = "N", description = "Untimed minibatches first (default 50 for the CNN, 500 for the MLP: the JIT needs a few hundred short steps).")
    private Integer warmup;

    @Option(names = "--batches", paramLabel = "N", description = "Timed minibatches (default 200 for the CNN, 600 for the MLP; runs longer than MNIST cycle through it).")
    private Integer timed;

    @Option(names = "--repeats", paramLabel = "N", description = "Runs of every engine per row, each in a fresh process, interleaved; the median is reported (default 3; 1 with --quick).")
    private Integer repeats;

    @Option(names = "--paired-rounds", paramLabel = "N", description = "Alternating rounds of regzoo's Trainer and two raw loops (the pre-split "
            + "batches, and the Trainer's own shuffled batches) in one JVM per row, for wrapper ratios with 95%% confidence "
            + "intervals; 0 skips it (default 40; 4 with --quick).")
    private Integer pairedRounds;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads for every engine (default: all cores).")
    private Integer threads;

    @Option(names = "--quick", description = "A smoke run: batch 64 only, one run per engine, 5 warm-up and 20 timed minibatches, sgemm 500³.")
    private boolean quick;

    @Option(names = "--synthetic", description = "Random MNIST-shaped data instead of MNIST (throughput does not depend on the values).")
    private boolean synthetic;

    @Option(names = "--no-torch", description = "Do not run PyTorch even when it is installed.")
    private boolean noTorch;

    @Option(names = "--python", paramLabel = "PATH", description = "The Python with torch (default: python3 on the PATH, then /usr/bin/python3).")
    private Path python;

    @Option(names = "--out", defaultValue = "reports/bench", paramLabel = "DIR", description = "Where bench.json and bench.md go (default ${DEFAULT-VALUE}).")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Benchmark.Builder b = Benchmark.builder().models(models).batches(quick && batches == Benchmark.DEFAULT_BATCHES ? List.of(64) : batches)
                .warmup(quick && warmup == null ? Integer.valueOf(5) : warmup).timed(quick && timed == null ? Integer.valueOf(20) : timed).synthetic(synthetic)
                .torch(!noTorch).python(python).sgemmSize(quick ? 500 : 1000);
        b.repeats(repeats != null ? repeats : quick ? 1 : 3);
        b.pairedRounds(pairedRounds != null ? pairedRounds : quick ? 4 : Benchmark.DEFAULT_PAIRED_ROUNDS);
        if (threads != null) {
            b.threads(threads);
        }
        err.println("regzoo bench: each measurement runs in its own JVM (or Python); about 10 minutes on 2 cores (--quick: about one)");
        err.flush();
        BenchReport r = b.build().run();
        String table = r.table();
        o.println();
        o.print(table);
        Files.createDirectories(out);
        r.writeJson(out.resolve("bench.json"));
        r.writeMarkdown(out.resolve("bench.md"));
        o.println("written: " + out.resolve("bench.json") + ", " + out.resolve("bench.md"));
        o.flush();
        return 0;
    }
}
