package io.regzoo.experiment;

import java.util.List;

/**
 * Runs trial tasks somewhere and delivers their results to a {@link TrialSink}. The runner
 * ({@link ExperimentRunner}) decides <em>what</em> runs (the grid minus what is recorded); an
 * executor decides <em>where</em> and how many at once: {@link InProcessExecutor} one after another
 * in this JVM, {@link ChildJvmExecutor} in child JVMs side by side. An executor that runs tasks on
 * other machines sends them the {@link TrialTask} values (small and serializable), runs each with a
 * {@link TrialRunner} there, and brings back only the {@link TrialResult} records, which it hands
 * to the sink on this machine.
 *
 * <p>Contract: call {@link TrialSink#started} before a task trains, and do not train it (nor start
 * any other task) when that returns false; call {@link TrialSink#record} with its result; pass progress to {@link TrialSink#progress()} if it can; stop when
 * {@code record} returns false or throws (rethrow that); stop early, leaving the thread's interrupt
 * flag set, when the calling thread is interrupted: the unfinished tasks are then not recorded and a
 * later run resumes them.
 */
public interface TrialExecutor {

    /**
     * Runs the tasks.
     *
     * @param tasks what to run, in grid order (an executor may finish them in any order)
     * @param sink where results go
     * @return true when it stopped early because the calling thread was interrupted
     * @throws RuntimeException when recording failed, or the executor itself broke (not a failing
     *     trial: those are recorded as {@link TrialStatus#FAILED})
     */
    boolean execute(List<TrialTask> tasks, TrialSink sink);
}
