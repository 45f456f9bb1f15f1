package io.regzoo.experiment;

import io.regzoo.train.EpochMetrics;
import io.regzoo.train.StopReason;
import java.util.List;
import java.util.Map;

/**
 * One finished trial (model × variant × seed), as stored, one JSON object per line, in
 * {@code results.jsonl}. This is the contract between the runner (which writes it) and the report
 * (which reads it). Accuracies are {@code NaN} (JSON {@code null}) for regressors.
 *
 * @param trialId stable id {@code model/variant/seed}, used to skip finished trials on resume
 * @param model zoo network name
 * @param variant variant name from the spec (e.g. {@code baseline}, {@code l2})
 * @param seed the seed of this trial
 * @param status {@code ok}, {@code diverged}, or {@code failed}
 * @param stopReason why training ended
 * @param epochsRun epochs actually trained
 * @param bestEpoch 1-based epoch whose weights were kept (the last one without early stopping)
 * @param history per-epoch metrics
 * @param trainLoss loss on the training set with the final (kept) weights, data loss only
 * @param trainAccuracy accuracy on the training set with the final weights
 * @param testLoss loss on the test set, data loss only
 * @param testAccuracy accuracy on the test set
 * @param weightNorm L2 norm of the final weights (biases excluded)
 * @param nearZeroFraction fraction of final weights with {@code |w| < 1e-3}
 * @param weightSample up to 2,000 final weights, sampled evenly, for histograms
 * @param seconds wall time of the whole trial
 * @param message a one-line explanation for {@code diverged}/{@code failed}, else empty
 * @param provenance what made the trial: spec hash, model config JSON, regularization JSON, data
 *     source and checksums, DL4J/Java/OS/CPU, backend, start time
 */
public record TrialResult(String trialId, String model, String variant, long seed, String status,
        StopReason stopReason, int epochsRun, int bestEpoch, List<EpochMetrics> history,
        double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        double weightNorm, double nearZeroFraction, List<Double> weightSample, double seconds,
        String message, Map<String, String> provenance) {

    /** Status of a trial that trained to the end (or to early stopping). */
    public static final String OK = "ok";
    /** Status of a trial whose loss became NaN or infinite. */
    public static final String DIVERGED = "diverged";
    /** Status of a trial that failed with an error. */
    public static final String FAILED = "failed";

    /**
     * The id of a trial.
     *
     * @param model zoo network name
     * @param variant variant name
     * @param seed seed
     * @return {@code model/variant/seed}
     */
    public static String idOf(String model, String variant, long seed) {
        return model + "/" + variant + "/" + seed;
    }

    /** @return the generalization gap, train accuracy − test accuracy (NaN for regressors) */
    public double accuracyGap() {
        return trainAccuracy - testAccuracy;
    }

    /** @return the loss gap, test loss − train loss */
    public double lossGap() {
        return testLoss - trainLoss;
    }
}
