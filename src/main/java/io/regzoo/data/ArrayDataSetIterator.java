package io.regzoo.data;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A DL4J {@link DataSetIterator} over an {@link ArrayDataset} held in memory.
 *
 * <ul>
 *   <li>Features keep the dataset's example shape: {@code [b,1,28,28]} (NCHW) for a CNN dataset,
 *       {@code [b,784]} after {@link ArrayDataset#flat()}.</li>
 *   <li>Labels are one-hot {@code [b, numClasses]} (classification) or {@code [b,1]} (regression).</li>
 *   <li>When shuffling, epoch {@code e}'s order is a permutation drawn from {@code Random(seed)} after
 *       {@code e} earlier permutations: the same seed gives the same sequence of epochs. A {@link #reset()}
 *       before any batch of the current epoch was read keeps the current order (DL4J calls reset
 *       before the first epoch too).</li>
 *   <li>Batches are gathered into two scratch buffers allocated once; each {@link #next()} returns a
 *       fresh {@link DataSet} detached from any workspace, so callers may keep it.</li>
 * </ul>
 *
 * <p>{@link #asyncSupported()} is false: a batch is a memory copy of a few hundred kilobytes, and
 * DL4J's async prefetch thread would only add a thread and workspace churn.
 */
public final class ArrayDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient ArrayDataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final transient Random rng;
    private final int[] order;
    private final float[] featureBuf;
    private final float[] labelBuf;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    ArrayDataSetIterator(ArrayDataset data, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.rng = new Random(seed);
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            ArrayDataset.shuffle(order, rng);
        }
        int b = Math.min(batchSize, Math.max(1, data.size()));
        this.featureBuf = new float[b * data.numFeatures()];
        this.labelBuf = new float[b * data.labelWidth()];
    }

    /**
     * The dataset this iterator walks.
     *
     * @return the dataset
     */
    public ArrayDataset dataset() {
        return data;
    }

    /**
     * The number of completed reshuffles (0 during the first epoch).
     *
     * @return the epoch index of the current order
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Whether this iterator shuffles each epoch.
     *
     * @return true when built with a seed
     */
    public boolean shuffles() {
        return shuffle;
    }

    /**
     * The shuffling seed.
     *
     * @return the seed (0 when not shuffling)
     */
    public long seed() {
        return seed;
    }

    /**
     * The next {@code num} examples, capped at the configured batch size and at what is left.
     *
     * @param num the number of examples wanted
     * @return the minibatch
     * @throws NoSuchElementException if the epoch is exhausted
     * @throws IllegalArgumentException if {@code num < 1}
     */
    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("epoch exhausted after " + order.length + " examples; call reset()");
        }
        int count = Math.min(Math.min(num, batchSize), order.length - cursor);
        DataSet ds = data.batch(order, cursor, count, featureBuf, labelBuf);
        cursor += count;
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public int inputColumns() {
        return data.numFeatures();
    }

    @Override
    public int totalOutcomes() {
        return data.labelWidth();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts a new epoch; when shuffling, draws the next permutation unless the current epoch is unread. */
    @Override
    public void reset() {
        if (shuffle && cursor > 0) {
            ArrayDataset.shuffle(order, rng);
            epoch++;
        }
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /**
     * The class names {@code "0".."numClasses-1"}, or null for regression.
     *
     * @return the labels or null
     */
    @Override
    public List<String> getLabels() {
        if (!data.isClassification()) {
            return null;
        }
        List<String> names = new ArrayList<>(data.numClasses());
        for (int c = 0; c < data.numClasses(); c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    @Override
    public void remove() {
        throw new UnsupportedOperationException("remove");
    }
}
