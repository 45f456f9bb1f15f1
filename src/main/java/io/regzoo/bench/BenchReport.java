package io.regzoo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.regzoo.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * One benchmark run: a row per model and batch size, the sgemm peaks, and the environment. Ratios
 * are computed here from the numbers measured in the same run.
 *
 * @param rows one per model × batch size
 * @param sgemmGflops ND4J's float matrix-product speed, GFLOP/s
 * @param torchSgemmGflops PyTorch's, or null when PyTorch was not run
 * @param sgemmSize the matrices' size
 * @param cnnFlopsPerSample training FLOPs per example of {@code mnist-cnn} ({@link Benchmark#cnnTrainingFlopsPerSample()})
 * @param threads native threads every engine used
 * @param data what was trained on
 * @param torch PyTorch's version and interpreter, or why it was not run
 * @param environment ND4J backend, native build, helpers, CPU, ... ({@link Benchmark#environment()})
 */
public record BenchReport(List<Row> rows, double sgemmGflops, Double torchSgemmGflops, int sgemmSize,
        double cnnFlopsPerSample, int threads, String data, String torch, Map<String, String> environment) {

    /**
     * One model at one batch size. Each engine ran {@code repeats} times, each time in a fresh
     * process, interleaved (raw, regzoo, PyTorch, raw, …); a row reports the median run, and keeps
     * every run's speed and peak RSS.
     *
     * @param model the zoo name
     * @param batch the batch size
     * @param warmupBatches untimed minibatches before the timed ones
     * @param timedBatches minibatches timed
     * @param regzooRuns samples/s through regzoo's Trainer, one per run
     * @param rawRuns samples/s in a plain DL4J loop, one per run
     * @param pytorchRuns samples/s of the PyTorch twin, one per run (empty when PyTorch was not run)
     * @param regzooRssRuns each regzoo run's peak RSS (VmHWM at its end), bytes, in run order
     * @param rawRssRuns each raw run's peak RSS, bytes
     * @param pytorchRssRuns each PyTorch run's peak RSS, bytes (empty when PyTorch was not run)
     * @param paired the wrapper's cost measured in one JVM ({@link PairedRun}) against the raw loop
     *     over pre-split minibatches, or null when not measured
     * @param pairedSameBatches the same rounds of the Trainer against a raw loop that fits the
     *     Trainer's own shuffled minibatches (the wrapper alone, without the cost of reshuffling),
     *     or null when not measured
     */
    public record Row(String model, int batch, int warmupBatches, int timedBatches, List<Double> regzooRuns, List<Double> rawRuns,
            List<Double> pytorchRuns, List<Long> regzooRssRuns, List<Long> rawRssRuns, List<Long> pytorchRssRuns, Paired paired,
            Paired pairedSameBatches) {

        /** Copies the lists. */
        public Row {
            regzooRuns = List.copyOf(regzooRuns);
            rawRuns = List.copyOf(rawRuns);
            pytorchRuns = List.copyOf(pytorchRuns);
            regzooRssRuns = List.copyOf(regzooRssRuns);
            rawRssRuns = List.copyOf(rawRssRuns);
            pytorchRssRuns = List.copyOf(pytorchRssRuns);
        }

        /** @return samples/s through regzoo's Trainer, median run */
        public double regzoo() {
            return median(regzooRuns);
        }

        /** @return samples/s in a plain DL4J loop, median run */
        public double raw() {
            return median(rawRuns);
        }

        /** @return samples/s of the PyTorch twin, median run, or null when PyTorch was not run */
        public Double pytorch() {
            return pytorchRuns.isEmpty() ? null : median(pytorchRuns);
        }

        /** @return regzoo ÷ raw DL4J (1.0 = no wrapper overhead), of the median runs in separate processes */
        public double wrapperRatio() {
            return regzoo() / raw();
        }

        /** @return regzoo ÷ PyTorch, or null without PyTorch */
        public Double vsPytorch() {
            return pytorchRuns.isEmpty() ? null : regzoo() / pytorch();
        }

        /** @return the median of the regzoo runs' peak RSS, bytes */
        public long regzooRss() {
            return medianBytes(regzooRssRuns);
        }

        /** @return the median of the raw runs' peak RSS, bytes */
        public long rawRss() {
            return medianBytes(rawRssRuns);
        }

        /** @return the median of the PyTorch runs' peak RSS, bytes, or null when PyTorch was not run */
        public Long pytorchRss() {
            return pytorchRssRuns.isEmpty() ? null : medianBytes(pytorchRssRuns);
        }
    }

    /**
     * The wrapper's cost measured in one JVM ({@link PairedRun}): the Trainer and a plain loop in
     * alternating rounds. A ratio is the geometric mean of the rounds' regzoo ÷ raw ratios, with a
     * 95% confidence interval from Student's t over their logarithms (so the epoch ends and
     * reshuffles that fall into some of the Trainer's rounds count in proportion). Two ratios: of
     * speed in wall time (what a user waits for), and of speed per CPU second of the thread that
     * calls {@code fit} (its Java side and the native work it does itself, not the native worker
     * threads), which a busy machine disturbs far less: other processes delay a round's wall time
     * but do not add to that thread's CPU time.
     *
     * @param stepsPerRound minibatches per round and engine
     * @param rawRounds samples per wall-time second of each raw round
     * @param regzooRounds samples per wall-time second of each Trainer round, paired with {@code rawRounds} by index
     * @param rawCpuRounds samples per CPU second of each raw round
     * @param regzooCpuRounds samples per CPU second of each Trainer round
     */
    public record Paired(int stepsPerRound, List<Double> rawRounds, List<Double> regzooRounds, List<Double> rawCpuRounds,
            List<Double> regzooCpuRounds) {

        /**
         * Copies and checks the lists.
         *
         * @param stepsPerRound minibatches per round
         * @param rawRounds raw speeds
         * @param regzooRounds Trainer speeds
         * @param rawCpuRounds raw speeds per CPU second
         * @param regzooCpuRounds Trainer speeds per CPU second
         * @throws IllegalArgumentException when the lists are empty or differ in length
         */
        public Paired {
            rawRounds = List.copyOf(rawRounds);
            regzooRounds = List.copyOf(regzooRounds);
            rawCpuRounds = List.copyOf(rawCpuRounds);
            regzooCpuRounds = List.copyOf(regzooCpuRounds);
            int n = rawRounds.size();
            if (n == 0 || regzooRounds.size() != n || rawCpuRounds.size() != n || regzooCpuRounds.size() != n) {
                throw new IllegalArgumentException("paired rounds must be non-empty and of equal length: " + n + " raw, "
                        + regzooRounds.size() + " regzoo, " + rawCpuRounds.size() + " and " + regzooCpuRounds.size() + " CPU");
            }
        }

        /** @return the number of rounds (pairs) */
        public int rounds() {
            return rawRounds.size();
        }

        /** @return regzoo ÷ raw in wall time, the geometric mean over the rounds */
        public double ratio() {
            return Math.exp(meanLog(regzooRounds, rawRounds));
        }

        /** @return the lower end of {@link #ratio()}'s 95% confidence interval (NaN for one round) */
        public double low() {
            return Math.exp(meanLog(regzooRounds, rawRounds) - halfWidth(regzooRounds, rawRounds));
        }

        /** @return the upper end of {@link #ratio()}'s 95% confidence interval (NaN for one round) */
        public double high() {
            return Math.exp(meanLog(regzooRounds, rawRounds) + halfWidth(regzooRounds, rawRounds));
        }

        /** @return regzoo ÷ raw per CPU second, the geometric mean over the rounds */
        public double cpuRatio() {
            return Math.exp(meanLog(regzooCpuRounds, rawCpuRounds));
        }

        /** @return the lower end of {@link #cpuRatio()}'s 95% confidence interval (NaN for one round) */
        public double cpuLow() {
            return Math.exp(meanLog(regzooCpuRounds, rawCpuRounds) - halfWidth(regzooCpuRounds, rawCpuRounds));
        }

        /** @return the upper end of {@link #cpuRatio()}'s 95% confidence interval (NaN for one round) */
        public double cpuHigh() {
            return Math.exp(meanLog(regzooCpuRounds, rawCpuRounds) + halfWidth(regzooCpuRounds, rawCpuRounds));
        }

        private static double[] logRatios(List<Double> num, List<Double> den) {
            double[] d = new double[num.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.log(num.get(i) / den.get(i));
            }
            return d;
        }

        private static double meanLog(List<Double> num, List<Double> den) {
            return new Mean().evaluate(logRatios(num, den));
        }

        /** t(0.975, n−1) · SD / √n of the log ratios. */
        private static double halfWidth(List<Double> num, List<Double> den) {
            double[] d = logRatios(num, den);
            if (d.length < 2) {
                return Double.NaN;
            }
            double t = new TDistribution(d.length - 1).inverseCumulativeProbability(0.975);
            return t * new StandardDeviation().evaluate(d) / Math.sqrt(d.length);
        }
    }

    /** @return the CNN's compute bound on this machine, samples/s: sgemm peak ÷ FLOPs per sample */
    public double cnnComputeBound() {
        return sgemmGflops * 1e9 / cnnFlopsPerSample;
    }

    /**
     * The results as a Markdown table with a few lines of context.
     *
     * @return text for a terminal or a Markdown file
     */
    public String table() {
        StringBuilder b = new StringBuilder();
        Map<String, String> steps = new LinkedHashMap<>();
        for (Row r : rows) {
            steps.putIfAbsent(r.model(), r.warmupBatches() + "/" + r.timedBatches());
        }
        int runs = rows.isEmpty() ? 0 : rows.get(0).rawRuns().size();
        b.append(String.format(Locale.ROOT, "Training throughput, samples/s, median of %d run%s per engine, each in a fresh process"
                + " (%d threads; warm-up/timed minibatches: %s; data: %s)%n%n", runs, runs == 1 ? "" : "s",
                threads, steps.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")), data));
        boolean paired = rows.stream().anyMatch(r -> r.paired() != null);
        boolean same = rows.stream().anyMatch(r -> r.pairedSameBatches() != null);
        b.append("| model | batch | regzoo | raw DL4J | PyTorch | regzoo/raw |").append(paired ? " regzoo/raw in one JVM: wall; CPU (95% CI) |" : "")
                .append(same ? " regzoo/raw on the same shuffled batches, one JVM |" : "")
                .append(" regzoo/PyTorch | peak RSS regzoo / raw / PyTorch |\n");
        b.append("|---|---:|---:|---:|---:|---:|").append(paired ? "---|" : "").append(same ? "---|" : "").append("---:|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %s | %.2f× |", r.model(), r.batch(),
                    r.regzoo(), r.raw(), r.pytorch() == null ? "—" : String.format(Locale.ROOT, "%,.0f", r.pytorch()),
                    r.wrapperRatio()));
            if (paired) {
                b.append(' ').append(r.paired() == null ? "—" : pairedCell(r.paired())).append(" |");
            }
            if (same) {
                b.append(' ').append(r.pairedSameBatches() == null ? "—" : pairedCell(r.pairedSameBatches())).append(" |");
            }
            b.append(String.format(Locale.ROOT, " %s | %s / %s / %s |%n",
                    r.vsPytorch() == null ? "—" : String.format(Locale.ROOT, "%.2f×", r.vsPytorch()),
                    rssCell(r.regzooRssRuns()), rssCell(r.rawRssRuns()), r.pytorchRssRuns().isEmpty() ? "—" : rssCell(r.pytorchRssRuns())));
        }
        b.append(String.format(Locale.ROOT, "%nPeak RSS: each run's own peak (VmHWM of its process at its end), the median"
                + " over the %d run%s%s.%n", runs, runs == 1 ? "" : "s", runs > 1 ? ", the largest in brackets" : ""));
        rows.stream().filter(r -> r.paired() != null).findFirst().ifPresent(r -> b.append(String.format(Locale.ROOT,
                "regzoo/raw in one JVM: both loops in one process, %d alternating rounds of %d minibatches each after the"
                + " warm-up; geometric mean of the rounds' ratios of speed in wall time, and of speed per CPU second of the"
                + " thread that calls fit (less disturbed by other load; not the native worker threads), each with its 95%% t-interval.%n", r.paired().rounds(),
                r.paired().stepsPerRound())));
        if (same) {
            b.append("regzoo/raw on the same shuffled batches: the same Trainer rounds against a third loop in that JVM, a plain"
                    + " net.fit over the very minibatches the Trainer fits (its shuffling iterator, same seed): the wrapper's own"
                    + " cost. The gap between the two one-JVM columns is what reshuffling every epoch costs (every minibatch is"
                    + " copied from rows spread over the training set), which the raw DL4J column does not do.\n");
        }
        b.append(String.format(Locale.ROOT, "sgemm %d³: ND4J %.1f GFLOP/s%s. mnist-cnn costs %.1f MFLOP per training example,"
                + " so this sgemm peak bounds it at ≈ %,.0f samples/s.%n", sgemmSize, sgemmGflops,
                torchSgemmGflops == null ? "" : String.format(Locale.ROOT, ", PyTorch %.1f GFLOP/s", torchSgemmGflops),
                cnnFlopsPerSample / 1e6, cnnComputeBound()));
        b.append("PyTorch: ").append(torch).append('\n');
        b.append("Backend: ").append(environment.getOrDefault("backend", "?")).append("; layers: ")
                .append(environment.getOrDefault("layerHelpers", "?")).append("; Adam: ")
                .append(environment.getOrDefault("adam", "?")).append(", BLAS ").append(environment.getOrDefault("blas", "?"))
                .append(", OMP_WAIT_POLICY ").append(environment.getOrDefault("ompWaitPolicy", "?")).append('\n');
        b.append("Native build: ").append(environment.getOrDefault("nativeBuild", "?")).append('\n');
        b.append("CPU: ").append(environment.getOrDefault("cpu", "?")).append(", ").append(environment.getOrDefault("cores", "?"))
                .append(" cores; DL4J ").append(environment.getOrDefault("dl4j", "?")).append(", Java ")
                .append(environment.getOrDefault("java", "?")).append('\n');
        return b.toString();
    }

    /**
     * Writes the report as Markdown ({@code # regzoo bench} and the {@link #table()}), atomically
     * ({@link AtomicFiles}): a failed write leaves the previous file as it was.
     *
     * @param file the Markdown file; its folder is created
     * @throws io.regzoo.EnvironmentException naming the file when it cannot be written
     */
    public void writeMarkdown(Path file) {
        AtomicFiles.write(file, "# regzoo bench\n\n" + table());
    }

    /**
     * Writes the report as JSON (every measured number, the ratios, the environment), atomically
     * ({@link AtomicFiles}): a failed write leaves the previous file as it was.
     *
     * @param file the JSON file; its folder is created
     * @throws IOException when the report cannot be serialized
     * @throws io.regzoo.EnvironmentException naming the file when it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Instant.now().toString());
        m.put("threads", threads);
        m.put("data", data);
        m.put("rows", rows.stream().map(r -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", r.model());
            o.put("batch", r.batch());
            o.put("warmupBatches", r.warmupBatches());
            o.put("timedBatches", r.timedBatches());
            o.put("regzooSamplesPerSecond", r.regzoo());
            o.put("rawSamplesPerSecond", r.raw());
            o.put("pytorchSamplesPerSecond", r.pytorch());
            o.put("regzooRuns", r.regzooRuns());
            o.put("rawRuns", r.rawRuns());
            o.put("pytorchRuns", r.pytorchRuns());
            o.put("regzooOverRaw", r.wrapperRatio());
            o.put("regzooOverPytorch", r.vsPytorch());
            o.put("regzooPeakRssBytes", r.regzooRss());
            o.put("rawPeakRssBytes", r.rawRss());
            o.put("pytorchPeakRssBytes", r.pytorchRss());
            o.put("regzooRunsPeakRssBytes", r.regzooRssRuns());
            o.put("rawRunsPeakRssBytes", r.rawRssRuns());
            o.put("pytorchRunsPeakRssBytes", r.pytorchRssRuns());
            if (r.paired() != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("rounds", r.paired().rounds());
                p.put("stepsPerRound", r.paired().stepsPerRound());
                p.put("regzooOverRaw", r.paired().ratio());
                p.put("ci95", List.of(r.paired().low(), r.paired().high()));
                p.put("cpuRegzooOverRaw", r.paired().cpuRatio());
                p.put("cpuCi95", List.of(r.paired().cpuLow(), r.paired().cpuHigh()));
                p.put("rawRoundSamplesPerSecond", r.paired().rawRounds());
                p.put("regzooRoundSamplesPerSecond", r.paired().regzooRounds());
                p.put("rawRoundSamplesPerCpuSecond", r.paired().rawCpuRounds());
                p.put("regzooRoundSamplesPerCpuSecond", r.paired().regzooCpuRounds());
                o.put("paired", p);
            }
            if (r.pairedSameBatches() != null) {
                Paired q = r.pairedSameBatches();
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("regzooOverRaw", q.ratio());
                p.put("ci95", List.of(q.low(), q.high()));
                p.put("cpuRegzooOverRaw", q.cpuRatio());
                p.put("cpuCi95", List.of(q.cpuLow(), q.cpuHigh()));
                p.put("rawRoundSamplesPerSecond", q.rawRounds());
                p.put("rawRoundSamplesPerCpuSecond", q.rawCpuRounds());
                o.put("pairedSameBatches", p);
            }
            return o;
        }).toList());
        m.put("sgemmSize", sgemmSize);
        m.put("sgemmGflops", sgemmGflops);
        m.put("pytorchSgemmGflops", torchSgemmGflops);
        m.put("cnnTrainingFlopsPerSample", cnnFlopsPerSample);
        m.put("cnnComputeBoundSamplesPerSecond", cnnComputeBound());
        m.put("pytorch", torch);
        m.put("environment", environment);
        AtomicFiles.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
    }

    /** @return "0.92 (0.95)": the runs' median peak and, for several runs, the largest, in GiB */
    static String rssCell(List<Long> runs) {
        if (runs.isEmpty()) {
            return "?";
        }
        String median = gibNumber(medianBytes(runs));
        return runs.size() == 1 ? median + " GiB" : median + " (" + gibNumber(java.util.Collections.max(runs)) + ") GiB";
    }

    /** @return "0.970× (0.950–0.990); CPU 0.980× (0.975–0.985)" */
    static String pairedCell(Paired p) {
        return p.rounds() < 2 ? String.format(Locale.ROOT, "%.3f×; CPU %.3f×", p.ratio(), p.cpuRatio())
                : String.format(Locale.ROOT, "%.3f× (%.3f–%.3f); CPU %.3f× (%.3f–%.3f)", p.ratio(), p.low(), p.high(),
                        p.cpuRatio(), p.cpuLow(), p.cpuHigh());
    }

    private static String gibNumber(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f", bytes / (double) (1L << 30));
    }

    /** @return the median of byte counts (the lower middle one for an even count: a size that was measured) */
    static long medianBytes(List<Long> v) {
        List<Long> s = v.stream().sorted().toList();
        return s.get((s.size() - 1) / 2);
    }

    /** @return bytes as GiB with two decimals, or "?" when unknown */
    static String gib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    /** @return the median of a non-empty list (the mean of the middle two for an even count) */
    static double median(List<Double> v) {
        return BenchWorker.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
