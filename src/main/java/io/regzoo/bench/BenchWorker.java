package io.regzoo.bench;

import io.regzoo.regularize.InPlaceUpdater;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regzoo.data.ArrayDataset;
import io.regzoo.train.ChildJvm;
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
 * configuration, {@code net.fit(batch)} over pre-split batches) or {@code sgemm}; or
 * {@code BenchWorker paired MODEL BATCH WARMUP ROUNDS STEPS_PER_ROUND SYNTHETIC}, both training
 * engines in alternating rounds in this one JVM ({@link PairedRun}). It prints one line,
 * {@value #PREFIX} followed by a JSON object: {@code samplesPerSecond} (or {@code gflops}, or the
 * paired run's {@code rawRoundSamplesPerSecond} and {@code regzooRoundSamplesPerSecond}),
 * {@code peakRssBytes} (VmHWM at the end) and the {@link Benchmark#environment() environment}.
 *
 * <p>Both training engines time the same thing: {@code TIMED} minibatches after {@code WARMUP}
 * minibatches, split into {@value #ROUNDS} equal rounds; the result is the median round's speed,
 * which a passing load on a shared machine (or the {@link Trainer}'s end-of-epoch measurements and
 * reshuffle, when a run is longer than MNIST's 60,000 digits and cycles through them) disturbs less
 * than the mean.
 */
public final class BenchWorker {

    /** Prefix of the result line on standard output. */
    public static final String PREFIX = "@bench\t";

    /** Timed rounds per measurement (at most the number of timed minibatches). */
    public static final int ROUNDS = 5;

    private BenchWorker() {}

    /**
     * @param args ENGINE MODEL BATCH WARMUP TIMED SYNTHETIC
     * @throws Exception on any failure (the parent reports the exit status and standard error)
     */
    public static void main(String[] args) throws Exception {
        ChildJvm.exitWithParent(4);
        String engine = args[0];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", engine);
        if (engine.equals("sgemm")) {
            out.put("gflops", sgemm(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        } else if (engine.equals("paired")) {
            String model = args[1];
            int batch = Integer.parseInt(args[2]);
            int warmup = Integer.parseInt(args[3]);
            int rounds = Integer.parseInt(args[4]);
            int steps = Integer.parseInt(args[5]);
            ZooNetwork network = ModelZoo.defaults(model);
            DataSet train = trainingSet(network, Benchmark.passBatches(batch, warmup + rounds * steps) * batch,
                    Boolean.parseBoolean(args[6]));
            double[][] rates = PairedRun.run(network, train, batch, warmup, rounds, steps);
            out.put("model", model);
            out.put("batch", batch);
            out.put("stepsPerRound", steps);
            out.put("rawRoundSamplesPerSecond", rates[0]);
            out.put("regzooRoundSamplesPerSecond", rates[1]);
            out.put("rawRoundSamplesPerCpuSecond", rates[2]);
            out.put("regzooRoundSamplesPerCpuSecond", rates[3]);
            out.put("rawShuffledRoundSamplesPerSecond", rates[4]);
            out.put("rawShuffledRoundSamplesPerCpuSecond", rates[5]);
        } else {
            String model = args[1];
            int batch = Integer.parseInt(args[2]);
            int warmup = Integer.parseInt(args[3]);
            int timed = Integer.parseInt(args[4]);
            boolean synthetic = Boolean.parseBoolean(args[5]);
            ZooNetwork network = ModelZoo.defaults(model);
            DataSet train = trainingSet(network, Benchmark.passBatches(batch, warmup + timed) * batch, synthetic);
            int[] ends = roundEnds(warmup, timed);
            long[] marks = engine.equals("regzoo") ? viaTrainer(network, train, batch, ends) : rawLoop(network, train, batch, ends);
            double[] rates = new double[ends.length - 1];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = (ends[i + 1] - ends[i]) * (double) batch / ((marks[i + 1] - marks[i]) / 1e9);
            }
            out.put("model", model);
            out.put("batch", batch);
            out.put("samplesPerSecond", median(rates));
            out.put("roundSamplesPerSecond", rates);
        }
        out.put("peakRssBytes", peakRssBytes());
        out.put("environment", Benchmark.environment());
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(out));
        System.out.flush();
    }

    /**
     * The examples as one DL4J data set, flat for a dense network. The Java arrays they were read
     * into are garbage when this returns, so neither engine's peak RSS counts them twice.
     */
    private static DataSet trainingSet(ZooNetwork network, int n, boolean synthetic) {
        ArrayDataset data = BenchData.load(n, synthetic);
        if (network.inputShape().length == 1) {
            data = data.flat();
        }
        return data.toDataSet();
    }

    /** Minibatch counts at which rounds end: {@code warmup}, then {@code ROUNDS} equal steps to {@code warmup + timed}. */
    static int[] roundEnds(int warmup, int timed) {
        int rounds = Math.min(ROUNDS, timed);
        int[] ends = new int[rounds + 1];
        for (int i = 0; i <= rounds; i++) {
            ends[i] = warmup + (int) ((long) timed * i / rounds);
        }
        return ends;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** @return {@link System#nanoTime()} when minibatch {@code ends[i]} had finished, for each i */
    private static long[] viaTrainer(ZooNetwork network, DataSet train, int batch, int[] ends) {
        long[] marks = new long[ends.length];
        EpochListener timer = new EpochListener() {
            private int next;

            @Override
            public void onEpoch(EpochMetrics metrics) {}

            @Override
            public void onIteration(int epoch, int iteration, int iterationsPerEpoch, double score) {
                long step = (long) (epoch - 1) * iterationsPerEpoch + iteration;
                if (next < ends.length && step == ends[next]) {
                    marks[next++] = System.nanoTime();
                }
            }
        };
        int steps = ends[ends.length - 1];
        int pass = train.numExamples() / batch;
        Trainer.builder().epochs((steps + pass - 1) / pass).batchSize(batch).seed(1).listener(timer).trainEvalExamples(batch).build()
                .fit(network, train, null);
        if (marks[ends.length - 1] == 0) {
            throw new IllegalStateException("the trainer ran fewer than " + ends[ends.length - 1] + " minibatches");
        }
        return marks;
    }

    private static long[] rawLoop(ZooNetwork network, DataSet train, int batch, int[] ends) {
        MultiLayerNetwork net = new MultiLayerNetwork(network.conf());
        net.init();
        InPlaceUpdater.install(net); // as the zoo's init(): the raw loop trains the same network
        int total = ends[ends.length - 1];
        int pass = train.numExamples() / batch;
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < pass; i++) { // consecutive row ranges, as the Trainer splits an epoch
            batches.add((DataSet) train.getRange(i * batch, (i + 1) * batch));
        }
        long[] marks = new long[ends.length];
        int next = 0;
        for (int i = 0; i <= total; i++) {
            if (next < ends.length && i == ends[next]) {
                marks[next++] = System.nanoTime();
            }
            if (i < total) {
                net.fit(batches.get(i % pass)); // a run longer than the data cycles through it again
            }
        }
        return marks;
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
