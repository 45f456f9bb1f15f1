package io.regzoo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regzoo.data.ArrayDataset;
import io.regzoo.train.EpochListener;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One measurement, in its own JVM: {@code BenchWorker ENGINE MODEL BATCH WARMUP TIMED SYNTHETIC}
 * with ENGINE {@code regzoo} (the zoo network trained by {@link Trainer}), {@code raw} (the same
 * configuration, {@code net.fit(batch)} over pre-split batches) or {@code sgemm}. It prints one line,
 * {@value #PREFIX} followed by a JSON object: {@code samplesPerSecond} (or {@code gflops}),
 * {@code peakRssBytes} (VmHWM at the end) and the {@link Benchmark#environment() environment}.
 *
 * <p>Both training engines time the same thing: {@code TIMED} minibatches after {@code WARMUP}
 * minibatches, from the end of the last warm-up step to the end of the last timed step, inside one
 * epoch, so the per-epoch measurements the {@link Trainer} makes at an epoch's end are not timed.
 */
public final class BenchWorker {

    /** Prefix of the result line on standard output. */
    public static final String PREFIX = "@bench\t";

    private BenchWorker() {}

    /**
     * @param args ENGINE MODEL BATCH WARMUP TIMED SYNTHETIC
     * @throws Exception on any failure (the parent reports the exit status and standard error)
     */
    public static void main(String[] args) throws Exception {
        String engine = args[0];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", engine);
        if (engine.equals("sgemm")) {
            out.put("gflops", sgemm(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        } else {
            String model = args[1];
            int batch = Integer.parseInt(args[2]);
            int warmup = Integer.parseInt(args[3]);
            int timed = Integer.parseInt(args[4]);
            boolean synthetic = Boolean.parseBoolean(args[5]);
            ArrayDataset data = BenchData.load((warmup + timed) * batch, synthetic);
            ZooNetwork network = ModelZoo.defaults(model);
            if (network.inputShape().length == 1) {
                data = data.flat();
            }
            double seconds = engine.equals("regzoo") ? viaTrainer(network, data.toDataSet(), batch, warmup, timed)
                    : rawLoop(network, data.toDataSet(), batch, warmup, timed);
            out.put("model", model);
            out.put("batch", batch);
            out.put("samplesPerSecond", timed * (double) batch / seconds);
        }
        out.put("peakRssBytes", peakRssBytes());
        out.put("environment", Benchmark.environment());
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(out));
        System.out.flush();
    }

    private static double viaTrainer(ZooNetwork network, DataSet train, int batch, int warmup, int timed) {
        long[] marks = new long[2];
        EpochListener timer = new EpochListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {}

            @Override
            public void onIteration(int epoch, int iteration, int iterationsPerEpoch, double score) {
                if (iteration == warmup) {
                    marks[0] = System.nanoTime();
                } else if (iteration == warmup + timed) {
                    marks[1] = System.nanoTime();
                }
            }
        };
        Trainer.builder().epochs(1).batchSize(batch).seed(1).listener(timer).trainEvalExamples(batch).build()
                .fit(network, train, null);
        if (marks[1] == 0) {
            throw new IllegalStateException("the trainer ran fewer than " + (warmup + timed) + " minibatches");
        }
        return (marks[1] - marks[0]) / 1e9;
    }

    private static double rawLoop(ZooNetwork network, DataSet train, int batch, int warmup, int timed) {
        MultiLayerNetwork net = new MultiLayerNetwork(network.conf());
        net.init();
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < warmup + timed; i++) { // consecutive row ranges, as the Trainer splits an epoch
            batches.add((DataSet) train.getRange(i * batch, (i + 1) * batch));
        }
        for (int i = 0; i < warmup; i++) {
            net.fit(batches.get(i));
        }
        long t0 = System.nanoTime();
        for (int i = warmup; i < warmup + timed; i++) {
            net.fit(batches.get(i));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** GFLOP/s of {@code reps} float {@code n×n×n} matrix products after a warm-up. */
    private static double sgemm(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return 2.0 * n * n * (double) n * reps / s / 1e9;
    }

    /** @return this process's peak resident set size (VmHWM), or -1 where /proc is absent */
    static long peakRssBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String l : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
