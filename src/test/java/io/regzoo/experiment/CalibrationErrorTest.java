package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calibration error of a trial: measured for classifiers, NaN for regressors and for old results files. */
class CalibrationErrorTest {

    @Test
    void classifierTrialsRecordTheirTestEceAndRegressorsNaN() throws Exception {
        ExperimentSpec spec = ExperimentSpec.builder("ece")
                .dataset(DatasetSpec.builder("blobs").trainSize(120).testSize(80).build())
                .models("mlp-classifier")
                .variant("baseline", Variant.of(Regularization.none()))
                .seeds(1).epochs(2).batchSize(16).optimizer(Optimizer.adam(0.003)).build();
        Splits data = new SyntheticData().load(spec.dataset(), 1);
        TrialResult cls = TrialRunner.train(spec, new Trial("mlp-classifier", "baseline", 1), data, RunListener.NONE)
                .orElseThrow().result();
        System.out.printf("mlp-classifier on blobs, 2 epochs: test ECE %.4f%n", cls.calibrationError());
        assertTrue(cls.calibrationError() > 0 && cls.calibrationError() <= 1, String.valueOf(cls.calibrationError()));
        TrialResult back = TrialCodec.fromJson(TrialCodec.toJson(cls));
        assertEquals(cls.calibrationError(), back.calibrationError(), 0.0);
        assertTrue(TrialCodec.toJson(cls).contains("\"calibrationError\":"));

        ExperimentSpec reg = spec.toBuilder().dataset(DatasetSpec.builder("linear").trainSize(40).testSize(20).build())
                .models(List.of("linear-regression")).optimizer(Optimizer.sgd(0.1)).build();
        TrialResult lin = TrialRunner.train(reg, new Trial("linear-regression", "baseline", 1),
                new SyntheticData().load(reg.dataset(), 1), RunListener.NONE).orElseThrow().result();
        assertTrue(Double.isNaN(lin.calibrationError()));
        assertTrue(TrialCodec.toJson(lin).contains("\"calibrationError\":null"));
        assertTrue(Double.isNaN(TrialCodec.fromJson(TrialCodec.toJson(lin)).calibrationError()));
    }

    @Test
    void resultsWrittenBeforeTheFieldReadAsNaN() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/results-v1/results.jsonl"));
        List<TrialResult> read = new ArrayList<>();
        for (String l : lines) {
            assertTrue(!l.contains("calibrationError"));
            read.add(TrialCodec.fromJson(l));
        }
        assertEquals(6, read.size());
        assertTrue(read.stream().anyMatch(TrialResult::isOk));
        for (TrialResult r : read) {
            assertTrue(Double.isNaN(r.calibrationError()), r.trialId());
        }
    }
}
