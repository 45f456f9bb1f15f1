package io.regzoo.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.StopReason;
import io.regzoo.train.TrainRun;
import java.util.List;
import java.util.Objects;

/**
 * One finished trial (model × variant × seed), as stored, one JSON object per line, in
 * {@code results.jsonl} ({@link TrialCodec}). This is the contract between the executors (which
 * produce it, possibly in another JVM or on another machine) and the report (which reads it).
 * Accuracies are {@code NaN} (JSON {@code null}) for regressors; every score is {@code NaN} unless
 * the status is {@link TrialStatus#OK}.
 *
 * <p>Make one with {@link #ok}, {@link #diverged} or {@link #failed}; the canonical constructor is
 * for the codec.
 *
 * @param trialId stable id {@code model/variant/seed} ({@code model/variant/n<size>/seed} on a data-size axis),
 *     used to skip finished trials on resume
 * @param model zoo network name
 * @param variant variant name from the spec (e.g. {@code baseline}, {@code l2})
 * @param seed the seed of this trial
 * @param trainSize the training-set size of this trial when the spec lists several ({@code dataset.trainSizes}),
 *     else {@code null} (and absent from the JSON)
 * @param status how the trial ended
 * @param stopReason why training ended ({@code null} for a failed trial)
 * @param epochsRun epochs actually trained
 * @param bestEpoch 1-based epoch whose weights were kept (the last one without early stopping)
 * @param history per-epoch metrics
 * @param trainLoss loss on the training set with the final (kept) weights, data loss only
 * @param trainAccuracy accuracy on the training set with the final weights
 * @param testLoss loss on the test set, data loss only
 * @param testAccuracy accuracy on the test set
 * @param weightNorm L2 norm of the final weights (biases excluded)
 * @param nearZeroFraction fraction of final weights with {@code |w| < 1e-3}
 * @param calibrationError expected calibration error on the test set (15 bins, inference-mode softmax;
 *     {@link io.regzoo.train.Measures#calibrationError}); {@code NaN} for regressors, for trials that are not
 *     {@code ok}, and for results files written before the field existed
 * @param weightSample up to 2,000 final weights, sampled evenly, for histograms
 * @param seconds wall time of the whole trial
 * @param message a one-line explanation for {@code diverged}/{@code failed}, else empty
 * @param regularization the regularization the network was built with ({@code null} when the trial
 *     failed before its network was built)
 * @param provenance what made the trial: spec hash, model config JSON, data source and checksums,
 *     DL4J/Java/OS/CPU, backend, start time
 */
