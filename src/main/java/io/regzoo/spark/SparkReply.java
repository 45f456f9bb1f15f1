package io.regzoo.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one Spark task sends back to the driver for its trial: the result as {@code TrialCodec} JSON
 * (with the executor's host and the task attempt in its provenance), the trained network's
 * {@code ModelSerializer} zip when the task asked for it, the warnings the trial raised, or, when the
 * executor could not run trials at all (its data is missing or fails verification), that error.
 *
 * @param trialId the trial
 * @param resultJson the result, or {@code null} when {@code environmentError} is set or the task was
 *     interrupted (cancelled)
 * @param model the trained network's zip, or {@code null}
 * @param warnings one-line warnings
 * @param environmentError why this executor cannot run trials (e.g. a dataset is not installed there), or
 *     {@code null}
 * @param host the executor's host
 *
 * @serial exclude
 */
public record SparkReply(String trialId, String resultJson, byte[] model, List<String> warnings,
        String environmentError, String host) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the warnings.
     *
     * @param trialId the trial
     * @param resultJson the result, or {@code null}
     * @param model the zip, or {@code null}
     * @param warnings one-line warnings
     * @param environmentError the executor's error, or {@code null}
     * @param host the executor's host
     */
    public SparkReply {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** @return whether the task ran to a result */
    public boolean hasResult() {
        return resultJson != null;
    }
}
