package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.EpochMetrics;
import io.regzoo.train.Trainer;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** A promoted setting continues from its checkpoint: 1 + 2 epochs equal 3 straight. */
class SweepContinuationTest {

    private static final long SEED = 5;

    private static ExperimentSpec spec(Regularization r) {
        return ExperimentSpec.builder("continuation")
                .dataset(DatasetSpec.builder("blobs").trainSize(300).testSize(50).validationSplit(0).build())
                .models("mlp-classifier").variant("v", Variant.of(r)).seeds(SEED).epochs(3).batchSize(32)
                .optimizer(Optimizer.adam(1e-2)).build();
    }

    private static MultiLayerNetwork fresh(ExperimentSpec spec, Splits s) {
        return spec.network("mlp-classifier", "v", SEED, s.numFeatures(), s.numLabels()).init();
    }

    private static void fit(MultiLayerNetwork net, DataSet train, int from, int to) {
        SweepUnits.fit(net, train, 32, SEED, from, to, (e, score, secs) -> new EpochMetrics(e, score, 0, 0, 0, 0, 0, 0, 0),
                (e, i, p, s) -> { });
    }

    private static double maxDiff(MultiLayerNetwork a, MultiLayerNetwork b) {
        return a.params().sub(b.params()).amax().getDouble(0);
    }

    @Test
    void onePlusTwoEpochsEqualThreeStraightWithAdamAndDropout(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = spec(Regularization.builder().l2(1e-3).dropoutRate(0.3).dropoutBeforeOutput(true).build());
        Splits s = new SyntheticData().load(spec.dataset(), SEED);
        DataSet train = s.train();

        MultiLayerNetwork straight = fresh(spec, s);
        fit(straight, train, 0, 3);

        MultiLayerNetwork first = fresh(spec, s);
        fit(first, train, 0, 1);
        Path ckpt = SweepUnit.checkpoint(dir, "s00", 0, 1);
        SweepUnits.save(first, ckpt, SEED, 1);
        MultiLayerNetwork resumed = SweepUnits.restore(ckpt, SEED, 1);
        fit(resumed, train, 1, 3);

        double d = maxDiff(straight, resumed);
        assertTrue(d < 1e-5, "1 + 2 epochs differ from 3 straight by " + d);
        assertTrue(maxDiff(straight, first) > 1e-3, "the check can tell 1 epoch from 3");
        MultiLayerNetwork again = fresh(spec, s);
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(99);
        fit(again, train, 0, 3);
        assertEquals(0, maxDiff(straight, again), 0, "dropout masks do not depend on the global generator's state");

        // without the updater state (Adam's moments) the continuation is not the same training
        MultiLayerNetwork noUpdater = ModelSerializer.restoreMultiLayerNetwork(ckpt.toFile(), false);
        fit(noUpdater, train, 1, 3);
        assertTrue(maxDiff(straight, noUpdater) > 1e-4, "updater state matters: " + maxDiff(straight, noUpdater));

        assertThrows(RegzooException.class, () -> SweepUnits.restore(ckpt, SEED + 1, 1), "another run's data order");
        assertThrows(RegzooException.class, () -> SweepUnits.restore(dir.resolve("none.zip"), SEED, 1));
    }

    @Test
    void withoutDropoutItIsTheTrainersTraining() {
        ExperimentSpec spec = spec(Regularization.builder().l2(1e-3).build());
        Splits s = new SyntheticData().load(spec.dataset(), SEED);
        MultiLayerNetwork mine = fresh(spec, s);
        fit(mine, s.train(), 0, 3);
        MultiLayerNetwork trainers = Trainer.builder().epochs(3).batchSize(32).seed(SEED).build()
                .fit(spec.network("mlp-classifier", "v", SEED, s.numFeatures(), s.numLabels()), s.train(), null)
                .network();
        assertEquals(0, maxDiff(mine, trainers), 1e-6);
    }
}
