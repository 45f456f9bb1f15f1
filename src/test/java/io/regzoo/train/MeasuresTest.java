package io.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.DatasetSpec;
import io.regzoo.experiment.Splits;
import io.regzoo.experiment.SyntheticData;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.stats.Calibration;
import io.regzoo.zoo.MlpClassifier;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class MeasuresTest {

    @Test
    void calibrationErrorIsTheEceOfTheInferenceModeSoftmaxOverEveryBatch() {
        // 1,100 test examples: three inference batches of at most 512.
        Splits s = new SyntheticData().load(DatasetSpec.builder("blobs").trainSize(150).testSize(1100)
                .validationSplit(0.2).build(), 4);
        TrainRun run = Trainer.builder().epochs(2).batchSize(16).seed(4).build()
                .fit(MlpClassifier.builder().inputs(20).classes(3).hiddenUnits(8).regularization(
                        Regularization.builder().dropoutRate(0.5).dropoutBeforeOutput(true).build()).optimizer(Optimizer.adam(0.003)).build(),
                        s.train(), s.validation());
        MultiLayerNetwork net = run.network();
        DataSet test = s.test();
        assertTrue(test.numExamples() > 2 * Measures.EVAL_BATCH);

        INDArray out = net.output(test.getFeatures(), false);
        double[][] p = out.toDoubleMatrix();
        int[] labels = test.getLabels().argMax(1).toIntVector();
        double expected = Calibration.expectedCalibrationError(p, labels);

        double ece = Measures.calibrationError(net, test);
        System.out.printf("ECE on %d blobs test examples after 2 epochs: %.4f%n", test.numExamples(), ece);
        assertEquals(expected, ece, 1e-6);
        assertTrue(ece > 0 && ece < 1, "a briefly trained network is not perfectly calibrated: " + ece);
    }

    @Test
    void batchesOfAViewCoverEveryExampleInOrder() {
        // A test set cut out of one array (as the synthetic data are): ND4J's getRange on such a view drops rows.
        DataSet view = (DataSet) new DataSet(Nd4j.rand(1250, 20), Nd4j.rand(1250, 3)).getRange(150, 1250);
        List<DataSet> batches = Measures.split(view, Measures.EVAL_BATCH);
        assertEquals(List.of(512, 512, 76), batches.stream().map(DataSet::numExamples).toList());
        assertEquals(view.getFeatures().dup(), Nd4j.vstack(batches.stream().map(DataSet::getFeatures).toArray(INDArray[]::new)));
    }
}