public record TrialResult(String trialId, String model, String variant, long seed,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer trainSize, TrialStatus status,
        StopReason stopReason, int epochsRun, int bestEpoch, List<EpochMetrics> history,
        double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        double weightNorm, double nearZeroFraction, double calibrationError, List<Double> weightSample,
        double seconds, String message, Regularization regularization, TrialProvenance provenance) {

    /**
     * Normalizes: a missing id is derived from model, variant and seed; missing lists become empty, a
     * missing message empty, a missing provenance {@link TrialProvenance#none()}.
     *
     * @param trialId see the record
     * @param model see the record
     * @param variant see the record
     * @param seed see the record
     * @param trainSize see the record
     * @param status see the record
     * @param stopReason see the record
     * @param epochsRun see the record
     * @param bestEpoch see the record
     * @param history see the record
     * @param trainLoss see the record
     * @param trainAccuracy see the record
     * @param testLoss see the record
     * @param testAccuracy see the record
     * @param weightNorm see the record
     * @param nearZeroFraction see the record
     * @param calibrationError see the record
     * @param weightSample see the record
     * @param seconds see the record
     * @param message see the record
     * @param regularization see the record
     * @param provenance see the record
     * @throws NullPointerException when status is null
     */
    public TrialResult {
        Objects.requireNonNull(status, "status");
        if (trialId == null && model != null && variant != null) {
            trialId = idOf(model, variant, trainSize, seed);
        }
        history = history == null ? List.of() : List.copyOf(history);
        weightSample = weightSample == null ? List.of() : List.copyOf(weightSample);
        message = message == null ? "" : message;
        provenance = provenance == null ? TrialProvenance.none() : provenance;
    }

    /**
     * How training went: the parts of a {@link TrainRun} that are kept (not the network).
     *
     * @param stopReason why training ended
     * @param epochsRun epochs trained
     * @param bestEpoch 1-based epoch whose weights were kept
     * @param history per-epoch metrics
     * @param message a one-line note (why it diverged), or empty
     */
    public record Fit(StopReason stopReason, int epochsRun, int bestEpoch, List<EpochMetrics> history, String message) {

        /**
         * The kept parts of a training run.
         *
         * @param run the run
         * @return its stop reason, epochs, best epoch, history and message
         */
        public static Fit of(TrainRun run) {
            return new Fit(run.stopReason(), run.epochsRun(), run.bestEpoch(), run.history(), run.message());
        }
    }

    /**
     * What the trained network scores, measured once training ended.
     *
     * @param trainLoss data loss on the training set
     * @param trainAccuracy accuracy on the training set (NaN for regressors)
     * @param testLoss data loss on the test set
     * @param testAccuracy accuracy on the test set (NaN for regressors)
     * @param weightNorm L2 norm of the weights (biases excluded)
     * @param nearZeroFraction fraction of weights with {@code |w| < 1e-3}
     * @param weightSample an even sample of the weights
     * @param calibrationError expected calibration error on the test set (NaN for regressors)
     */
    public record Scores(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
            double weightNorm, double nearZeroFraction, List<Double> weightSample, double calibrationError) {

        /**
         * Scores without a calibration error (a regressor's, or where it was not measured).
         *
         * @param trainLoss data loss on the training set
         * @param trainAccuracy accuracy on the training set (NaN for regressors)
         * @param testLoss data loss on the test set
         * @param testAccuracy accuracy on the test set (NaN for regressors)
         * @param weightNorm L2 norm of the weights (biases excluded)
         * @param nearZeroFraction fraction of weights with {@code |w| < 1e-3}
         * @param weightSample an even sample of the weights
         */
        public Scores(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                double weightNorm, double nearZeroFraction, List<Double> weightSample) {
            this(trainLoss, trainAccuracy, testLoss, testAccuracy, weightNorm, nearZeroFraction, weightSample,
                    Double.NaN);
        }
    }

    /**
     * A trial that trained to the end of its budget (or to early stopping).
     *
     * @param trial the grid cell
     * @param fit how training went
     * @param scores the trained network's scores
     * @param seconds wall time of the whole trial
     * @param regularization the network's regularization
     * @param provenance what made it
     * @return the result, status {@link TrialStatus#OK}, empty message
     */
    public static TrialResult ok(Trial trial, Fit fit, Scores scores, double seconds, Regularization regularization,
            TrialProvenance provenance) {
        return new TrialResult(trial.id(), trial.model(), trial.variant(), trial.seed(), trial.trainSize(),
                TrialStatus.OK, fit.stopReason(),
                fit.epochsRun(), fit.bestEpoch(), fit.history(), scores.trainLoss(), scores.trainAccuracy(),
                scores.testLoss(), scores.testAccuracy(), scores.weightNorm(), scores.nearZeroFraction(),
                scores.calibrationError(), scores.weightSample(), seconds, "", regularization, provenance);
    }

    /**
     * A trial whose loss became NaN or infinite: no scores.
     *
     * @param trial the grid cell
     * @param fit how training went (its message says where the loss blew up)
     * @param seconds wall time of the whole trial
     * @param regularization the network's regularization
     * @param provenance what made it
     * @return the result, status {@link TrialStatus#DIVERGED}, every score NaN
     */
    public static TrialResult diverged(Trial trial, Fit fit, double seconds, Regularization regularization,
            TrialProvenance provenance) {
        return new TrialResult(trial.id(), trial.model(), trial.variant(), trial.seed(), trial.trainSize(),
                TrialStatus.DIVERGED,
                fit.stopReason(), fit.epochsRun(), fit.bestEpoch(), fit.history(), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), seconds, fit.message(), regularization,
                provenance);
    }

    /**
     * A trial that could not run or crashed: no history, no scores, no stop reason.
     *
     * @param trial the grid cell
     * @param message one line saying why
     * @param seconds wall time until the failure
     * @param regularization the network's regularization, or {@code null} when it failed before
     * @param provenance what is known of what made it
     * @return the result, status {@link TrialStatus#FAILED}
     */
    public static TrialResult failed(Trial trial, String message, double seconds, Regularization regularization,
            TrialProvenance provenance) {
        return new TrialResult(trial.id(), trial.model(), trial.variant(), trial.seed(), trial.trainSize(),
                TrialStatus.FAILED, null, 0, 0,
                List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                List.of(), seconds, message, regularization, provenance);
    }

    /**
     * The id of a trial.
     *
     * @param model zoo network name
     * @param variant variant name
     * @param seed seed
     * @return {@code model/variant/seed}
     */
    public static String idOf(String model, String variant, long seed) {
        return idOf(model, variant, null, seed);
    }

    /**
     * The id of a trial on a data-size axis.
     *
     * @param model zoo network name
     * @param variant variant name
     * @param trainSize training-set size, or {@code null} when the spec has one size
     * @param seed seed
     * @return {@code model/variant/seed}, or {@code model/variant/n<size>/seed} when a size is given
     */
    public static String idOf(String model, String variant, Integer trainSize, long seed) {
        return model + "/" + variant + "/" + (trainSize == null ? "" : "n" + trainSize + "/") + seed;
    }

    /** @return the grid cell of this trial */
    @JsonIgnore
    public Trial trial() {
        return new Trial(model, variant, trainSize, seed);
    }

    /** @return whether the status is {@link TrialStatus#OK} (only such trials have scores) */
    @JsonIgnore
    public boolean isOk() {
        return status == TrialStatus.OK;
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
