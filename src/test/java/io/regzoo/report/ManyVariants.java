package io.regzoo.report;

import io.regzoo.experiment.Trial;
import io.regzoo.experiment.TrialProvenance;
import io.regzoo.experiment.TrialResult;
import io.regzoo.provenance.EnvironmentProvenance;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.EarlyStopping;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A hand-made experiment shaped like {@code mnist-regularizers} with ten variants (no training):
 * batch norm's first-epoch validation loss is ≈ 2.9 against ≈ 0.3 for the others and its first
 * validation accuracy ≈ 35%, early stopping and "all" record early stopping in their provenance, and
 * the results file lists the trials in reverse spec order (as if they finished out of order).
 */
final class ManyVariants {
    private ManyVariants() {}

    /** The experiment's name in {@code spec.json}. */
    static final String NAME = "mnist-regularizers-10";

    /** The variants in spec order. */
    static final List<String> VARIANTS = List.of("baseline", "l2", "weight-decay", "dropout", "batch-norm",
            "early-stopping", "all", "l1", "gradient-clipping", "lr-schedule");

    private static final String EARLY = EarlyStopping.builder().monitor(EarlyStopping.Monitor.of("val_loss"))
            .patience(2).restoreBestWeights(true).build().toString();

    /**
     * Writes {@code results.jsonl} and {@code spec.json} into a folder.
     *
     * @param dir the folder (exists)
     * @return the trials written
     * @throws Exception when a file cannot be written
     */
    static List<TrialResult> write(Path dir) throws Exception {
        List<TrialResult> ts = new ArrayList<>();
        for (int v = 0; v < VARIANTS.size(); v++) {
            for (long seed = 1; seed <= 3; seed++) {
                ts.add(trial(VARIANTS.get(v), v, seed));
            }
        }
        Collections.reverse(ts);
        ResultsFile.write(dir.resolve(io.regzoo.experiment.ResultsStore.FILE_NAME), ts);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", NAME);
        spec.put("models", List.of("mnist-cnn"));
        Map<String, Object> variants = new LinkedHashMap<>();
        VARIANTS.forEach(n -> variants.put(n, Map.of()));
        spec.put("variants", variants);
        Files.writeString(dir.resolve(Report.SPEC), ResultsFile.mapper().writeValueAsString(spec));
        return ts;
    }

    private static TrialResult trial(String variant, int v, long seed) {
        Random r = new Random(seed * 7919L + v * 104729L);
        r.nextLong(); // the first draws of nearby seeds are alike
        boolean bn = variant.equals("batch-norm") || variant.equals("all");
        boolean early = variant.equals("early-stopping") || variant.equals("all");
        double testAcc = 0.962 + 0.002 * (v % 5) + 0.004 * r.nextGaussian();
        List<EpochMetrics> h = new ArrayList<>();
        int epochs = early ? 3 : 4;
        for (int e = 1; e <= epochs; e++) {
            double valLoss = bn && e == 1 ? 2.9 + 0.2 * r.nextDouble() : 0.32 / e + 0.03 * r.nextDouble() + 0.005 * v;
            double valAcc = bn && e == 1 ? 0.35 + 0.05 * r.nextDouble() : testAcc - 0.06 / e + 0.004 * r.nextDouble();
            h.add(new EpochMetrics(e, 0.5 / e + 0.02 * r.nextDouble(), 0.9 + 0.02 * e, valLoss, valAcc, 1e-3,
                    20 - v * 0.6 - e + r.nextDouble(), 0.01 * e, 9.0));
        }
        double scale = variant.startsWith("l") ? 0.05 : 0.1;
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            w.add(r.nextGaussian() * scale);
        }
        return TrialResult.ok(new Trial("mnist-cnn", variant, seed), new TrialResult.Fit(early ? StopReason.EARLY_STOPPED
                : StopReason.COMPLETED, epochs, epochs, h, ""), new TrialResult.Scores(0.05, 0.99, 0.11 + 0.01 * r.nextGaussian(), testAcc,
                18 - v * 0.6 + 0.3 * r.nextGaussian(), 0.03 + 0.002 * r.nextGaussian(), w), 30.0 + v, regularization(variant),
                new TrialProvenance(NAME, null, null, seed, "mnist(train=2000, test=1000, validationSplit=0.1)", 4, 64,
                        early ? EARLY : "none", null, null, null, null,
                        EnvironmentProvenance.of(Map.of("dl4j", "1.0.0-M2.1")), null));
    }

    private static Regularization regularization(String variant) {
        return switch (variant) {
            case "l2" -> Regularization.builder().l2(5e-4).build();
            case "weight-decay" -> Regularization.builder().weightDecay(5e-4).build();
            case "dropout" -> Regularization.builder().dropoutRate(0.25).build();
            case "batch-norm" -> Regularization.builder().batchNorm(true).build();
            case "all" -> Regularization.builder().weightDecay(5e-4).dropoutRate(0.25).batchNorm(true).build();
            case "l1" -> Regularization.builder().l1(1e-4).build();
            case "gradient-clipping" -> Regularization.builder().clipNorm(1.0).build();
            default -> Regularization.none();
        };
    }
}
