package io.regzoo.experiment;

import io.regzoo.train.EpochMetrics;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where every executor delivers: the one place that appends a finished trial to
 * {@code results.jsonl} ({@link ResultsStore}), then tells the run's {@link RunListener}, and that
 * passes on progress events and warnings. Thread-safe: events from several trials (threads, child
 * JVMs, remote executors) are delivered to the listener one at a time.
 *
 * <p>If recording fails (the file cannot be written, or the listener throws), the sink closes: the
 * exception reaches the executor, which stops, and nothing more is recorded, so that the file ends
 * with the last result the listener saw.
 */
public final class TrialSink {

    private final ResultsStore store;
    private final RunListener listener;
    private final Consumer<String> warnings;
    private final int toRun;
    private final int epochs;
    private final RunListener progress;
    private int started;
    private int recorded;
    private boolean closed;

    /**
     * A sink for one run.
     *
     * @param store the results file
     * @param listener receives the run's events
     * @param warnings receives one-line warnings
     * @param toRun how many trials this run executes
     * @param epochs the epoch budget (for the listener)
     */
    public TrialSink(ResultsStore store, RunListener listener, Consumer<String> warnings, int toRun, int epochs) {
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.toRun = toRun;
        this.epochs = epochs;
        this.progress = new Progress();
    }

    /**
     * A trial starts: the listener hears it with its 1-based start index.
     *
     * @param task the task
     */
    public synchronized void started(TrialTask task) {
        started++;
        listener.onTrialStart(task.id(), started, toRun, epochs);
    }

    /**
     * Records a finished trial: appends it to the file, then tells the listener.
     *
     * @param result the result
     * @return false when the sink is closed (nothing was recorded; stop)
     * @throws RuntimeException what the store or the listener threw (the sink is closed then)
     */
    public synchronized boolean record(TrialResult result) {
        if (closed) {
            return false;
        }
        try {
            store.append(result);
            recorded++;
            listener.onTrialEnd(result, recorded, toRun);
            return true;
        } catch (RuntimeException | Error e) {
            closed = true;
            throw e;
        }
    }

    /**
     * Passes on a warning.
     *
     * @param message one line
     */
    public void warn(String message) {
        warnings.accept(message);
    }

    /** @return a listener for a running trial's iteration and epoch events, delivered one at a time */
    public RunListener progress() {
        return progress;
    }

    /** @return trials recorded so far */
    public synchronized int recorded() {
        return recorded;
    }

    /** @return whether recording failed and the sink accepts nothing more */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Forwards progress to the run's listener under the sink's lock. */
    private final class Progress implements RunListener {
        @Override
        public void onIteration(String trialId, int epoch, int iteration, int iterationsPerEpoch, double score) {
            synchronized (TrialSink.this) {
                listener.onIteration(trialId, epoch, iteration, iterationsPerEpoch, score);
            }
        }

        @Override
        public void onEpoch(String trialId, EpochMetrics metrics) {
            synchronized (TrialSink.this) {
                listener.onEpoch(trialId, metrics);
            }
        }
    }
}
