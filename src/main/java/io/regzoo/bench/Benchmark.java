package io.regzoo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regzoo.RegzooException;
import io.regzoo.data.ArrayDataset;
import io.regzoo.train.ChildJvm;
import io.regzoo.train.Provenance;
import io.regzoo.zoo.LayerHelpers;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooNetwork;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Measures training throughput: for each model and batch size, the zoo network trained through
 * regzoo's {@link io.regzoo.train.Trainer}, the same configuration in a plain DL4J loop, and its
 * PyTorch twin ({@code bench/torch_bench.py}) when a Python with {@code torch} is found; plus the
 * sgemm peak of ND4J (and of PyTorch). Every measurement is a child process, so each peak RSS is its
 * own; all of them see the same thread count ({@code OMP_NUM_THREADS}, {@code torch.set_num_threads}).
 * Per row, one more child runs the Trainer and two plain loops (over the pre-split minibatches, and
 * over the Trainer's own shuffled ones) in alternating rounds in one JVM ({@link PairedRun}), which
 * resolves the wrapper's cost far better than separate processes do, and separates it from the cost
 * of reshuffling every epoch.
 *
 * <pre>{@code
 * BenchReport r = Benchmark.builder().models(List.of("mnist-cnn")).batches(List.of(64)).build().run();
 * System.out.println(r.table());
 * }</pre>
 */
public final class Benchmark {

    /** Models measured by default. */
    public static final List<String> DEFAULT_MODELS = List.of("mnist-cnn", "mlp-classifier");
    /** Batch sizes measured by default. */
    public static final List<Integer> DEFAULT_BATCHES = List.of(64, 256);
    /** Alternating rounds of the one-JVM wrapper measurement per row, by default. */
    public static final int DEFAULT_PAIRED_ROUNDS = 40;
    /** MNIST's training-set size: the examples of one pass; longer runs cycle through them again. */
    static final int MNIST_TRAIN = 60_000;

    private final List<String> models;
    private final List<Integer> batches;
    private final Integer warmup;
    private final Integer timed;
    private final int threads;
    private final int repeats;
    private final int pairedRounds;
    private final Integer pairedSteps;
    private final boolean synthetic;
    private final boolean torch;
    private final Path python;
    private final int sgemmSize;
    private final PrintStream log;

    private Benchmark(Builder b) {
        this.models = b.models;
        this.batches = b.batches;
        this.warmup = b.warmup;
        this.timed = b.timed;
        this.threads = b.threads;
        this.repeats = b.repeats;
        this.pairedRounds = b.pairedRounds;
        this.pairedSteps = b.pairedSteps;
        this.synthetic = b.synthetic;
        this.torch = b.torch;
        this.python = b.python;
        this.sgemmSize = b.sgemmSize;
        this.log = b.log;
    }

    /**
     * Starts a builder: both models, batch 64 and 256, per-model warm-up (CNN 50, MLP 500
     * minibatches), 3 runs per engine, 40 paired rounds, all cores, MNIST, PyTorch when found.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Untimed minibatches for a model: the builder's value, else 50 for convolutional networks and
     * 500 for dense ones (a dense step is short, and the JVM's JIT compilers need a few hundred
     * steps before DL4J's Java side runs at full speed; with 20 the MLP measured ≈ 30% low).
     *
     * @param model the zoo name
     * @return the number of warm-up minibatches
     */
    int warmupBatches(String model) {
        return warmup != null ? warmup : dense(model) ? 500 : 50;
    }

    /**
     * Timed minibatches for a model: the builder's value, else 200 for convolutional networks and
     * 600 for dense ones.
     *
     * @param model the zoo name
     * @return the number of timed minibatches
     */
    int timedBatches(String model) {
        return timed != null ? timed : dense(model) ? 600 : 200;
    }

    /**
     * Minibatches per engine and round of the one-JVM wrapper measurement: the builder's value, else
     * 10 for convolutional networks and 50 for dense ones (a round then takes about half a second).
     *
     * @param model the zoo name
     * @return minibatches per round
     */
    int pairedStepsPerRound(String model) {
        return pairedSteps != null ? pairedSteps : dense(model) ? 50 : 10;
    }

    private static boolean dense(String model) {
        return ModelZoo.defaults(model).inputShape().length == 1;
    }

    /**
     * Distinct minibatches a run uses: all of its steps when they fit in MNIST's 60,000 training
     * digits, else as many as fit; a longer run cycles through them again (epochs).
     *
     * @param batch the batch size
     * @param steps warm-up plus timed minibatches
     * @return the number of distinct minibatches, each of exactly {@code batch} examples
     */
    static int passBatches(int batch, int steps) {
        return Math.max(1, Math.min(steps, MNIST_TRAIN / batch));
    }

    /**
     * Runs every measurement.
     *
     * @return the report, ratios computed from this run's numbers
     * @throws RegzooException when a measurement fails (its standard error is quoted) or MNIST is
     *     missing
     * @throws IOException when temporary files cannot be written
     */
    public BenchReport run() throws IOException {
        int total = models.size() * batches.size() * (repeats * (torch ? 3 : 2) + (pairedRounds > 0 ? 1 : 0)) + (torch ? 2 : 1);
        int[] done = {0};
        Path tmp = Files.createTempDirectory("regzoo-bench");
        try {
            TorchRunner py = torch ? TorchRunner.find(python, tmp) : null;
            String torchStatus = !torch ? "skipped (--no-torch)" : py == null ? TorchRunner.NOT_FOUND : py.describe();
            if (torch && py == null) {
                total -= models.size() * batches.size() * repeats + 1;
            }
            Map<String, Object> sg = child(List.of("sgemm", Integer.toString(sgemmSize), "20"));
            step(done, total, "sgemm " + sgemmSize + "³ ND4J", String.format(Locale.ROOT, "%.1f GFLOP/s", num(sg, "gflops")));
            Double torchGflops = null;
            if (py != null) {
                Map<String, Object> t = py.sgemm(sgemmSize, 20, threads);
                torchGflops = num(t, "gflops");
                if (t.get("environment") instanceof Map<?, ?> te) {
                    torchStatus += ", BLAS " + te.get("blas") + ", oneDNN (mkldnn) " + te.get("mkldnn");
                }
                step(done, total, "sgemm " + sgemmSize + "³ PyTorch", String.format(Locale.ROOT, "%.1f GFLOP/s", torchGflops));
            }
            List<BenchReport.Row> rows = new ArrayList<>();
            for (String model : models) {
                for (int batch : batches) {
                    int w = warmupBatches(model);
                    int n = timedBatches(model);
                    List<String> args = List.of(model, Integer.toString(batch), Integer.toString(w), Integer.toString(n),
                            Boolean.toString(synthetic));
                    Path x = null;
                    Path y = null;
                    if (py != null) {
                        ArrayDataset data = BenchData.load(passBatches(batch, w + n) * batch, synthetic);
                        x = tmp.resolve("x.f32");
                        y = tmp.resolve("y.i32");
                        BenchData.writeRaw(data, x, y);
                    }
                    Runs raw = new Runs();
                    Runs rz = new Runs();
                    Runs pt = new Runs();
                    for (int rep = 1; rep <= repeats; rep++) { // interleaved, so a passing load hits every engine alike
                        String of = repeats == 1 ? "" : " (" + rep + "/" + repeats + ")";
                        step(done, total, model + " b" + batch + " raw DL4J" + of, raw.add(child(prepend("raw", args))));
                        step(done, total, model + " b" + batch + " regzoo" + of, rz.add(child(prepend("regzoo", args))));
                        if (py != null) {
                            step(done, total, model + " b" + batch + " PyTorch" + of, pt.add(py.train(model, batch, w, n, threads, x, y)));
                        }
                    }
                    BenchReport.Paired paired = null;
                    BenchReport.Paired sameBatches = null;
                    if (pairedRounds > 0) {
                        int steps = pairedStepsPerRound(model);
                        Map<String, Object> m = child(List.of("paired", model, Integer.toString(batch), Integer.toString(w),
                                Integer.toString(pairedRounds), Integer.toString(steps), Boolean.toString(synthetic)));
                        paired = new BenchReport.Paired(steps, numbers(m, "rawRoundSamplesPerSecond"),
                                numbers(m, "regzooRoundSamplesPerSecond"), numbers(m, "rawRoundSamplesPerCpuSecond"),
                                numbers(m, "regzooRoundSamplesPerCpuSecond"));
                        sameBatches = new BenchReport.Paired(steps, numbers(m, "rawShuffledRoundSamplesPerSecond"),
                                numbers(m, "regzooRoundSamplesPerSecond"), numbers(m, "rawShuffledRoundSamplesPerCpuSecond"),
                                numbers(m, "regzooRoundSamplesPerCpuSecond"));
                        step(done, total, model + " b" + batch + " regzoo/raw, one JVM", String.format(Locale.ROOT,
                                "%s over %d rounds; over the same shuffled batches %s", BenchReport.pairedCell(paired),
                                paired.rounds(), BenchReport.pairedCell(sameBatches)));
                    }
                    rows.add(new BenchReport.Row(model, batch, w, n, rz.rates, raw.rates, pt.rates, rz.rss, raw.rss, pt.rss, paired,
                            sameBatches));
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) sg.get("environment");
            return new BenchReport(rows, num(sg, "gflops"), torchGflops, sgemmSize, cnnTrainingFlopsPerSample(), threads,
                    synthetic ? "synthetic (random MNIST-shaped)" : "MNIST training digits", torchStatus, env);
        } finally {
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    private void step(int[] done, int total, String what, String result) {
        done[0]++;
        log.printf(Locale.ROOT, "[%d/%d] %-32s %s%n", done[0], total, what, result);
        log.flush();
    }

    /** One engine's runs for one row: each run's speed and peak RSS. */
    private static final class Runs {
        final List<Double> rates = new ArrayList<>();
        final List<Long> rss = new ArrayList<>();

        /** @return the run's line for the progress log */
        String add(Map<String, Object> m) {
            double r = num(m, "samplesPerSecond");
            long peak = (long) num(m, "peakRssBytes");
            rates.add(r);
            rss.add(peak);
            return String.format(Locale.ROOT, "%,.0f samples/s, peak RSS %s", r, BenchReport.gib(peak));
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }

    private static List<Double> numbers(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof List<?> l)) {
            throw new RegzooException("benchmark result has no list '" + key + "': " + m);
        }
        return l.stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new RegzooException("benchmark result has no number '" + key + "': " + m);
        }
        return n.doubleValue();
    }

    /** Runs one {@link BenchWorker} in a child JVM and returns its result line. */
    private Map<String, Object> child(List<String> args) throws IOException {
        ProcessBuilder pb = ChildJvm.builder(BenchWorker.class).heapMb(4096).ompThreads(threads)
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn").args(args).build().processBuilder();
        return runForResult(pb, "benchmark worker " + String.join(" ", args));
    }

    /**
     * Starts a process that prints one {@value BenchWorker#PREFIX} line, and returns that line's JSON.
     *
     * @throws RegzooException naming {@code what}, the exit status and the end of its standard error
     */
    static Map<String, Object> runForResult(ProcessBuilder pb, String what) throws IOException {
        Path err = Files.createTempFile("regzoo-bench", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) {
                if (l.startsWith(BenchWorker.PREFIX)) {
                    result = l.substring(BenchWorker.PREFIX.length());
                }
            }
            int code = p.waitFor();
            if (code != 0 || result == null) {
                List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
                String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
                throw new RegzooException(what + " failed (exit status " + code + "): " + tail);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new ObjectMapper().readValue(result, Map.class);
            return m;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RegzooException(what + " interrupted");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(err);
        }
    }

    /**
     * Floating-point operations per training example of {@code mnist-cnn}, counted from its layer
     * shapes: each convolution or dense layer costs {@code 2·MACs} forward and twice that backward
     * (gradients of inputs and of weights); pooling, activations and the updater are not counted.
     *
     * @return FLOPs per training example
     */
    public static double cnnTrainingFlopsPerSample() {
        ZooNetwork cnn = ModelZoo.defaults("mnist-cnn");
        MultiLayerConfiguration conf = cnn.conf();
        long[] in = cnn.inputShape();
        List<InputType> outs = conf.getLayerActivationTypes(InputType.convolutional(in[1], in[2], in[0]));
        double macs = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            if (l instanceof ConvolutionLayer c) {
                InputType.InputTypeConvolutional o = (InputType.InputTypeConvolutional) outs.get(i);
                macs += (double) o.getHeight() * o.getWidth() * c.getNOut() * c.getNIn() * c.getKernelSize()[0]
                        * c.getKernelSize()[1];
            } else if (l instanceof FeedForwardLayer f) {
                macs += (double) f.getNIn() * f.getNOut();
            }
        }
        return 3 * 2 * macs;
    }

    /**
     * What this process computes on: ND4J backend, native build, layer helpers, BLAS, threads and
     * the OpenMP wait policy, plus regzoo's usual provenance (DL4J, Java, OS, CPU).
     *
     * @return an ordered map
     */
    public static Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>(Provenance.environment().asMap());
        var info = Nd4j.getExecutioner().getEnvironmentInformation();
        m.put("blas", String.valueOf(info.getProperty("blas.vendor")));
        try {
            var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            String build = ops.buildInfo();
            m.put("nativeBuild", build == null ? "?" : build.replaceAll("\\s+", " ").trim());
            m.put("binaryLevel", ops.binaryLevel() + " (optimal " + ops.optimalLevel() + ")");
        } catch (RuntimeException | LinkageError e) {
            m.put("nativeBuild", "unknown (" + e.getMessage() + ")");
        }
        m.put("layerHelpers", LayerHelpers.summary());
        m.put("adam", Boolean.getBoolean(io.regzoo.regularize.FusedAdam.DISABLE_PROPERTY)
                ? "DL4J's adam_updater op (" + io.regzoo.regularize.FusedAdam.DISABLE_PROPERTY + "=true)" : "regzoo's FusedAdam");
        String wait = System.getenv("OMP_WAIT_POLICY");
        m.put("ompWaitPolicy", wait == null ? "(unset)" : wait);
        return m;
    }

    /** Builds a {@link Benchmark}. */
    public static final class Builder {
        private List<String> models = DEFAULT_MODELS;
        private List<Integer> batches = DEFAULT_BATCHES;
        private Integer warmup;
        private Integer timed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int repeats = 3;
        private int pairedRounds = DEFAULT_PAIRED_ROUNDS;
        private Integer pairedSteps;
        private boolean synthetic;
        private boolean torch = true;
        private Path python;
        private int sgemmSize = 1000;
        private PrintStream log = System.err;

        private Builder() {}

        /**
         * @param models zoo names (classifiers with 28×28 inputs: {@code mnist-cnn}, {@code mlp-classifier})
         * @return this builder
         */
        public Builder models(List<String> models) {
            this.models = List.copyOf(models);
            return this;
        }

        /**
         * @param batches batch sizes
         * @return this builder
         */
        public Builder batches(List<Integer> batches) {
            this.batches = List.copyOf(batches);
            return this;
        }

        /**
         * @param warmup untimed minibatches first ({@code null}: 50 for the CNN, 500 for the MLP)
         * @return this builder
         */
        public Builder warmup(Integer warmup) {
            this.warmup = warmup;
            return this;
        }

        /**
         * @param timed timed minibatches ({@code null}: 200 for the CNN, 600 for the MLP; runs longer
         *     than MNIST's 60,000 digits cycle through them again)
         * @return this builder
         */
        public Builder timed(Integer timed) {
            this.timed = timed;
            return this;
        }

        /**
         * @param repeats runs of every engine per row, each in a fresh process, interleaved; the row
         *     reports the median run (default 3: single runs of the same JVM differ by ±10–20% here)
         * @return this builder
         */
        public Builder repeats(int repeats) {
            this.repeats = repeats;
            return this;
        }

        /**
         * @param rounds alternating rounds of the one-JVM wrapper measurement ({@link PairedRun}) per
         *     row, 0 to skip it (default {@value Benchmark#DEFAULT_PAIRED_ROUNDS})
         * @return this builder
         */
        public Builder pairedRounds(int rounds) {
            this.pairedRounds = rounds;
            return this;
        }

        /**
         * @param steps minibatches per engine and round of the one-JVM measurement ({@code null}: 10
         *     for the CNN, 50 for the MLP)
         * @return this builder
         */
        public Builder pairedStepsPerRound(Integer steps) {
            this.pairedSteps = steps;
            return this;
        }

        /**
         * @param threads native threads for every engine (default: all cores)
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * @param synthetic random MNIST-shaped data instead of MNIST (for smoke tests)
         * @return this builder
         */
        public Builder synthetic(boolean synthetic) {
            this.synthetic = synthetic;
            return this;
        }

        /**
         * @param torch measure PyTorch when a Python with torch is found (default true)
         * @return this builder
         */
        public Builder torch(boolean torch) {
            this.torch = torch;
            return this;
        }

        /**
         * @param python the Python to use ({@code null}: {@code python3} on the PATH, then
         *     {@code /usr/bin/python3}, the first that imports torch)
         * @return this builder
         */
        public Builder python(Path python) {
            this.python = python;
            return this;
        }

        /**
         * @param n matrix size of the sgemm measurement (default 1000)
         * @return this builder
         */
        public Builder sgemmSize(int n) {
            this.sgemmSize = n;
            return this;
        }

        /**
         * @param log where progress lines go (default standard error)
         * @return this builder
         */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the benchmark
         * @throws IllegalArgumentException naming the bad setting
         * @throws RegzooException for a model the zoo does not have
         */
        public Benchmark build() {
            if (models.isEmpty() || batches.isEmpty()) {
                throw new IllegalArgumentException("models and batches must not be empty");
            }
            for (String m : models) {
                ZooNetwork n = ModelZoo.defaults(m); // throws RegzooException for an unknown name
                long features = 1;
                for (long d : n.inputShape()) {
                    features *= d;
                }
                if (!n.isClassifier() || features != BenchData.PIXELS || n.numOutputs() != BenchData.CLASSES) {
                    throw new IllegalArgumentException("model " + m + " does not take MNIST digits (28×28 in, 10 classes out)");
                }
            }
            for (int b : batches) {
                if (b < 1 || b > MNIST_TRAIN / 2) {
                    throw new IllegalArgumentException("batch size must be in 1.." + MNIST_TRAIN / 2 + ", got " + b);
                }
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
            }
            if (pairedRounds < 0) {
                throw new IllegalArgumentException("paired rounds must be >= 0, got " + pairedRounds);
            }
            if (pairedSteps != null && pairedSteps < 1) {
                throw new IllegalArgumentException("paired steps per round must be >= 1, got " + pairedSteps);
            }
            if (warmup != null && warmup < 1) {
                throw new IllegalArgumentException("warmup must be >= 1, got " + warmup);
            }
            if (timed != null && timed < 1) {
                throw new IllegalArgumentException("timed batches must be >= 1, got " + timed);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (sgemmSize < 16) {
                throw new IllegalArgumentException("sgemm size must be >= 16, got " + sgemmSize);
            }
            return new Benchmark(this);
        }
    }

    /** Finds and runs the PyTorch script. */
    static final class TorchRunner {
        static final String NOT_FOUND = "not installed (no python3 with torch; on Debian: apt-get install python3-torch)";
        private final String python;
        private final Path script;
        private final String version;

        private TorchRunner(String python, Path script, String version) {
            this.python = python;
            this.script = script;
            this.version = version;
        }

        /** @return a runner, or null when no candidate Python imports torch */
        static TorchRunner find(Path explicit, Path tmp) throws IOException {
            List<String> candidates = explicit != null ? List.of(explicit.toString()) : List.of("python3", "/usr/bin/python3");
            for (String c : candidates) {
                String v = torchVersion(c);
                if (v != null) {
                    Path script = tmp.resolve("torch_bench.py");
                    try (InputStream in = Benchmark.class.getResourceAsStream("/bench/torch_bench.py")) {
                        if (in == null) {
                            throw new IllegalStateException("bench/torch_bench.py is missing from the classpath");
                        }
                        Files.copy(in, script);
                    }
                    return new TorchRunner(c, script, v);
                }
            }
            if (explicit != null) {
                throw new RegzooException("--python " + explicit + " cannot import torch");
            }
            return null;
        }

        private static String torchVersion(String python) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                return p.exitValue() == 0 && !out.isEmpty() ? out.lines().reduce((a, b) -> b).orElse(out) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        String describe() {
            return "torch " + version + " (" + python + ")";
        }

        Map<String, Object> train(String model, int batch, int warmup, int timed, int threads, Path x, Path y)
                throws IOException {
            return run(List.of("train", model, Integer.toString(batch), Integer.toString(warmup), Integer.toString(timed),
                    Integer.toString(threads), x.toString(), y.toString()), threads);
        }

        Map<String, Object> sgemm(int n, int reps, int threads) throws IOException {
            return run(List.of("sgemm", Integer.toString(n), Integer.toString(reps), Integer.toString(threads)), threads);
        }

        private Map<String, Object> run(List<String> args, int threads) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            return runForResult(pb, "PyTorch " + String.join(" ", args.subList(0, Math.min(4, args.size()))));
        }
    }
}
