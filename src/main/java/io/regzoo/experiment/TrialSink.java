package io.regzoo.experiment;

import io.regzoo.train.EpochMetrics;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where every executor delivers: the one place that appends a finished trial to
 * {@code results.jsonl} ({@link ResultsStore}), then tells the run's {@link RunListener}, and that
 * passes on progress events and warnings. Thread-safe: events from several trials (threads, child
 * JVMs, remote executors) are delivered to the listener one at a time.
 *
 * <p>A sink may refuse to start tasks ({@link #startOnlyWhile(BooleanSupplier)}, e.g. once a time budget is spent):
 * {@link #started} then returns false and the executor must not run that task, nor start others, but lets the
 * running ones finish and records them.
 *
 * <p>If recording fails (the file cannot be written, or the listener throws), the sink closes: the
 * exception reaches the executor, which stops, and nothing more is recorded, so that the file ends
 * with the last result the listener saw.
 */
public final class TrialSink {

    private final ResultsStore store;
    private final RunListener listener;
    private final Consumer<String> warnings;
    private int toRun;
    private final int epochs;
    private final RunListener progress;
    private int started;
    private int recorded;
    private boolean closed;
    private BooleanSupplier mayStart = () -> true;
    private boolean refused;

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
     * A trial is about to start: the listener hears it with its 1-based start index; or, when the sink no longer
     * starts tasks ({@link #startOnlyWhile}), nothing happens and the executor must not run it.
     *
     * @param task the task
     * @return true to run the task, false not to run it (and to start no other)
     */
    public synchronized boolean started(TrialTask task) {
        if (refused || !mayStart.getAsBoolean()) {
            refused = true;
            return false;
        }
        started++;
        listener.onTrialStart(task.id(), started, toRun, epochs);
        return true;
    }

    /**
     * From now on, tasks start only while the condition holds; the first time it does not, this and every later
     * {@link #started} call returns false.
     *
     * @param condition checked before each task starts (e.g. "the time budget is not spent")
     */
    public synchronized void startOnlyWhile(BooleanSupplier condition) {
        this.mayStart = Objects.requireNonNull(condition, "condition");
    }

    /** @return whether a task was refused ({@link #startOnlyWhile}) */
    public synchronized boolean refusedAStart() {
        return refused;
    }

    /**
     * Updates the number of trials the listener is told this run executes (a sequential run learns it round by
     * round).
     *
     * @param n trials this run executes (or at most executes)
     */
    public synchronized void toRun(int n) {
        this.toRun = n;
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
