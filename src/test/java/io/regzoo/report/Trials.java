package io.regzoo.report;

import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialResult;

/**
 * Classifier trials with chosen test accuracy and weight norm, for the comparison tests; built on
 * {@link Fixtures#classifier} so that only this class depends on the results record's constructor.
 */
final class Trials {
    private Trials() {}

    /**
     * A finished classifier trial.
     *
     * @param model zoo name
     * @param variant variant name
     * @param seed seed
     * @param testAcc test accuracy (fraction)
     * @param weightNorm final weight norm
     * @return the trial (train accuracy 0.995, so the gap is 0.995 − testAcc)
     */
    static TrialResult classifier(String model, String variant, long seed, double testAcc, double weightNorm) {
        TrialResult t = Fixtures.classifier(model, variant, seed, 0.995, testAcc);
        return TrialResult.ok(new Trial(model, variant, seed), new TrialResult.Fit(t.stopReason(), t.epochsRun(),
                t.bestEpoch(), t.history(), t.message()), new TrialResult.Scores(t.trainLoss(), t.trainAccuracy(),
                t.testLoss(), t.testAccuracy(), weightNorm, t.nearZeroFraction(), t.weightSample()), t.seconds(),
                t.regularization(), t.provenance());
    }
}
