package io.regzoo.experiment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Runs trials one after another in this JVM, with one {@link TrialRunner}. */
public final class InProcessExecutor implements TrialExecutor {

    private final TrialRunner runner;

    /**
     * An executor.
     *
     * @param runner runs each trial (and holds the current seed's data)
     */
    public InProcessExecutor(TrialRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public boolean execute(List<TrialTask> tasks, TrialSink sink) {
        for (TrialTask task : tasks) {
            if (Thread.currentThread().isInterrupted()) {
                return true;
            }
            if (!sink.started(task)) {
                return false; // the sink starts no more tasks (e.g. a time budget is spent)
            }
            Optional<TrialOutcome> o = runner.run(task, sink.progress());
            if (o.isEmpty()) {
                return true; // interrupted during training: the unfinished trial is not recorded
            }
            if (!sink.record(o.get().result())) {
                return false;
            }
        }
        return false;
    }
}
