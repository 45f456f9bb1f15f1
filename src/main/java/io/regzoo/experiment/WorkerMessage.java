package io.regzoo.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.regzoo.train.EpochMetrics;

/**
 * The protocol between {@link ChildJvmExecutor} and its {@link TrialWorker} JVMs: one JSON object
 * per line, {@code type} naming the message, written and read by {@link TrialCodec}'s mapper. On the
 * worker's standard output every message line starts with {@link #PREFIX} (native libraries print
 * there too; other lines are not messages).
 *
 * <p>Parent to worker: {@link Run}, one per trial; closing the worker's standard input ends it.
 * Worker to parent: {@link Ready} once, then per trial {@link Iteration} (throttled), {@link Epoch}
 * and {@link Warning} messages and finally its {@link Result}; or {@link Failure} when the worker
 * cannot go on (the data cannot be loaded, for instance), after which it exits.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerMessage.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = WorkerMessage.Run.class, name = "run"),
        @JsonSubTypes.Type(value = WorkerMessage.Iteration.class, name = "iteration"),
        @JsonSubTypes.Type(value = WorkerMessage.Epoch.class, name = "epoch"),
        @JsonSubTypes.Type(value = WorkerMessage.Warning.class, name = "warning"),
        @JsonSubTypes.Type(value = WorkerMessage.Result.class, name = "result"),
        @JsonSubTypes.Type(value = WorkerMessage.Failure.class, name = "failure")})
public sealed interface WorkerMessage {

    /** Start of every message line on a worker's standard output. */
    String PREFIX = "@regzoo ";

    /**
     * The worker has started and waits for tasks.
     *
     * @param pid the worker's process id
     */
    record Ready(long pid) implements WorkerMessage {}

    /**
     * Run this task.
     *
     * @param task the task
     */
    record Run(TrialTask task) implements WorkerMessage {}

    /**
     * A minibatch finished.
     *
     * @param trialId the trial
     * @param epoch 1-based epoch
     * @param iteration 1-based minibatch within the epoch
     * @param iterationsPerEpoch minibatches per epoch
     * @param score the minibatch score
     */
    record Iteration(String trialId, int epoch, int iteration, int iterationsPerEpoch, double score)
            implements WorkerMessage {}

    /**
     * An epoch finished.
     *
     * @param trialId the trial
     * @param metrics what it measured
     */
    record Epoch(String trialId, EpochMetrics metrics) implements WorkerMessage {}

    /**
     * A one-line warning.
     *
     * @param text the warning
     */
    record Warning(String text) implements WorkerMessage {}

    /**
     * The trial finished (ok, diverged or failed).
     *
     * @param result its result
     */
    record Result(TrialResult result) implements WorkerMessage {}

    /**
     * The worker cannot go on and exits.
     *
     * @param text one line saying why
     */
    record Failure(String text) implements WorkerMessage {}

    /**
     * A message as one line, {@link #PREFIX} and JSON, without a line break.
     *
     * @param m the message
     * @return the line
     */
    static String encode(WorkerMessage m) {
        try {
            return PREFIX + TrialCodec.mapper().writerFor(WorkerMessage.class).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + m.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a line written by {@link #encode}.
     *
     * @param line the line
     * @return the message, or {@code null} when the line is not a message (it lacks {@link #PREFIX})
     * @throws JsonProcessingException when it starts like a message but is not one
     */
    static WorkerMessage decode(String line) throws JsonProcessingException {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        return TrialCodec.mapper().readValue(line.substring(PREFIX.length()), WorkerMessage.class);
    }
}
