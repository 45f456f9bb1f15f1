package io.regzoo.bench;

import io.regzoo.data.ArrayDataSetIterator;
import io.regzoo.regularize.InPlaceUpdater;
import io.regzoo.train.EpochListener;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Trainer;
import io.regzoo.zoo.ZooNetwork;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The wrapper's cost measured in one JVM: regzoo's {@link Trainer} and two plain {@code net.fit}
 * loops train three copies of the same network in alternating rounds of {@code stepsPerRound}
 * minibatches, on one thread: the raw loops' rounds run inside the Trainer's per-minibatch callback,
 * between two of its minibatches (DL4J calls it after the update, outside every workspace). One raw
 * loop is the benchmark's: consecutive row ranges of the training set, views that are never copied.
 * The other fits the very minibatches the Trainer fits, from the same shuffling iterator
 * ({@link ArrayDataSetIterator#shuffled}{@code (train, batch, 1).reusingBatches()}, epoch 1 first):
 * the Trainer's cost over it is the wrapper's own, and the first loop's lead over the second is
 * what reshuffling every epoch costs (a copy of every minibatch from rows spread over the set).
 * Round {@code r} runs the raw loops first (views, then shuffled) when {@code r} is even and the
 * Trainer first (then shuffled, then views) when it is odd, so a slow drift of the machine's load
 * hits all alike. Every engine first trains {@code warmup} untimed minibatches, which also warms the
 * JIT for all (they run the same DL4J code).
 *
 * <p>One thread, because a second thread that calls ND4J gives OpenMP a second thread team, after
 * which every parallel region of either thread wakes its workers from sleep: both engines would be
 * measured in a slower process than either runs in alone. Separate processes (the benchmark's other
 * runs) differ by 10–20% from JVM to JVM; adjacent rounds in one JVM share its JIT state, heap and
 * the machine's load of that second, so their ratio is far less noisy ({@link BenchReport.Paired}).
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
     *     the native worker threads); {@code [4]} and {@code [5]} the raw loop over the Trainer's
     *     shuffled minibatches, per second of wall and of CPU time
     */
    static double[][] run(ZooNetwork network, DataSet train, int batch, int warmup, int rounds, int stepsPerRound) {
        int pass = train.numExamples() / batch;
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < pass; i++) { // consecutive row ranges, as BenchWorker's raw loop
            batches.add((DataSet) train.getRange(i * batch, (i + 1) * batch));
        }
        MultiLayerNetwork raw = new MultiLayerNetwork(network.conf());
        raw.init();
        InPlaceUpdater.install(raw); // as the zoo's init(): the raw loop trains the same network
        MultiLayerNetwork rawShuffled = new MultiLayerNetwork(network.conf());
        rawShuffled.init();
        InPlaceUpdater.install(rawShuffled);
        ArrayDataSetIterator shuffled = ArrayDataSetIterator.shuffled(train, batch, 1).reusingBatches();
        shuffled.restore(new ArrayDataSetIterator.Position(1, 1)); // the Trainer's first epoch

        double samples = stepsPerRound * (double) batch;
        double[][] rates = new double[6][rounds]; // raw wall, Trainer wall, raw CPU, Trainer CPU, shuffled wall, CPU
        int total = warmup + rounds * stepsPerRound;
        EpochListener turns = new EpochListener() {
            private long resumed;
            private long resumedCpu;
            private int rawStep;

            @Override
            public void onEpoch(EpochMetrics metrics) {}

            @Override
            public void onIteration(int epoch, int iteration, int iterationsPerEpoch, double score) {
                long step = (long) (epoch - 1) * iterationsPerEpoch + iteration;
                if (step < warmup || (step - warmup) % stepsPerRound != 0) {
                    return;
                }
                long now = System.nanoTime();
                long nowCpu = cpuNanos();
                int k = (int) ((step - warmup) / stepsPerRound); // Trainer rounds finished
                if (k == 0) {
                    for (int i = 0; i < warmup; i++) {
                        raw.fit(batches.get(rawStep++ % pass));
                        rawShuffled.fit(nextShuffled());
                    }
                } else {
                    rates[1][k - 1] = samples / ((now - resumed) / 1e9);
                    rates[3][k - 1] = samples / ((nowCpu - resumedCpu) / 1e9);
                    if ((k - 1) % 2 == 1) { // an odd round: the raw loops after the Trainer
                        shuffledRound(k - 1);
                        rawRound(k - 1);
                    }
                }
                if (k == rounds) {
                    throw new Done();
                }
                if (k % 2 == 0) { // an even round: the raw loops before the Trainer
                    rawRound(k);
                    shuffledRound(k);
                }
                resumedCpu = cpuNanos();
                resumed = System.nanoTime();
            }

            private void rawRound(int r) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                for (int i = 0; i < stepsPerRound; i++) {
                    raw.fit(batches.get(rawStep++ % pass));
                }
                rates[0][r] = samples / ((System.nanoTime() - t0) / 1e9);
                rates[2][r] = samples / ((cpuNanos() - c0) / 1e9);
            }

            private void shuffledRound(int r) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                for (int i = 0; i < stepsPerRound; i++) {
                    rawShuffled.fit(nextShuffled());
                }
                rates[4][r] = samples / ((System.nanoTime() - t0) / 1e9);
                rates[5][r] = samples / ((cpuNanos() - c0) / 1e9);
            }

            private DataSet nextShuffled() {
                if (!shuffled.hasNext()) {
                    shuffled.reset(); // the next epoch's order, as the Trainer's reset
                }
                return shuffled.next();
            }
        };
        try {
            Trainer.builder().epochs((total + pass - 1) / pass + 1).batchSize(batch).seed(1).listener(turns)
                    .trainEvalExamples(batch).build().fit(network, train, null);
            throw new IllegalStateException("the trainer stopped before " + total + " minibatches");
        } catch (Done d) {
            return rates; // the last round is timed
        }
    }

    /** @return the CPU time of the calling thread (the one that calls {@code fit}), ns */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
