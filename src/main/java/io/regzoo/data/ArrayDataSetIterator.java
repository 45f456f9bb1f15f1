package io.regzoo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The in-memory minibatch iterator: a DL4J {@link DataSetIterator} over an {@link ArrayDataset}
 * ({@link ArrayDataset#iterator(int, long)}) or a DL4J {@link DataSet}
 * ({@link #shuffled(DataSet, int, long)}), reshuffled every epoch from a seed. regzoo's trainer uses
 * it, and it can be passed to DL4J directly ({@code net.fit(it)}, {@code EarlyStoppingTrainer}).
 *
 * <ul>
 *   <li>Features keep the examples' shape: {@code [b,1,28,28]} (NCHW) for a CNN dataset,
 *       {@code [b,784]} after {@link ArrayDataset#flat()}. Labels are one-hot {@code [b, classes]}
 *       (classification) or {@code [b,1]} (regression).</li>
 *   <li><b>Order.</b> Epoch {@code e}'s order is the identity permutation shuffled successively
 *       with the keys {@code seed·1000003 + 1}, …, {@code seed·1000003 + e + 1}, each exactly as
 *       ND4J's {@link DataSet#shuffle(long)} moves the examples (its interleaved map,
 *       {@link ArrayUtil#buildInterleavedVector}). Batches are consecutive slices of that order; the
 *       last one may be smaller. The same seed gives the same sequence of epochs; a new iterator
 *       starts at epoch 0.</li>
 *   <li><b>Reset.</b> {@link #reset()} starts the next epoch's order once any batch of the current
 *       epoch was read; a reset before the first batch keeps the current order (DL4J resets before
 *       the first epoch too).</li>
 *   <li><b>State.</b> {@link #position()} reports the seed and epoch of the current order;
 *       {@link #restore(Position)} goes back (or forward) to it, so a resumed run sees the same data
 *       order as an uninterrupted one. A restored iterator starts that epoch from its first batch.</li>
 *   <li>Each {@link #next()} returns a fresh {@link DataSet} detached from any workspace, so callers
 *       may keep it (except in {@link #reusingBatches()} mode). {@link #asyncSupported()} is false:
 *       a batch is a memory copy, and DL4J's prefetch thread would add a thread that calls ND4J,
 *       which slows the training thread's OpenMP regions (see {@link #reusingBatches()}).</li>
 * </ul>
 *
 * <pre>{@code
 * ArrayDataSetIterator it = ArrayDataSetIterator.shuffled(train, 64, 42);
 * net.fit(it, 3);                                    // three epochs: orders 0, 1, 2
 * ArrayDataSetIterator.Position p = it.position();  // save with the checkpoint
 * ArrayDataSetIterator again = ArrayDataSetIterator.shuffled(train, 64, 42);
 * again.restore(p);                                  // same order as `it` now
 * }</pre>
 */
public final class ArrayDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    /** Multiplier of the seed in the per-epoch shuffle keys ({@code seed·1000003 + e + 1}). */
    static final long KEY_STRIDE = 1_000_003L;

    /**
     * Where an iterator is in its sequence of epoch orders: together with the data and the batch
     * size, enough to reproduce the order of the current epoch.
     *
     * @param seed the shuffling seed (0 for an in-order iterator)
     * @param epoch the epoch whose order is current, ≥ 0 (the number of reshuffles since epoch 0)
     */
    public record Position(long seed, int epoch) {
        /**
         * Checks the epoch.
         *
         * @param seed the shuffling seed
         * @param epoch the epoch, ≥ 0
         * @throws IllegalArgumentException if {@code epoch < 0}
         */
        public Position {
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
            }
        }
    }

    /** Where batches are gathered from: an ArrayDataset's arrays or a DL4J data set. */
    private interface Rows {
        /** @return the number of examples */
        int size();

        /** @return values per example */
        int inputColumns();

        /** @return label columns */
        int totalOutcomes();

        /** @return class names, or null */
        List<String> labels();

        /**
         * @param order the example order
         * @param from the first position in {@code order}
         * @param count how many examples
         * @return the examples {@code order[from, from + count)} as a new data set
         */
        DataSet gather(int[] order, int from, int count);

        /**
         * As {@link #gather}, into the arrays of {@code into} (same shapes, from an earlier call), or
         * into new arrays when it is null or this source cannot write into arrays.
         *
         * @param order the example order
         * @param from the first position in {@code order}
         * @param count how many examples
         * @param into the previous batch to overwrite, or null
         * @return {@code into} refilled, or a new data set
         */
        default DataSet gatherInto(int[] order, int from, int count, DataSet into) {
            return gather(order, from, count);
        }

        /** @return the examples as row-major native arrays a background thread may copy rows from, or null */
        default RowSource rowSource() {
            return null;
        }
    }

    /**
     * Features and labels whose examples are contiguous blocks of native memory (c order without
     * gaps, one data type each), so a batch is one {@code memcpy} per example and array.
     *
     * @param features the features, {@code [n, ...]}
     * @param labels the labels, {@code [n, ...]}
     */
    private record RowSource(INDArray features, INDArray labels) {
        /** @return the source, or null when either array's rows are not contiguous blocks */
        static RowSource of(INDArray features, INDArray labels) {
            return features.rank() >= 2 && labels.rank() >= 2 && rowMajor(features) && rowMajor(labels)
                    ? new RowSource(features, labels) : null;
        }

        static long address(INDArray a) {
            return a.data().address() + a.offset() * a.dataType().width();
        }

        static long rowBytes(INDArray a) {
            return a.length() / a.size(0) * a.dataType().width();
        }

        /** @return a new detached array for {@code count} examples shaped as {@code a}'s, its contents undefined */
        static INDArray batchOf(INDArray a, int count) {
            long[] shape = a.shape().clone();
            shape[0] = count;
            return Nd4j.createUninitializedDetached(a.dataType(), shape);
        }
    }

    private final transient Rows rows;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;
    private boolean reuse;
    /**
     * Reuse mode over a row source: the chunk {@link #next()} hands batches out of, the index of the
     * next one in it, and the other chunk (free, or being filled by {@link #pending}).
     */
    private transient Chunk ready;
    private int readyNext;
    private transient Chunk ahead;
    private transient Future<?> pending;
    /** Reuse mode without a row source: the batch {@link #next()} returned last and the other pair. */
    private transient DataSet current;
    private transient DataSet spare;
    /** Batches per chunk when set (tests: small data would fit in one chunk), else sized by bytes. */
    private int chunkBatchesForTest;
    /** The row source of reuse mode (null when the data has none), and whether it was looked up. */
    private transient RowSource source;
    private boolean sourceKnown;
    /** The next epoch's order, being computed in the background, and for which epoch. */
    private transient Future<int[]> nextOrder;
    private int nextOrderEpoch = -1;
    /** Whether {@link #order} holds epoch {@link #epoch}'s order (false only while constructing). */
    private boolean ordered;

    /** This iterator's gathering thread in reuse mode (created when first needed). */
    private transient ExecutorService gatherer;

    /**
     * Where the next epochs' orders are computed in reuse mode: daemon threads, ended after a
     * minute idle, so an iterator dropped mid-epoch leaves nothing running.
     */
    private static final ExecutorService ORDERS = Executors.newCachedThreadPool(daemons("regzoo-epoch-order"));

    private static ThreadFactory daemons(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * One daemon thread with a queue: a hand-off to a waiting thread, never a new thread per task
     * (a cached pool starts one whenever its last worker has not yet come back to wait), ended after
     * 30 s idle.
     */
    private static ExecutorService gatheringThread() {
        ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemons("regzoo-batch-prefetch"));
        one.allowCoreThreadTimeOut(true);
        return one;
    }

    /** About how many bytes of batches one background task gathers (it also bounds the chunk's memory). */
    static final long CHUNK_BYTES = 4L << 20;

    /** The most batches in one chunk. */
    static final int MAX_CHUNK_BATCHES = 32;

    /**
     * Consecutive batches of the order, gathered together: reusable arrays for full batches and for
     * the epoch's short last batch, allocated on the caller's thread; filled by a background task
     * that only copies memory.
     */
    private static final class Chunk {
        final DataSet[] full;
        DataSet tail;
        /** The batches it holds, in order. */
        final DataSet[] batches;
        int count;
        /** Where in the order its first example is, -1 when it holds nothing valid. */
        int from = -1;
        int examples;

        Chunk(int capacity) {
            full = new DataSet[capacity];
            batches = new DataSet[capacity];
        }
    }

    /** @return how many batches one chunk holds: {@link #CHUNK_BYTES} worth, 2 to {@link #MAX_CHUNK_BATCHES} */
    private int chunkBatches() {
        if (chunkBatchesForTest > 0) {
            return chunkBatchesForTest;
        }
        long perBatch = Math.max(1, batchSize * (RowSource.rowBytes(source.features()) + RowSource.rowBytes(source.labels())));
        return (int) Math.max(2, Math.min(MAX_CHUNK_BATCHES, CHUNK_BYTES / perBatch));
    }

    /**
     * Points {@code c} at up to {@code most} batches from {@code from} and allocates the arrays they
     * need (on the calling thread: the background only copies), detached from any workspace.
     */
    private void plan(Chunk c, int from, int most) {
        c.from = from;
        c.count = 0;
        int at = from;
        while (c.count < most && at < order.length) {
            int n = Math.min(batchSize, order.length - at);
            DataSet b;
            if (n == batchSize) {
                if (c.full[c.count] == null) {
                    c.full[c.count] = new DataSet(RowSource.batchOf(source.features(), n), RowSource.batchOf(source.labels(), n));
                }
                b = c.full[c.count];
            } else {
                if (c.tail == null || c.tail.numExamples() != n) {
                    c.tail = new DataSet(RowSource.batchOf(source.features(), n), RowSource.batchOf(source.labels(), n));
                }
                b = c.tail;
            }
            c.batches[c.count++] = b;
            at += n;
        }
        c.examples = at - from;
    }

    /**
     * A task that fills a planned chunk: plain memory copies between addresses worked out here, on
     * the calling thread. It calls nothing in ND4J: a native op from a second thread would give
     * OpenMP a second thread team, and from then on the training thread's parallel regions wake
     * their workers from sleep (measured: every later step about 1.5× slower at batch 64).
     */
    private Runnable filler(Chunk c) {
        int[] picked = Arrays.copyOfRange(order, c.from, c.from + c.examples);
        RowSource src = source;
        long fromF = RowSource.address(src.features());
        long fromL = RowSource.address(src.labels());
        long rowF = RowSource.rowBytes(src.features());
        long rowL = RowSource.rowBytes(src.labels());
        long[] toF = new long[c.count];
        long[] toL = new long[c.count];
        int[] sizes = new int[c.count];
        for (int i = 0; i < c.count; i++) {
            toF[i] = RowSource.address(c.batches[i].getFeatures());
            toL[i] = RowSource.address(c.batches[i].getLabels());
            sizes[i] = c.batches[i].numExamples();
        }
        return () -> {
            int at = 0;
            for (int i = 0; i < sizes.length; i++) {
                copyRows(fromF, toF[i], rowF, picked, at, sizes[i]);
                copyRows(fromL, toL[i], rowL, picked, at, sizes[i]);
                at += sizes[i];
            }
            // the arrays must outlive the copy: ND4J frees native memory once its array is unreachable
            java.lang.ref.Reference.reachabilityFence(src);
            java.lang.ref.Reference.reachabilityFence(c);
        };
    }

    private ArrayDataSetIterator(Rows rows, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.rows = rows;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = shuffle ? seed : 0L;
        this.order = new int[rows.size()];
        restore(new Position(this.seed, 0));
    }

    /** Over an ArrayDataset (see {@link ArrayDataset#iterator(int, long)}). */
    ArrayDataSetIterator(ArrayDataset data, int batchSize, boolean shuffle, long seed) {
        this(arrayRows(data, Math.min(batchSize, Math.max(1, data.size()))), batchSize, shuffle, seed);
    }

    /**
     * A shuffling iterator over a DL4J data set held in memory; batches are gathered natively
     * ({@link Nd4j#pullRows}), the data set itself is never modified.
     *
     * @param data the examples (features of any rank, 2-D labels; no masks)
     * @param batchSize examples per minibatch, ≥ 1 (the last one may be smaller)
     * @param seed the shuffling seed
     * @return the iterator, at epoch 0
     * @throws IllegalArgumentException if {@code batchSize < 1} or {@code data} has no examples
     */
    public static ArrayDataSetIterator shuffled(DataSet data, int batchSize, long seed) {
        return new ArrayDataSetIterator(dataSetRows(data), batchSize, true, seed);
    }

    /**
     * An in-order iterator over a DL4J data set (for evaluation).
     *
     * @param data the examples
     * @param batchSize examples per minibatch, ≥ 1 (the last one may be smaller)
     * @return the iterator
     * @throws IllegalArgumentException if {@code batchSize < 1} or {@code data} has no examples
     */
    public static ArrayDataSetIterator inOrder(DataSet data, int batchSize) {
        return new ArrayDataSetIterator(dataSetRows(data), batchSize, false, 0L);
    }

    private static Rows dataSetRows(DataSet data) {
        Objects.requireNonNull(data, "data");
        if (data.numExamples() < 1) {
            throw new IllegalArgumentException("the data set has no examples");
        }
        return new Rows() {
            @Override
            public int size() {
                return data.numExamples();
            }

            @Override
            public int inputColumns() {
                return (int) (data.getFeatures().length() / data.numExamples());
            }

            @Override
            public int totalOutcomes() {
                return (int) data.getLabels().size(1);
            }

            @Override
            public List<String> labels() {
                return null;
            }

            @Override
            public DataSet gather(int[] order, int from, int count) {
                return KFold.take(data, Arrays.copyOfRange(order, from, from + count));
            }

            @Override
            public DataSet gatherInto(int[] order, int from, int count, DataSet into) {
                if (into == null || into.numExamples() != count) {
                    return gather(order, from, count);
                }
                int[] picked = Arrays.copyOfRange(order, from, from + count);
                if (!copyRows(data.getFeatures(), into.getFeatures(), picked)) {
                    Nd4j.pullRows(flat(data.getFeatures()), flat(into.getFeatures()), 1, picked);
                }
                if (!copyRows(data.getLabels(), into.getLabels(), picked)) {
                    Nd4j.pullRows(flat(data.getLabels()), flat(into.getLabels()), 1, picked);
                }
                return into;
            }

            /** @return a 2-D {@code [rows, values]} view of a c-ordered array */
            private INDArray flat(INDArray a) {
                return a.rank() == 2 ? a : a.reshape('c', a.size(0), a.length() / a.size(0));
            }

            @Override
            public RowSource rowSource() {
                return RowSource.of(data.getFeatures(), data.getLabels());
            }
        };
    }

    /**
     * Copies rows {@code picked} of {@code src} into the consecutive rows of {@code dst}, one native
     * {@code memcpy} per row, instead of {@code Nd4j.pullRows}: for MNIST images and labels 0.09 against
     * 0.22–0.26 ms per minibatch of 64, and 0.5 against 0.86 ms per minibatch of 256. Only for arrays whose rows are contiguous blocks: both laid
     * out in c order without gaps (views with an offset included) and of one data type.
     *
     * @return whether it copied; {@code false} leaves {@code dst} untouched for the caller's fallback
     */
    static boolean copyRows(INDArray src, INDArray dst, int[] picked) {
        if (src.dataType() != dst.dataType() || src.rank() < 2 || dst.rank() < 2 || dst.size(0) != picked.length
                || !rowMajor(src) || !rowMajor(dst)) {
            return false;
        }
        long row = src.length() / src.size(0);
        if (dst.length() / dst.size(0) != row) {
            return false;
        }
        long rows = src.size(0);
        for (int p : picked) {
            if (p < 0 || p >= rows) {
                throw new IndexOutOfBoundsException("row " + p + " of " + rows);
            }
        }
        copyRows(RowSource.address(src), RowSource.address(dst), RowSource.rowBytes(src), picked, 0, picked.length);
        return true;
    }

    /**
     * Copies rows {@code picked[at, at + n)} of the rows of {@code bytes} bytes at {@code from} into
     * consecutive rows at {@code to}: one {@code memcpy} each, nothing else (indices unchecked).
     */
    private static void copyRows(long from, long to, long bytes, int[] picked, int at, int n) {
        NativeAddress s = new NativeAddress();
        NativeAddress d = new NativeAddress();
        for (int i = 0; i < n; i++) {
            Pointer.memcpy(d.at(to + i * bytes), s.at(from + picked[at + i] * bytes), bytes);
        }
    }

    /** @return whether the array's elements lie in its buffer in c order without gaps (size-1 dimensions aside) */
    private static boolean rowMajor(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expect) {
                return false;
            }
            expect *= shape[i];
        }
        return true;
    }

    /** A reusable JavaCPP pointer at a native address (no deallocator: the memory is ND4J's). */
    private static final class NativeAddress extends Pointer {
        NativeAddress at(long a) {
            this.address = a;
            return this;
        }
    }

    private static Rows arrayRows(ArrayDataset data, int bufferExamples) {
        float[] featureBuf = new float[bufferExamples * data.numFeatures()];
        float[] labelBuf = new float[bufferExamples * data.labelWidth()];
        return new Rows() {
            @Override
            public int size() {
                return data.size();
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
            public List<String> labels() {
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
            public DataSet gather(int[] order, int from, int count) {
                return data.batch(order, from, count, featureBuf, labelBuf);
            }
        };
    }

    /**
     * The Trainer's mode, for a caller that is done with a batch before it asks for the next one
     * ({@code net.fit(batch)}); a caller that keeps batches must not call this. Two things change,
     * none of them the batches' contents or order:
     * <ul>
     *   <li>Minibatches of a DL4J data set (rows contiguous in memory) are copied into arrays
     *       allocated once and used again every chunk (below): no allocation per minibatch. Over
     *       an {@link ArrayDataset}, or a data set whose rows are not contiguous, batches are
     *       gathered when asked for, into two pairs of arrays in turn (ArrayDataset iterators:
     *       new arrays, as before).</li>
     *   <li>A background thread copies the rows of a <em>chunk</em> of consecutive batches (about
     *       {@link #CHUNK_BYTES} bytes, 2 to {@link #MAX_CHUNK_BATCHES} batches) while the caller
     *       trains on the chunk before it, and computes the next epoch's order: the gather from
     *       shuffled rows (cache and TLB misses in a large array) is off the training thread, and
     *       waking that thread, which costs about as much as the copy, happens once per chunk.
     *       The background thread only copies memory: every allocation and ND4J call is on the
     *       caller's thread (a native op elsewhere gives OpenMP a second thread team, and the
     *       training thread's parallel regions then wake their workers from sleep every time).
     *       An epoch's first batch is copied on the caller's thread. {@link #next()} waits for a
     *       chunk that is not finished; an error in the background is thrown there.</li>
     * </ul>
     * A batch stays intact until the next one is asked for. With a {@linkplain #setPreProcessor
     * pre-processor} set, batches are new arrays gathered when asked for, as without this mode.
     *
     * @return this iterator
     */
    public ArrayDataSetIterator reusingBatches() {
        this.reuse = true;
        return this;
    }

    /**
     * Reuse mode with {@code k} batches per background gather instead of {@link #CHUNK_BYTES} worth
     * (for tests, whose data sets would fit in one).
     *
     * @param k batches per chunk, ≥ 1
     * @return this iterator
     */
    ArrayDataSetIterator reusingBatches(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        chunkBatchesForTest = k;
        return reusingBatches();
    }

    /**
     * The seed and epoch of the current order.
     *
     * @return the position; {@link #restore(Position)} on an iterator over the same data returns to it
     */
    public Position position() {
        return new Position(seed, epoch);
    }

    /**
     * Makes {@code p.epoch()}'s order current and starts it from its first batch: forward from the
     * current epoch, or recomputed from epoch 0 to go back (one reshuffle per epoch, each about a
     * millisecond for 60,000 examples).
     *
     * @param p a position from {@link #position()} of an iterator with the same seed
     * @throws IllegalArgumentException if the position's seed is not this iterator's
     */
    public void restore(Position p) {
        Objects.requireNonNull(p, "position");
        if (p.seed() != seed) {
            throw new IllegalArgumentException("position has seed " + p.seed() + ", this iterator " + seed);
        }
        dropChunks();
        if (!ordered || p.epoch() < epoch) {
            nextOrder = null;
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            epoch = 0;
            if (shuffle) {
                permute(1);
            }
            ordered = true;
        }
        while (epoch < p.epoch()) {
            advance();
        }
        cursor = 0;
    }

    /** The next epoch's order (computed in the background already, in reuse mode). */
    private void advance() {
        dropChunks();
        epoch++;
        if (!shuffle) {
            return;
        }
        if (nextOrder != null && nextOrderEpoch == epoch) {
            System.arraycopy(await(nextOrder), 0, order, 0, order.length);
        } else {
            permute(epoch + 1);
        }
        nextOrder = null;
    }

    /** Moves the order as {@code DataSet.shuffle(seed·1000003 + step)} moves examples. */
    private void permute(int step) {
        permute(order, seed, step);
    }

    /** Moves {@code order} as {@code DataSet.shuffle(seed·1000003 + step)} moves examples. */
    private static void permute(int[] order, long seed, int step) {
        if (order.length < 2) {
            return; // DataSet.shuffle leaves fewer than 2 examples alone
        }
        int[] map = interleavedVector(new Random(seed * KEY_STRIDE + step), order.length);
        for (int i = 0; i < map.length; i++) { // ArrayUtil.shuffleWithMap, on ints
            if (map[i] >= 0) {
                int t = order[i];
                order[i] = order[map[i]];
                order[map[i]] = t;
            }
        }
    }

    /**
     * The map {@link ArrayUtil#buildInterleavedVector(Random, int)} returns, drawing the same random
     * numbers from {@code rng}, in O(n): ND4J's version removes from the head of an
     * {@code ArrayList} once per even index, O(n²), ≈ 55 ms per epoch for 60,000 examples.
     *
     * @param rng the generator, advanced exactly as ND4J's method advances it
     * @param length the number of examples, ≥ 2
     * @return for each even index the odd index it swaps with ({@code -1} for none), as ND4J's
     */
    static int[] interleavedVector(Random rng, int length) {
        List<Integer> odd = new ArrayList<>(length / 2);
        for (int i = 1; i < length; i += 2) {
            odd.add(i);
        }
        Collections.shuffle(odd, rng);
        int[] map = new int[length];
        Arrays.fill(map, -1);
        for (int k = 0; k < odd.size(); k++) {
            map[2 * k] = odd.get(k); // the k-th even index takes the k-th shuffled odd index
        }
        if (length % 2 != 0) { // ND4J swaps the last entry with a random even one
            int clause = 2 * rng.nextInt(odd.size());
            int t = map[clause];
            map[clause] = map[length - 1];
            map[length - 1] = t;
        }
        return map;
    }

    /** Whether batches are written into reused arrays: reuse mode without a pre-processor. */
    private boolean reusing() {
        return reuse && preProcessor == null;
    }

    /** @return the data's row source (looked up once), or null */
    private RowSource source() {
        if (!sourceKnown) {
            source = rows.rowSource();
            sourceKnown = true;
        }
        return source;
    }

    /** Starts computing the next epoch's order in the background, once per epoch (shuffling iterators). */
    private void orderAhead() {
        if (shuffle && nextOrder == null) {
            int[] from = order.clone();
            int step = epoch + 2; // the key advance() will use for epoch + 1
            nextOrderEpoch = epoch + 1;
            nextOrder = ORDERS.submit(() -> {
                permute(from, seed, step);
                return from;
            });
        }
    }

    /**
     * The batch at {@link #cursor} in reuse mode over a row source: from the ready chunk, else from
     * the chunk gathered in the background (waiting for it), else gathered here (an epoch's first
     * batch, or after a restore). On entering a chunk it starts the gather of the one after it.
     */
    private DataSet chunkBatch() {
        if (ready != null && ready.from >= 0 && readyNext < ready.count && ready.from + readyNext * batchSize == cursor) {
            return ready.batches[readyNext++];
        }
        Chunk next;
        if (pending != null && ahead.from == cursor) {
            Future<?> p = pending;
            pending = null;
            await(p);
            next = ahead;
            ahead = ready; // the caller is done with its last batch: it asked for this one
        } else {
            dropChunks();
            next = ready != null ? ready : new Chunk(chunkBatches());
            plan(next, cursor, 1);
            filler(next).run();
        }
        ready = next;
        readyNext = 0;
        int after = ready.from + ready.examples;
        if (after < order.length) {
            if (ahead == null) {
                ahead = new Chunk(chunkBatches());
            }
            plan(ahead, after, ahead.full.length);
            if (gatherer == null) {
                gatherer = gatheringThread();
            }
            pending = gatherer.submit(filler(ahead));
        }
        orderAhead();
        return ready.batches[readyNext++];
    }

    /** Forgets the gathered chunks (the order or the position changes), waiting for a fill in progress. */
    private void dropChunks() {
        if (pending != null) {
            Future<?> p = pending;
            pending = null;
            await(p);
        }
        if (ready != null) {
            ready.from = -1;
        }
        if (ahead != null) {
            ahead.from = -1;
        }
        readyNext = 0;
    }

    /**
     * The result of background work, waiting for it without giving up on an interrupt (the
     * interrupt is kept for the caller to see), its exception thrown here.
     */
    private static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("gathering a minibatch failed: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The current epoch (0 until the first reshuffle).
     *
     * @return the epoch of the current order
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
     * The number of examples per epoch.
     *
     * @return the data set's size
     */
    public int numExamples() {
        return order.length;
    }

    /**
     * The number of minibatches in one epoch.
     *
     * @return {@code ceil(numExamples / batch)}
     */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
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
        if (reusing()) {
            if (source() == null) { // gathered here into two pairs of arrays in turn
                DataSet ds;
                try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    ds = rows.gatherInto(order, cursor, count, spare);
                }
                spare = current; // the caller is done with the batch before this one
                current = ds;
                cursor += count;
                return ds;
            }
            if (count == Math.min(batchSize, order.length - cursor)) {
                DataSet ds = chunkBatch();
                cursor += count;
                return ds;
            }
            dropChunks(); // fewer examples than a batch asked for: new arrays, and chunks start again after it
        }
        DataSet ds;
        // detached from any workspace the caller may be in, so a kept batch stays valid
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            ds = rows.gather(order, cursor, count);
        }
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
        return rows.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return rows.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch's order, unless no batch of the current epoch was read yet. */
    @Override
    public void reset() {
        if (cursor > 0) {
            advance();
            cursor = 0;
        }
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        dropChunks();
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /**
     * The class names {@code "0".."numClasses-1"} of an {@link ArrayDataset} classification set;
     * null for regression and for iterators over a DL4J {@link DataSet}.
     *
     * @return the labels or null
     */
    @Override
    public List<String> getLabels() {
        return rows.labels();
    }

    @Override
    public void remove() {
        throw new UnsupportedOperationException("remove");
    }
}
