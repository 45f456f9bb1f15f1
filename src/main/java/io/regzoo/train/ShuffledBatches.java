package io.regzoo.train;

import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An in-memory {@link DataSetIterator} that reshuffles on every {@link #reset()} with
 * {@code seed + epoch} (ND4J's {@link DataSet#shuffle(long)} on one private copy) and then
 * splits into minibatches with {@link DataSet#batchBy(int)}. Not asynchronous: early stopping
 * and the plain loop see exactly the same batches.
 */
final class ShuffledBatches implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final DataSet work;
    private final int batchSize;
    private final long seed;
    private int epoch;
    private transient List<DataSet> batches;
    private transient Iterator<DataSet> it;
    private DataSetPreProcessor preProcessor;

    ShuffledBatches(DataSet train, int batchSize, long seed) {
        this.work = train.copy();
        this.batchSize = batchSize;
        this.seed = seed;
        reset();
    }

    int batchesPerEpoch() {
        return batches.size();
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("ShuffledBatches has a fixed batch size");
    }

    @Override
    public int inputColumns() {
        return (int) work.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) work.getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        epoch++;
        work.shuffle(seed * 1_000_003L + epoch);
        batches = Measures.split(work, batchSize);
        it = batches.iterator();
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

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public boolean hasNext() {
        return it.hasNext();
    }

    @Override
    public DataSet next() {
        DataSet d = it.next();
        if (preProcessor != null) {
            preProcessor.preProcess(d);
        }
        return d;
    }
}
