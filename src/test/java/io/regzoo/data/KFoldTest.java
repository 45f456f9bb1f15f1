package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The one stratified k-fold: {@link KFold} on DL4J data sets and {@link ArrayDataset#kFold(int, long)}. */
class KFoldTest {

    /** Identifies an example by its content (sample digits are distinct). */
    private static int key(ArrayDataset d, int i) {
        return Arrays.hashCode(d.example(i));
    }

    private static Set<Integer> keys(ArrayDataset d) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            s.add(key(d, i));
        }
        return s;
    }

    @Test
    void kFoldsPartitionTheDataStratified() {
        ArrayDataset train = MnistSample.load().train();
        List<TrainValidation> folds = train.kFold(5, 3);
        assertEquals(5, folds.size());
        Set<Integer> union = new HashSet<>();
        int total = 0;
        for (TrainValidation f : folds) {
            assertEquals(120, f.validation().size());
            assertEquals(480, f.train().size());
            Set<Integer> v = keys(f.validation());
            assertTrue(keys(f.train()).stream().noneMatch(v::contains));
            int[] counts = f.validation().classCounts();
            for (int c : counts) {
                assertEquals(12, c);
            }
            union.addAll(v);
            total += f.validation().size();
        }
        assertEquals(600, total);
        assertEquals(keys(train), union, "validation folds cover every example exactly once");
        assertEquals(keys(folds.get(2).validation()), keys(train.kFold(5, 3).get(2).validation()));
    }

    @Test
    void stratifiedFoldsKeepClassProportionsAndCoverEveryExample() {
        DataSet d = Synthetic.blobs(90, 1).toDataSet();
        List<KFold.Fold> folds = KFold.split(d, 3, 1, true);
        long total = 0;
        double[] all = d.getLabels().sum(0).toDoubleVector();
        for (KFold.Fold f : folds) {
            total += f.validation().numExamples();
            assertEquals(90, f.train().numExamples() + f.validation().numExamples());
            double[] c = f.validation().getLabels().sum(0).toDoubleVector();
            for (int k = 0; k < 3; k++) {
                assertEquals(all[k] / 3, c[k], 1.0);
            }
        }
        assertEquals(90, total);
    }

    @Test
    void takeGathersExactlyTheAskedRowsOfFourDimensionalFeaturesAndTheirLabels() {
        INDArray f = Nd4j.linspace(1, 5 * 2 * 3 * 3, 5 * 2 * 3 * 3, DataType.FLOAT).reshape('c', 5, 2, 3, 3);
        INDArray l = Nd4j.eye(5).castTo(DataType.FLOAT);
        int[] rows = {4, 0, 2};
        DataSet t = KFold.take(new DataSet(f, l), rows);
        assertArrayEquals(new long[] {3, 2, 3, 3}, t.getFeatures().shape());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(f.slice(rows[i]), t.getFeatures().slice(i), "features of row " + rows[i]);
            assertEquals(l.getRow(rows[i]), t.getLabels().getRow(i), "label of row " + rows[i]);
        }
    }

    /** One k-fold: the ArrayDataset folds are the DL4J folds of its {@code toDataSet()}, example for example. */
    @Test
    void arrayDatasetFoldsAreTheSameAsTheDataSetFolds() {
        for (ArrayDataset d : List.of(MnistSample.load().test().flat(), Synthetic.sparseRegression(37, 2))) {
            List<TrainValidation> a = d.kFold(4, 9);
            List<KFold.Fold> b = KFold.split(d.toDataSet(), 4, 9, d.isClassification());
            assertEquals(4, b.size());
            for (int f = 0; f < 4; f++) {
                assertEquals(a.get(f).train().toDataSet(), b.get(f).train(), d.name() + " fold " + f + " train");
                assertEquals(a.get(f).validation().toDataSet(), b.get(f).validation(), d.name() + " fold " + f + " validation");
            }
        }
    }

    /**
     * The fold assignment is pinned (values computed with the harness's earlier KFold, which shuffled
     * with {@code Collections.shuffle}): a change here would move every cross-validated λ.
     */
    @Test
    void foldAssignmentIsPinned() {
        int[] classOf = {0, 1, 0, 1, 0, 1, 2, 2, 0, 1};
        assertArrayEquals(new int[] {1, 0, 2, 2, 0, 1, 0, 2, 0, 1}, KFold.assign(10, classOf, 3, 3, 5));
        assertArrayEquals(new int[] {0, 1, 1, 0, 2}, KFold.assign(5, null, 0, 3, 5));
    }

    @Test
    void foldCountOutOfRangeIsRejected() {
        DataSet d = Synthetic.linear(10, 1).toDataSet();
        RegzooException e = assertThrows(RegzooException.class, () -> KFold.split(d, 11, 1, false));
        assertEquals("folds must be in [2, 10] (the number of training examples), got 11", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Synthetic.linear(10, 1).kFold(1, 1));
    }
}
