package io.regzoo.report;

import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialProvenance;
import io.regzoo.experiment.TrialResult;
import io.regzoo.provenance.EnvironmentProvenance;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Hand-made trials for the report tests: no training. */
final class Fixtures {
    private Fixtures() {}

    /** A finished classifier trial with a plausible 3-epoch history and a weight sample. */
    static TrialResult classifier(String model, String variant, long seed, double trainAcc, double testAcc) {
        Random r = new Random(seed * 31 + variant.hashCode());
        List<EpochMetrics> h = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            double f = e / 3.0;
            h.add(new EpochMetrics(e, 1.0 / e + 0.02 * r.nextDouble(), trainAcc * (0.9 + 0.1 * f),
                    0.9 / e + 0.05 * r.nextDouble(), testAcc * (0.92 + 0.08 * f), 1e-3, 10 + e + r.nextDouble(),
                    0.01 * e, 2.0));
        }
        double scale = variant.contains("l2") ? 0.05 : 0.1;
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            w.add(r.nextGaussian() * scale);
        }
        return TrialResult.ok(new Trial(model, variant, seed), new TrialResult.Fit(StopReason.COMPLETED, 3, 3, h, ""),
                new TrialResult.Scores(0.1, trainAcc, 0.2, testAcc, 12.5 + seed, 0.03, w), 6.0 + seed,
                variant.equals("l2") ? Regularization.builder().l2(5e-4).build() : Regularization.none(),
                TrialProvenance.builder().seed(seed)
                        .environment(EnvironmentProvenance.of(Map.of("dl4j", "1.0.0-M2.1"))).build());
    }

    /** A finished regressor trial: accuracies NaN. */
    static TrialResult regressor(String model, String variant, long seed, double trainLoss, double testLoss) {
        List<EpochMetrics> h = List.of(
                new EpochMetrics(1, 2 * testLoss, Double.NaN, 1.5 * testLoss, Double.NaN, 1e-2, 3.0, 0.0, 0.1),
                new EpochMetrics(2, trainLoss, Double.NaN, testLoss, Double.NaN, 1e-2, 3.2, 0.0, 0.1));
        return TrialResult.ok(new Trial(model, variant, seed), new TrialResult.Fit(StopReason.COMPLETED, 2, 2, h, ""),
                new TrialResult.Scores(trainLoss, Double.NaN, testLoss, Double.NaN, 3.2, 0.0, List.of(1.9, 2.0, 0.1)),
                0.2, null, TrialProvenance.none());
    }

    /** A trial whose loss went NaN in epoch 2. */
    static TrialResult diverged(String model, String variant, long seed) {
        List<EpochMetrics> h = List.of(
                new EpochMetrics(1, 5.0, 0.2, 4.0, 0.25, 10.0, 1e3, 0.0, 2.0),
                new EpochMetrics(2, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 10.0, Double.NaN, Double.NaN, 2.0));
        return TrialResult.diverged(new Trial(model, variant, seed),
                new TrialResult.Fit(StopReason.DIVERGED, 2, 1, h, "loss became NaN in epoch 2"), 4.0, null, TrialProvenance.none());
    }
}
