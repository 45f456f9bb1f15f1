package io.regzoo.bench;

import io.regzoo.regularize.InPlaceUpdater;
import io.regzoo.train.EpochListener;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.ZooNetwork;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The wrapper's cost measured in one JVM: regzoo's {@link Trainer} (on its own thread) and a plain
 * {@code net.fit} loop (on the calling thread) train two copies of the same network in alternating
 * rounds of {@code stepsPerRound} minibatches, never at the same time; round {@code r} runs the raw
 * loop first when {@code r} is even and the Trainer first when it is odd (ABBA), so a slow drift of
 * the machine's load hits both alike. Each round is timed by the thread that runs it, from when it
 * gets the turn to its last minibatch. Both engines first train {@code warmup} untimed minibatches,
 * which also warms the JIT for both (they run the same DL4J code).
 *
 * <p>Separate processes (the benchmark's other runs) differ by 10–20% from JVM to JVM; adjacent
 * rounds in one JVM share its JIT state, heap and the machine's load of that second, so their ratio
 * is far less noisy ({@link BenchReport.Paired}).
 */
final class PairedRun {

    /** Thrown from the Trainer's listener after its last timed round, to end its run early. */
    private static final class Done extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Done() {
            super("paired run finished", null, false, false);
        }
    }

    private PairedRun() {}

    /**
     * Runs the rounds.
     *
     * @param network the zoo network (both engines use its configuration; the raw loop builds its
     *     own {@link MultiLayerNetwork} from {@link ZooNetwork#conf()})
     * @param train the examples, a multiple of {@code batch}
     * @param batch the batch size
     * @param warmup untimed minibatches per engine, ≥ 1
     * @param rounds timed rounds per engine, ≥ 1
     * @param stepsPerRound minibatches per round, ≥ 1
     * @return per round: {@code [0]} the raw loop's samples per second of wall time, {@code [1]} the
     *     Trainer's; {@code [2]} and {@code [3]} the same per second of CPU time of the thread that
     *     calls {@code fit} (the Java side of every step, and the native work it does itself; not
     *     the native worker threads)
     * @throws InterruptedException when interrupted while waiting for the Trainer's turn
     */
    static double[][] run(ZooNetwork network, DataSet train, int batch, int warmup, int rounds, int stepsPerRound)
            throws InterruptedException {
        int pass = train.numExamples() / batch;
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < pass; i++) { // consecutive row ranges, as BenchWorker's raw loop
            batches.add((DataSet) train.getRange(i * batch, (i + 1) * batch));
        }
        MultiLayerNetwork raw = new MultiLayerNetwork(network.conf());
        raw.init();
        InPlaceUpdater.install(raw); // as the zoo's init(): the raw loop trains the same network

        Semaphore trainerTurn = new Semaphore(0);
        Semaphore mainTurn = new Semaphore(0);
        long[] trainerNs = new long[rounds];
        long[] trainerCpuNs = new long[rounds];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int total = warmup + rounds * stepsPerRound;
        EpochListener turns = new EpochListener() {
            private long resumed;
            private long resumedCpu;

            @Override
            public void onEpoch(EpochMetrics metrics) {}

            @Override
            public void onIteration(int epoch, int iteration, int iterationsPerEpoch, double score) {
                long step = (long) (epoch - 1) * iterationsPerEpoch + iteration;
                if (step < warmup || (step - warmup) % stepsPerRound != 0) {
                    return;
                }
                int k = (int) ((step - warmup) / stepsPerRound); // rounds finished
                if (k > 0) {
                    trainerNs[k - 1] = System.nanoTime() - resumed;
                    trainerCpuNs[k - 1] = cpuNanos() - resumedCpu;
                }
                mainTurn.release();
                if (k == rounds) {
                    throw new Done();
                }
                trainerTurn.acquireUninterruptibly();
                resumedCpu = cpuNanos();
                resumed = System.nanoTime();
            }
        };
        Thread trainer = new Thread(() -> {
            try {
                Trainer.builder().epochs((total + pass - 1) / pass + 1).batchSize(batch).seed(1).listener(turns)
                        .trainEvalExamples(batch).build().fit(network, train, null);
                failure.compareAndSet(null, new IllegalStateException("the trainer stopped before " + total + " minibatches"));
            } catch (Done d) {
                // the last round is timed
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                mainTurn.release(rounds + 2); // never leave the main thread waiting
            }
        }, "regzoo-paired-trainer");
        trainer.setDaemon(true);
        trainer.start();
        mainTurn.acquire(); // the Trainer's warm-up
        check(failure);
        int step = 0;
        for (int i = 0; i < warmup; i++) {
            raw.fit(batches.get(step++ % pass));
        }
        double[] rawRates = new double[rounds];
        double[] trainerRates = new double[rounds];
        double[] rawCpuRates = new double[rounds];
        double[] trainerCpuRates = new double[rounds];
        double samples = stepsPerRound * (double) batch;
        for (int r = 0; r < rounds; r++) {
            for (int half = 0; half < 2; half++) {
                boolean rawNow = (half == 0) == (r % 2 == 0);
                if (rawNow) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < stepsPerRound; i++) {
                        raw.fit(batches.get(step++ % pass));
                    }
                    rawRates[r] = samples / ((System.nanoTime() - t0) / 1e9);
                    rawCpuRates[r] = samples / ((cpuNanos() - c0) / 1e9);
                } else {
                    trainerTurn.release();
                    mainTurn.acquire();
                    check(failure);
                    trainerRates[r] = samples / (trainerNs[r] / 1e9);
                    trainerCpuRates[r] = samples / (trainerCpuNs[r] / 1e9);
                }
            }
        }
        trainer.join();
        check(failure);
        return new double[][] {rawRates, trainerRates, rawCpuRates, trainerCpuRates};
    }

    /** @return the CPU time of the calling thread (the one that calls {@code fit}), ns */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void check(AtomicReference<Throwable> failure) {
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
