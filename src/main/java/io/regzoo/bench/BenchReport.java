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
     * process, interleaved (raw, regzoo, PyTorch, raw, …); a row reports the median run.
     *
     * @param model the zoo name
     * @param batch the batch size
     * @param warmupBatches untimed minibatches before the timed ones
     * @param timedBatches minibatches timed
     * @param regzooRuns samples/s through regzoo's Trainer, one per run
     * @param rawRuns samples/s in a plain DL4J loop, one per run
     * @param pytorchRuns samples/s of the PyTorch twin, one per run (empty when PyTorch was not run)
     * @param regzooRss largest peak RSS of the regzoo runs, bytes
     * @param rawRss largest peak RSS of the raw runs, bytes
     * @param pytorchRss largest peak RSS of the PyTorch runs, bytes, or null
     */
    public record Row(String model, int batch, int warmupBatches, int timedBatches, List<Double> regzooRuns, List<Double> rawRuns,
            List<Double> pytorchRuns, long regzooRss, long rawRss, Long pytorchRss) {

        /** Copies the lists. */
        public Row {
            regzooRuns = List.copyOf(regzooRuns);
            rawRuns = List.copyOf(rawRuns);
            pytorchRuns = List.copyOf(pytorchRuns);
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

        /** @return regzoo ÷ raw DL4J (1.0 = no wrapper overhead) */
        public double wrapperRatio() {
            return regzoo() / raw();
        }

        /** @return regzoo ÷ PyTorch, or null without PyTorch */
        public Double vsPytorch() {
            return pytorchRuns.isEmpty() ? null : regzoo() / pytorch();
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
        b.append("| model | batch | regzoo | raw DL4J | PyTorch | regzoo/raw | regzoo/PyTorch | peak RSS regzoo / raw / PyTorch |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %s | %.2f× | %s | %s / %s / %s |%n", r.model(), r.batch(),
                    r.regzoo(), r.raw(), r.pytorch() == null ? "—" : String.format(Locale.ROOT, "%,.0f", r.pytorch()),
                    r.wrapperRatio(), r.vsPytorch() == null ? "—" : String.format(Locale.ROOT, "%.2f×", r.vsPytorch()),
                    gib(r.regzooRss()), gib(r.rawRss()), r.pytorchRss() == null ? "—" : gib(r.pytorchRss())));
        }
        b.append(String.format(Locale.ROOT, "%nsgemm %d³: ND4J %.1f GFLOP/s%s. mnist-cnn costs %.1f MFLOP per training example,"
                + " so this sgemm peak bounds it at ≈ %,.0f samples/s.%n", sgemmSize, sgemmGflops,
                torchSgemmGflops == null ? "" : String.format(Locale.ROOT, ", PyTorch %.1f GFLOP/s", torchSgemmGflops),
                cnnFlopsPerSample / 1e6, cnnComputeBound()));
        b.append("PyTorch: ").append(torch).append('\n');
        b.append("Backend: ").append(environment.getOrDefault("backend", "?")).append(", layer helpers ")
                .append(environment.getOrDefault("layerHelpers", "?")).append(", BLAS ").append(environment.getOrDefault("blas", "?"))
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

    /** @return bytes as GiB with two decimals, or "?" when unknown */
    static String gib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    /** @return the median of a non-empty list (the mean of the middle two for an even count) */
    static double median(List<Double> v) {
        return BenchWorker.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
