package io.regzoo.experiment;

import io.regzoo.train.EpochMetrics;

/**
 * Receives an experiment run's progress (for progress bars and logs). All methods default to no-ops.
 * When trials run in parallel ({@link ExperimentRunner.Builder#workers(int)}), the events of several
 * trials interleave; they are delivered one at a time, but from different threads.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() { };

    /**
     * Called once before the first trial.
     *
     * @param total trials in the grid
     * @param alreadyDone trials found finished in {@code results.jsonl} (skipped)
     */
    default void onStart(int total, int alreadyDone) {}

    /**
     * Called when a trial starts.
     *
     * @param trialId the trial id
     * @param index 1-based index among the trials run now (the order they were started in)
     * @param toRun trials to run now
     * @param epochs the epoch budget
     */
    default void onTrialStart(String trialId, int index, int toRun, int epochs) {}

    /**
     * Called after each minibatch.
     *
     * @param trialId the trial id
     * @param epoch 1-based epoch
     * @param iteration 1-based minibatch within the epoch
     * @param iterationsPerEpoch minibatches per epoch
     * @param score the minibatch score
     */
    default void onIteration(String trialId, int epoch, int iteration, int iterationsPerEpoch, double score) {}

    /**
     * Called after each epoch.
     *
     * @param trialId the trial id
     * @param metrics the epoch's metrics
     */
    default void onEpoch(String trialId, EpochMetrics metrics) {}

    /**
     * Called when a trial has been recorded.
     *
     * @param result the recorded result
     * @param index how many trials this run has recorded, this one included
     * @param toRun trials to run now
     */
    default void onTrialEnd(TrialResult result, int index, int toRun) {}
}
