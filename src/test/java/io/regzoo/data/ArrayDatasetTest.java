package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class ArrayDatasetTest {
    private static TrainTest sample;

    @BeforeAll
    static void load() {
        sample = MnistSample.load();
    }

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
    void sampleIsStratifiedRealDigitsInUnitRange() {
        ArrayDataset train = sample.train();
        assertEquals(MnistSample.TRAIN_SIZE, train.size());
        assertEquals(MnistSample.TEST_SIZE, sample.test().size());
        int[] sixty = new int[10];
        Arrays.fill(sixty, 60);
        assertArrayEquals(sixty, train.classCounts());
        assertArrayEquals(new int[] {1, 28, 28}, train.exampleShape());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : train.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        assertEquals(600, keys(train).size(), "sample digits are distinct");
        assertEquals(200, MnistSample.fashion().test().size());
    }

    @Test
    void stratifiedSubsetKeepsProportionsAndIsReproducible() {
        ArrayDataset train = sample.train();
        // make the classes unbalanced first: drop most of class 0
        int[] idx = java.util.stream.IntStream.range(0, train.size())
                .filter(i -> train.label(i) != 0 || i % 6 == 0).toArray();
        ArrayDataset unbalanced = train.select(idx);
        ArrayDataset sub = unbalanced.subset(137, 5);
        assertEquals(137, sub.size());
        int[] full = unbalanced.classCounts();
        int[] part = sub.classCounts();
        for (int c = 0; c < 10; c++) {
            double p = (double) full[c] / unbalanced.size();
            double q = (double) part[c] / sub.size();
            assertTrue(Math.abs(p - q) <= 0.01, "class " + c + ": " + p + " vs " + q);
        }
        assertEquals(keys(sub), keys(unbalanced.subset(137, 5)), "same seed, same subset");
        assertNotEquals(keys(sub), keys(unbalanced.subset(137, 6)), "another seed, another subset");
        assertThrows(IllegalArgumentException.class, () -> train.subset(601, 1));
    }

    @Test
    void splitIsDisjointCompleteStratifiedAndReproducible() {
        ArrayDataset train = sample.train();
        TrainValidation tv = train.split(0.2, 42);
        assertEquals(120, tv.validation().size());
        assertEquals(480, tv.train().size());
        Set<Integer> a = keys(tv.train());
        Set<Integer> b = keys(tv.validation());
        assertTrue(a.stream().noneMatch(b::contains));
        a.addAll(b);
        assertEquals(keys(train), a);
        int[] twelve = new int[10];
        Arrays.fill(twelve, 12);
        assertArrayEquals(twelve, tv.validation().classCounts());
        assertEquals(keys(tv.validation()), keys(train.split(0.2, 42).validation()));
        assertThrows(IllegalArgumentException.class, () -> train.split(1.0, 1));
    }

    @Test
    void toDataSetIsNchwWithOneHotLabels() {
        DataSet ds = sample.test().toDataSet();
        assertArrayEquals(new long[] {200, 1, 28, 28}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {200, 10}, ds.getLabels().shape());
        INDArray rowSums = ds.getLabels().sum(1);
        assertEquals(200.0, rowSums.sumNumber().doubleValue(), 0.0);
        int l7 = sample.test().label(7);
        assertEquals(1f, ds.getLabels().getFloat(7, l7));
        assertEquals(sample.test().feature(7, 300), ds.getFeatures().getFloat(7, 0, 10, 20));
        assertArrayEquals(new long[] {200, 784}, sample.test().flat().toDataSet().getFeatures().shape());
    }

    @Test
    void iteratorCoversEachExampleOncePerEpochAndReshufflesBySeed() {
        ArrayDataset train = sample.train().flat();
        ArrayDataSetIterator it = train.iterator(64, 42);
        assertFalse(it.asyncSupported());
        assertTrue(it.resetSupported());
        assertEquals(784, it.inputColumns());
        assertEquals(10, it.totalOutcomes());
        it.reset(); // DL4J resets before the first epoch: must not skip epoch 0's order
        List<Float> epoch0 = firstColumnSums(it, train.size());
        it.reset();
        List<Float> epoch1 = firstColumnSums(it, train.size());
        assertNotEquals(epoch0, epoch1, "a new order each epoch");
        ArrayDataSetIterator same = train.iterator(64, 42);
        assertEquals(epoch0, firstColumnSums(same, train.size()), "same seed, same epoch 0");
        same.reset();
        assertEquals(epoch1, firstColumnSums(same, train.size()), "same seed, same epoch 1");
    }

    /** Walks one epoch, checks batch shapes and that every example appears once; returns per-batch checksums. */
    private static List<Float> firstColumnSums(ArrayDataSetIterator it, int n) {
        List<Float> sums = new java.util.ArrayList<>();
        int seen = 0;
        double labelTotal = 0;
        while (it.hasNext()) {
            DataSet b = it.next();
            long rows = b.getFeatures().size(0);
            assertEquals(Math.min(64, n - seen), rows);
            assertArrayEquals(new long[] {rows, 784}, b.getFeatures().shape());
            assertArrayEquals(new long[] {rows, 10}, b.getLabels().shape());
            labelTotal += b.getLabels().sumNumber().doubleValue();
            sums.add(b.getFeatures().sumNumber().floatValue());
            seen += rows;
        }
        assertEquals(n, seen);
        assertEquals(n, labelTotal, 0.0, "one-hot: one 1 per row");
        return sums;
    }

    @Test
    void inOrderIteratorMatchesToDataSetAndHandlesRegression() {
        ArrayDataset test = sample.test();
        ArrayDataSetIterator it = test.iterator(64);
        DataSet first = it.next();
        assertArrayEquals(new long[] {64, 1, 28, 28}, first.getFeatures().shape());
        assertEquals(test.toDataSet().getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64)),
                first.getFeatures());
        ArrayDataset lin = Synthetic.linear(3);
        DataSet all = lin.iterator(1000).next();
        assertArrayEquals(new long[] {100, 1}, all.getFeatures().shape());
        assertArrayEquals(new long[] {100, 1}, all.getLabels().shape());
        assertEquals(lin.target(5), all.getLabels().getFloat(5, 0));
        assertEquals(null, lin.iterator(10).getLabels());
        assertEquals(100, lin.kFold(4, 1).stream().mapToInt(f -> f.validation().size()).sum());
    }

    @Test
    void validationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayDataset.classification("x", new float[4], new int[] {2}, new int[] {0, 3}, 3));
        assertEquals("labels[1] = 3 is not in [0, 3)", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ArrayDataset.regression("x", new float[5], new int[] {2}, new float[2]));
        assertTrue(e2.getMessage().startsWith("features has 5 values, expected 2 examples x 2"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sample.train().iterator(0));
        assertThrows(IllegalStateException.class, () -> Synthetic.linear(1).labels());
    }
}
