package io.regzoo.cli;

import io.regzoo.bench.BenchReport;
import io.regzoo.bench.Benchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regzoo bench}: training throughput of the zoo vs a raw DL4J loop vs PyTorch, sgemm peak, peak RSS. */
@Command(name = "bench", description = {"Measure training throughput (samples/s after warm-up) of the zoo's MNIST networks "
        + "through regzoo, in a raw DL4J loop and in PyTorch (when python3 with torch is installed), the sgemm peak "
        + "and each run's peak memory; print one table with the ratios and write it as JSON and Markdown.",
        "Takes a few minutes on 2 cores. Needs MNIST (./regzoo data fetch mnist) unless --synthetic."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--models", split = ",", paramLabel = "M[,M]", description = "Zoo models (default mnist-cnn,mlp-classifier).")
    private List<String> models = Benchmark.DEFAULT_MODELS;

    @Option(names = "--batch", split = ",", paramLabel = "N[,N]", description = "Batch sizes (default 64,256).")
    private List<Integer> batches = Benchmark.DEFAULT_BATCHES;

    @Option(names = "--warmup-batches", defaultValue = "20", paramLabel = "N", description = "Untimed minibatches first (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--batches", paramLabel = "N", description = "Timed minibatches (default 200 for the CNN, 600 for the MLP, capped to fit MNIST).")
    private Integer timed;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads for every engine (default: all cores).")
    private Integer threads;

    @Option(names = "--quick", description = "A smoke run: batch 64 only, 5 warm-up and 20 timed minibatches, sgemm 500³.")
    private boolean quick;

    @Option(names = "--synthetic", description = "Random MNIST-shaped data instead of MNIST (throughput does not depend on the values).")
    private boolean synthetic;

    @Option(names = "--no-torch", description = "Do not run PyTorch even when it is installed.")
    private boolean noTorch;

    @Option(names = "--python", paramLabel = "PATH", description = "The Python with torch (default: python3 on the PATH, then /usr/bin/python3).")
    private Path python;

    @Option(names = "--out", defaultValue = "reports/bench", paramLabel = "DIR", description = "Where bench.json and bench.md go (default ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Benchmark.Builder b = Benchmark.builder().models(models).batches(quick && batches == Benchmark.DEFAULT_BATCHES ? List.of(64) : batches)
                .warmup(quick ? 5 : warmup).timed(quick && timed == null ? Integer.valueOf(20) : timed).synthetic(synthetic)
                .torch(!noTorch).python(python).sgemmSize(quick ? 500 : 1000);
        if (threads != null) {
            b.threads(threads);
        }
        System.err.println("regzoo bench: each measurement runs in its own JVM (or Python); a few minutes on 2 cores");
        BenchReport r = b.build().run();
        String table = r.table();
        System.out.println();
        System.out.print(table);
        Files.createDirectories(out);
        r.writeJson(out.resolve("bench.json"));
        Files.writeString(out.resolve("bench.md"), "# regzoo bench\n\n" + table, StandardCharsets.UTF_8);
        System.out.println("written: " + out.resolve("bench.json") + ", " + out.resolve("bench.md"));
        return 0;
    }
}
