package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The one in-memory iterator: its order, its state, and both kinds of data it walks. */
class ArrayDataSetIteratorTest {

    /**
     * The order regzoo's trainer has always used (0.1's {@code ShuffledBatches}, kept here as the
     * reference): a private copy shuffled in place with ND4J's {@code DataSet.shuffle(seed·1000003 + k)},
     * once when built and once more before each epoch, cut into consecutive minibatches.
     */
    private static List<List<DataSet>> historicalTrainerOrder(DataSet train, int batch, long seed, int epochs) {
        DataSet work = train.copy();
        int k = 1;
        work.shuffle(seed * 1_000_003L + k);
        List<List<DataSet>> out = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            k++;
            work.shuffle(seed * 1_000_003L + k);
            List<DataSet> batches = new ArrayList<>();
            for (int from = 0; from < work.numExamples(); from += batch) {
                DataSet b = (DataSet) work.getRange(from, Math.min(work.numExamples(), from + batch));
                batches.add(new DataSet(b.getFeatures().dup(), b.getLabels().dup()));
            }
            out.add(batches);
        }
        return out;
    }

    /** What the trainer does: position (seed, 1), then reset before every epoch. */
    private static List<List<DataSet>> trainerEpochs(ArrayDataSetIterator it, long seed, int epochs) {
        it.restore(new ArrayDataSetIterator.Position(seed, 1));
        List<List<DataSet>> out = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            it.reset();
            out.add(epoch(it));
        }
        return out;
    }

    private static List<DataSet> epoch(ArrayDataSetIterator it) {
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next());
        }
        return batches;
    }

    /** Exactly the same shapes and float bits. */
    static void assertSameData(DataSet want, DataSet got, String what) {
        assertArrayEquals(want.getFeatures().shape(), got.getFeatures().shape(), what + ": feature shape");
        assertArrayEquals(want.getLabels().shape(), got.getLabels().shape(), what + ": label shape");
        assertArrayEquals(want.getFeatures().dup('c').data().asFloat(), got.getFeatures().dup('c').data().asFloat(),
                what + ": features");
        assertArrayEquals(want.getLabels().dup('c').data().asFloat(), got.getLabels().dup('c').data().asFloat(),
                what + ": labels");
    }

    private static void assertSameEpoch(List<DataSet> want, List<DataSet> got, String what) {
        assertEquals(want.size(), got.size(), what + ": batches");
        for (int b = 0; b < want.size(); b++) {
            assertSameData(want.get(b), got.get(b), what + ", batch " + b);
        }
    }

    @Test
    void trainerOrderIsBitForBitTheHistoricalOrder() {
        DataSet images = MnistSample.load().test().toDataSet(); // [200,1,28,28], one-hot
        DataSet regression = Synthetic.mlpRegression(61, 4).toDataSet();
        DataSet two = Synthetic.linear(2, 1).toDataSet();
        for (DataSet d : List.of(images, regression, two)) {
            for (long seed : new long[] {1, 7, 42}) {
                int batch = d.numExamples() == 2 ? 1 : 16;
                List<List<DataSet>> want = historicalTrainerOrder(d, batch, seed, 4);
                ArrayDataSetIterator it = ArrayDataSetIterator.shuffled(d, batch, seed);
                List<List<DataSet>> got = trainerEpochs(it, seed, 4);
                assertEquals(want.size(), got.size());
                for (int e = 0; e < want.size(); e++) {
                    assertEquals(want.get(e).size(), got.get(e).size(), "batches in epoch " + (e + 1));
                    assertEquals(it.batchesPerEpoch(), got.get(e).size());
                    assertSameEpoch(want.get(e), got.get(e), "seed " + seed + ", epoch " + (e + 1) + " of "
                            + d.numExamples() + " examples");
                }
                assertEquals(new ArrayDataSetIterator.Position(seed, 4), it.position());
            }
        }
    }

    /** The O(n) shuffle map is ND4J's map, and draws exactly ND4J's random numbers. */
    @Test
    void interleavedVectorIsNd4jsMapAndLeavesTheGeneratorWhereNd4jDoes() {
        int[] lengths = {2, 3, 4, 5, 7, 64, 101, 1000, 59_999, 60_000};
        for (int n : lengths) {
            for (long key = 1; key <= 3; key++) {
                java.util.Random nd4j = new java.util.Random(key * 1_000_003L + 7);
                java.util.Random ours = new java.util.Random(key * 1_000_003L + 7);
                assertArrayEquals(org.nd4j.common.util.ArrayUtil.buildInterleavedVector(nd4j, n),
                        ArrayDataSetIterator.interleavedVector(ours, n), "length " + n + ", key " + key);
                assertEquals(nd4j.nextLong(), ours.nextLong(), "generator state after length " + n);
            }
        }
    }

    /**
     * The Trainer's mode: the same batches bit for bit, each intact until the next is asked for
     * while the background thread copies the chunk after it; from the second epoch on, only arrays
     * the first epoch allocated (chunks of 3 batches here: 200 examples are 12 batches of 16, then 8).
     */
    @Test
    void reusingBatchesGivesTheSameOrderInTheSameArrays() throws InterruptedException {
        DataSet images = MnistSample.load().test().toDataSet();
        long seed = 7;
        List<List<DataSet>> want = historicalTrainerOrder(images, 16, seed, 3);
        ArrayDataSetIterator it = ArrayDataSetIterator.shuffled(images, 16, seed).reusingBatches(3);
        it.restore(new ArrayDataSetIterator.Position(seed, 1));
        java.util.Set<INDArray> firstEpoch = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int e = 0; e < want.size(); e++) {
            it.reset();
            for (int b = 0; b < want.get(e).size(); b++) {
                DataSet got = it.next();
                Thread.sleep(3); // let the background thread copy the next chunk (into other arrays)
                assertSameData(want.get(e).get(b), got, "epoch " + (e + 1) + ", batch " + b); // before the next overwrites it
                if (e == 0) {
                    firstEpoch.add(got.getFeatures());
                } else {
                    assertTrue(firstEpoch.contains(got.getFeatures()),
                            "epoch " + (e + 1) + ", batch " + b + " is in arrays the first epoch allocated");
                }
            }
            assertFalse(it.hasNext());
        }
        assertTrue(firstEpoch.size() <= 2 * 3 + 2, firstEpoch.size() + " feature arrays for chunks of 3 and a short batch");
    }

    /**
     * The Trainer's row copy: the rows {@code Nd4j.pullRows} picks, for 4-d images, for a view with
     * an offset, and no copy (the caller's fallback) for an f-ordered source or mismatched shapes.
     */
    @Test
    void copyRowsPicksTheSameRowsAsPullRows() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 30, 1, 4, 5);
        int[] picked = {7, 0, 29, 7, 13};
        INDArray flat = images.reshape('c', 30, 20);
        INDArray want = Nd4j.pullRows(flat, 1, picked);
        INDArray got = Nd4j.create(DataType.FLOAT, 5, 1, 4, 5);
        assertTrue(ArrayDataSetIterator.copyRows(images, got, picked));
        assertEquals(want, got.reshape('c', 5, 20));

        INDArray tail = flat.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all()); // a view starting at row 10
        INDArray two = Nd4j.create(DataType.FLOAT, 2, 20);
        assertTrue(ArrayDataSetIterator.copyRows(tail, two, new int[] {0, 19}));
        assertEquals(flat.getRow(10), two.getRow(0));
        assertEquals(flat.getRow(29), two.getRow(1));

        INDArray fOrder = flat.dup('f');
        assertFalse(ArrayDataSetIterator.copyRows(fOrder, two, new int[] {0, 1}), "rows of an f-ordered array are not contiguous");
        assertFalse(ArrayDataSetIterator.copyRows(flat, two, new int[] {0, 1, 2}), "3 rows into 2");
        assertEquals(flat.getRow(29), two.getRow(1), "untouched when refused");
        assertThrows(IndexOutOfBoundsException.class, () -> ArrayDataSetIterator.copyRows(flat, two, new int[] {0, 30}));
    }

    /** A restore in the middle of an epoch, with the next batch already gathered in the background. */
    @Test
    void reusingBatchesRestoredMidEpochStartsThatEpochAgain() {
        DataSet images = MnistSample.load().test().toDataSet();
        long seed = 11;
        List<List<DataSet>> want = historicalTrainerOrder(images, 16, seed, 3);
        ArrayDataSetIterator it = ArrayDataSetIterator.shuffled(images, 16, seed).reusingBatches(3);
        it.restore(new ArrayDataSetIterator.Position(seed, 1));
        it.reset();
        it.next();
        it.next(); // batches 2-4 are being copied now
        it.restore(new ArrayDataSetIterator.Position(seed, 2)); // forward, from the middle of epoch 1
        it.reset();
        for (int b = 0; b < want.get(1).size(); b++) {
            assertSameData(want.get(1).get(b), it.next(), "epoch 2 after a restore, batch " + b);
        }
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void restoredPositionGivesTheSameOrderAsAnUninterruptedRun() {
        DataSet d = Synthetic.blobs(50, 3).toDataSet();
        ArrayDataSetIterator run = ArrayDataSetIterator.shuffled(d, 8, 5);
        for (int e = 0; e < 3; e++) {
            epoch(run);
            run.reset();
        }
        ArrayDataSetIterator.Position saved = run.position();
        assertEquals(new ArrayDataSetIterator.Position(5, 3), saved);
        List<DataSet> next = epoch(run);

        ArrayDataSetIterator resumed = ArrayDataSetIterator.shuffled(d, 8, 5);
        resumed.restore(saved);
        assertSameEpoch(next, epoch(resumed), "same data order after restore");
        resumed.restore(new ArrayDataSetIterator.Position(5, 0));
        assertSameEpoch(epoch(ArrayDataSetIterator.shuffled(d, 8, 5)), epoch(resumed), "back to epoch 0");
        assertThrows(IllegalArgumentException.class, () -> resumed.restore(new ArrayDataSetIterator.Position(6, 0)));
        assertThrows(IllegalArgumentException.class, () -> new ArrayDataSetIterator.Position(5, -1));
    }

    @Test
    void arrayDatasetAndDataSetIteratorsGiveTheSameBatches() {
        ArrayDataset train = MnistSample.load().train().flat();
        ArrayDataSetIterator a = train.iterator(64, 42);
        ArrayDataSetIterator b = ArrayDataSetIterator.shuffled(train.toDataSet(), 64, 42);
        for (int e = 0; e < 2; e++) {
            a.reset();
            b.reset();
            assertSameEpoch(epoch(b), epoch(a), "epoch " + e);
        }
        assertEquals(b.position(), a.position());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), a.getLabels());
        assertNull(b.getLabels());
        assertEquals(784, b.inputColumns());
        assertEquals(10, b.totalOutcomes());
    }

    @Test
    void inOrderIteratorWalksInOrderEveryEpochAndKeepsBatchesValid() {
        DataSet d = Synthetic.linear(10, 2).toDataSet();
        ArrayDataSetIterator it = ArrayDataSetIterator.inOrder(d, 4);
        assertFalse(it.shuffles());
        List<DataSet> first = epoch(it);
        assertEquals(3, first.size());
        assertSameData((DataSet) d.getRange(4, 8), first.get(1), "in order");
        it.reset();
        assertSameEpoch(first, epoch(it), "every epoch in order");
        DataSet small = ArrayDataSetIterator.shuffled(d, 4, 1).next(2);
        assertEquals(2, small.numExamples(), "next(num) takes at most num");
        assertNotEquals(epoch(ArrayDataSetIterator.shuffled(d, 10, 1)), epoch(ArrayDataSetIterator.shuffled(d, 10, 2)),
                "another seed, another order");
        assertThrows(IllegalArgumentException.class, () -> ArrayDataSetIterator.shuffled(d, 0, 1));
    }
}
