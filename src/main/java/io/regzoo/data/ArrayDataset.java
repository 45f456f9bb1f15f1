package io.regzoo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small immutable in-memory dataset: {@code n} examples of one shape (e.g. {@code [1,28,28]} for
 * a CNN, {@code [784]} for an MLP, {@code [10]} for a regression), stored row-major in one
 * {@code float[]}, with either class labels ({@code int[]}, classification) or one float target per
 * example (regression).
 *
 * <p>All operations return new datasets; the arrays are never exposed (accessors copy), so sharing
 * a dataset between threads and trials is safe. Subsets, splits and folds are stratified by class
 * for classification and plain random for regression, and are deterministic given the seed.
 *
 * <p>Typical use:
 * <pre>{@code
 * TrainTest mnist = Mnist.load();                       // verified, normalized to [0,1], NCHW [n,1,28,28]
 * TrainValidation tv = mnist.train().split(0.1, 42);    // stratified 90/10
 * DataSetIterator it = tv.train().iterator(64, 42);     // shuffled per epoch, one-hot labels
 * }</pre>
 */
public final class ArrayDataset {

    private final String name;
    private final float[] features;
    private final int[] exampleShape;
    private final int numFeatures;
    private final int[] labels;
    private final float[] targets;
    private final int numClasses;

    private ArrayDataset(String name, float[] features, int[] exampleShape, int[] labels, float[] targets,
                         int numClasses) {
        this.name = name;
        this.features = features;
        this.exampleShape = exampleShape;
        this.numFeatures = numFeatures(exampleShape);
        this.labels = labels;
        this.targets = targets;
        this.numClasses = numClasses;
    }

    /**
     * Creates a classification dataset, copying the arrays.
     *
     * @param name a short name for messages and provenance (e.g. {@code mnist-train})
     * @param features {@code n * prod(exampleShape)} values, example-major, row-major within an example
     * @param exampleShape the shape of one example, e.g. {@code {1, 28, 28}} or {@code {784}}
     * @param labels {@code n} class indices in {@code [0, numClasses)}
     * @param numClasses the number of classes (at least 2)
     * @return the dataset
     * @throws IllegalArgumentException naming the field if the sizes disagree or a label is out of range
     */
    public static ArrayDataset classification(String name, float[] features, int[] exampleShape, int[] labels,
                                              int numClasses) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        return ofClassification(name, features.clone(), exampleShape.clone(), labels.clone(), numClasses);
    }

    /**
     * Creates a regression dataset with one target per example, copying the arrays.
     *
     * @param name a short name for messages and provenance
     * @param features {@code n * prod(exampleShape)} values
     * @param exampleShape the shape of one example, e.g. {@code {10}}
     * @param targets {@code n} target values
     * @return the dataset
     * @throws IllegalArgumentException naming the field if the sizes disagree or a value is not finite
     */
    public static ArrayDataset regression(String name, float[] features, int[] exampleShape, float[] targets) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        return ofRegression(name, features.clone(), exampleShape.clone(), targets.clone());
    }

    /** Package-private, no copy: the caller hands over the arrays. */
    static ArrayDataset ofClassification(String name, float[] features, int[] exampleShape, int[] labels,
                                         int numClasses) {
        Objects.requireNonNull(name, "name");
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        checkShape(features, exampleShape, labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not in [0, " + numClasses + ")");
            }
        }
        return new ArrayDataset(name, features, exampleShape, labels, null, numClasses);
    }

    /** Package-private, no copy: the caller hands over the arrays. */
    static ArrayDataset ofRegression(String name, float[] features, int[] exampleShape, float[] targets) {
        Objects.requireNonNull(name, "name");
        checkShape(features, exampleShape, targets.length);
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException("targets[" + i + "] is not finite: " + targets[i]);
            }
        }
        return new ArrayDataset(name, features, exampleShape, null, targets, 0);
    }

    private static void checkShape(float[] features, int[] exampleShape, int n) {
        Objects.requireNonNull(exampleShape, "exampleShape");
        int per = numFeatures(exampleShape);
        if ((long) per * n != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values, expected " + n
                    + " examples x " + per + " (exampleShape " + Arrays.toString(exampleShape) + ")");
        }
    }

    private static int numFeatures(int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("exampleShape must have at least one dimension");
        }
        long p = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("exampleShape dimensions must be positive, got " + Arrays.toString(shape));
            }
            p *= d;
        }
        if (p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("exampleShape too large: " + Arrays.toString(shape));
        }
        return (int) p;
    }

    /**
     * The dataset's name.
     *
     * @return e.g. {@code mnist-train}, or a derived name such as {@code mnist-train[subset 1000]}
     */
    public String name() {
        return name;
    }

    /**
     * The number of examples.
     *
     * @return n
     */
    public int size() {
        return labels != null ? labels.length : targets.length;
    }

    /**
     * The shape of one example.
     *
     * @return a copy, e.g. {@code {1, 28, 28}}
     */
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /**
     * The number of values per example.
     *
     * @return the product of {@link #exampleShape()}
     */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * Whether this dataset has class labels (otherwise it has regression targets).
     *
     * @return true for classification
     */
    public boolean isClassification() {
        return labels != null;
    }

    /**
     * The number of classes.
     *
     * @return the class count, or 0 for a regression dataset
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * One feature value.
     *
     * @param example the example index
     * @param feature the index within the flattened example
     * @return the value
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public float feature(int example, int feature) {
        Objects.checkIndex(example, size());
        Objects.checkIndex(feature, numFeatures);
        return features[example * numFeatures + feature];
    }

    /**
     * One example's features, flattened.
     *
     * @param example the example index
     * @return a copy of its {@link #numFeatures()} values
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public float[] example(int example) {
        Objects.checkIndex(example, size());
        return Arrays.copyOfRange(features, example * numFeatures, (example + 1) * numFeatures);
    }

    /**
     * All features.
     *
     * @return a copy, {@code size() * numFeatures()} values
     */
    public float[] features() {
        return features.clone();
    }

    /**
     * One class label.
     *
     * @param example the example index
     * @return its class
     * @throws IllegalStateException for a regression dataset
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int label(int example) {
        requireClassification("label");
        return labels[Objects.checkIndex(example, size())];
    }

    /**
     * All class labels.
     *
     * @return a copy
     * @throws IllegalStateException for a regression dataset
     */
    public int[] labels() {
        requireClassification("labels");
        return labels.clone();
    }

    /**
     * One regression target.
     *
     * @param example the example index
     * @return its target
     * @throws IllegalStateException for a classification dataset
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public float target(int example) {
        requireRegression("target");
        return targets[Objects.checkIndex(example, size())];
    }

    /**
     * All regression targets.
     *
     * @return a copy
     * @throws IllegalStateException for a classification dataset
     */
    public float[] targets() {
        requireRegression("targets");
        return targets.clone();
    }

    /**
     * How many examples each class has.
     *
     * @return counts indexed by class
     * @throws IllegalStateException for a regression dataset
     */
    public int[] classCounts() {
        requireClassification("classCounts");
        int[] counts = new int[numClasses];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /**
     * The same examples with another example shape of the same size, sharing the data.
     *
     * @param shape the new shape, e.g. {@code 784} or {@code 1, 28, 28}
     * @return the reshaped dataset
     * @throws IllegalArgumentException if the shape has a different number of values
     */
    public ArrayDataset reshape(int... shape) {
        if (numFeatures(shape) != numFeatures) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + numFeatures(shape)
                    + " values per example, expected " + numFeatures);
        }
        return new ArrayDataset(name, features, shape.clone(), labels, targets, numClasses);
    }

    /**
     * The same examples flattened to one dimension (for an MLP).
     *
     * @return the dataset with example shape {@code [numFeatures()]}
     */
    public ArrayDataset flat() {
        return reshape(numFeatures);
    }

    /**
     * The examples at the given indices, in that order.
     *
     * @param indices example indices (repeats allowed)
     * @return the new dataset
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public ArrayDataset select(int... indices) {
        return select(indices, name + "[" + indices.length + "]");
    }

    private ArrayDataset select(int[] indices, String newName) {
        float[] f = new float[indices.length * numFeatures];
        for (int i = 0; i < indices.length; i++) {
            int idx = Objects.checkIndex(indices[i], size());
            System.arraycopy(features, idx * numFeatures, f, i * numFeatures, numFeatures);
        }
        if (labels != null) {
            int[] l = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                l[i] = labels[indices[i]];
            }
            return new ArrayDataset(newName, f, exampleShape, l, null, numClasses);
        }
        float[] t = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            t[i] = targets[indices[i]];
        }
        return new ArrayDataset(newName, f, exampleShape, null, t, 0);
    }

    /**
     * A random subset of {@code n} examples, stratified by class: each class gets its share of
     * {@code n} (largest-remainder rounding), so class proportions are kept to within one example
     * per class. Examples keep their original order.
     *
     * @param n the subset size, {@code 1..size()}
     * @param seed the random seed; same seed, same subset
     * @return the subset
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public ArrayDataset subset(int n, long seed) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("subset size n must be in [1, " + size() + "], got " + n);
        }
        if (n == size()) {
            return this;
        }
        return select(stratifiedPick(n, seed), name + "[subset " + n + " seed " + seed + "]");
    }

    /**
     * Splits off a stratified validation part of {@code round(validationFraction * size())} examples.
     *
     * @param validationFraction the held-out fraction, in {@code (0, 1)}
     * @param seed the random seed; same seed, same split
     * @return the disjoint train and validation parts
     * @throws IllegalArgumentException if the fraction is out of range or leaves a part empty
     */
    public TrainValidation split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
        }
        int nVal = (int) Math.round(validationFraction * size());
        if (nVal < 1 || nVal >= size()) {
            throw new IllegalArgumentException("validationFraction " + validationFraction + " of " + size()
                    + " examples leaves an empty part");
        }
        int[] val = stratifiedPick(nVal, seed);
        boolean[] inVal = new boolean[size()];
        for (int i : val) {
            inVal[i] = true;
        }
        int[] train = new int[size() - nVal];
        int t = 0;
        for (int i = 0; i < size(); i++) {
            if (!inVal[i]) {
                train[t++] = i;
            }
        }
        return new TrainValidation(select(train, name + "[train split seed " + seed + "]"),
                select(val, name + "[validation split seed " + seed + "]"));
    }

    /**
     * Stratified k-fold cross-validation splits ({@link KFold}'s folds: the examples of each class
     * are shuffled and dealt round-robin into {@code k} folds), so the folds partition the dataset,
     * differ in size by at most one, and keep class proportions. Fold {@code i} validates on fold
     * {@code i} and trains on the rest. Regression datasets are split without strata.
     *
     * @param k the number of folds, {@code 2..size()}
     * @param seed the random seed; same seed, same folds (the same as {@link KFold#split} gives for
     *     {@link #toDataSet()})
     * @return {@code k} train/validation splits
     * @throws IllegalArgumentException if {@code k} is out of range
     */
    public List<TrainValidation> kFold(int k, long seed) {
        if (k < 2 || k > size()) {
            throw new IllegalArgumentException("k must be in [2, " + size() + "], got " + k);
        }
        int[] foldOf = KFold.assign(size(), labels, numClasses, k, seed);
        List<TrainValidation> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[][] tv = KFold.members(foldOf, f);
            String tag = "[fold " + (f + 1) + "/" + k + " seed " + seed;
            folds.add(new TrainValidation(select(tv[0], name + tag + " train]"), select(tv[1], name + tag + " validation]")));
        }
        return List.copyOf(folds);
    }

    /**
     * The whole dataset as one ND4J {@link DataSet}: features {@code [n, exampleShape...]}, labels
     * one-hot {@code [n, numClasses]} (classification) or {@code [n, 1]} (regression), float32.
     *
     * @return a new DataSet
     */
    public DataSet toDataSet() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return batch(all, 0, all.length, new float[all.length * numFeatures], new float[all.length * labelWidth()]);
    }

    /**
     * A shuffled iterator for training: the order is reshuffled each epoch, deterministically from
     * the seed (see {@link ArrayDataSetIterator} for the order and how to save and restore it).
     *
     * @param batchSize examples per minibatch (the last one may be smaller)
     * @param seed the shuffling seed
     * @return a new iterator
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public ArrayDataSetIterator iterator(int batchSize, long seed) {
        return new ArrayDataSetIterator(this, batchSize, true, seed);
    }

    /**
     * An in-order iterator (for evaluation).
     *
     * @param batchSize examples per minibatch (the last one may be smaller)
     * @return a new iterator
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public ArrayDataSetIterator iterator(int batchSize) {
        return new ArrayDataSetIterator(this, batchSize, false, 0L);
    }

    /** Width of the label array: numClasses for one-hot, 1 for regression. */
    int labelWidth() {
        return labels != null ? numClasses : 1;
    }

    /**
     * Builds a DataSet from {@code order[from, from+count)}, using the given scratch buffers (which
     * must hold at least count examples).
     */
    DataSet batch(int[] order, int from, int count, float[] featureBuf, float[] labelBuf) {
        int width = labelWidth();
        for (int i = 0; i < count; i++) {
            int idx = order[from + i];
            System.arraycopy(features, idx * numFeatures, featureBuf, i * numFeatures, numFeatures);
        }
        if (labels != null) {
            Arrays.fill(labelBuf, 0, count * width, 0f);
            for (int i = 0; i < count; i++) {
                labelBuf[i * width + labels[order[from + i]]] = 1f;
            }
        } else {
            for (int i = 0; i < count; i++) {
                labelBuf[i] = targets[order[from + i]];
            }
        }
        long[] fShape = new long[exampleShape.length + 1];
        fShape[0] = count;
        for (int d = 0; d < exampleShape.length; d++) {
            fShape[d + 1] = exampleShape[d];
        }
        float[] fData = count * numFeatures == featureBuf.length ? featureBuf : Arrays.copyOf(featureBuf, count * numFeatures);
        float[] lData = count * width == labelBuf.length ? labelBuf : Arrays.copyOf(labelBuf, count * width);
        // detached from any workspace the caller may be in, so a kept batch stays valid
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        INDArray f;
        INDArray l;
        try {
            f = Nd4j.create(fData, fShape, DataType.FLOAT);
            l = Nd4j.create(lData, new long[] {count, width}, DataType.FLOAT);
        } finally {
            outside.close();
        }
        return new DataSet(f, l);
    }

    private List<int[]> byClass() {
        List<int[]> groups = new ArrayList<>();
        if (labels == null) {
            int[] all = new int[size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            groups.add(all);
            return groups;
        }
        int[] counts = classCounts();
        int[] fill = new int[numClasses];
        for (int c = 0; c < numClasses; c++) {
            groups.add(new int[counts[c]]);
        }
        for (int i = 0; i < labels.length; i++) {
            groups.get(labels[i])[fill[labels[i]]++] = i;
        }
        return groups;
    }

    /** Picks n indices, stratified by class (largest remainder), sorted ascending. */
    private int[] stratifiedPick(int n, long seed) {
        List<int[]> groups = byClass();
        int g = groups.size();
        int[] quota = new int[g];
        double[] remainder = new double[g];
        int assigned = 0;
        for (int c = 0; c < g; c++) {
            double exact = (double) n * groups.get(c).length / size();
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < n) {
            int best = -1;
            for (int c = 0; c < g; c++) {
                if (quota[c] < groups.get(c).length && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        Random rng = new Random(seed);
        int[] picked = new int[n];
        int p = 0;
        for (int c = 0; c < g; c++) {
            int[] members = groups.get(c);
            shuffle(members, rng);
            System.arraycopy(members, 0, picked, p, quota[c]);
            p += quota[c];
        }
        Arrays.sort(picked);
        return picked;
    }

    private void requireClassification(String what) {
        if (labels == null) {
            throw new IllegalStateException(what + "() needs a classification dataset; " + name + " is a regression dataset");
        }
    }

    private void requireRegression(String what) {
        if (targets == null) {
            throw new IllegalStateException(what + "() needs a regression dataset; " + name + " is a classification dataset");
        }
    }

    /** Fisher-Yates shuffle in place. */
    static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    @Override
    public String toString() {
        return name + " (" + size() + " x " + Arrays.toString(exampleShape)
                + (labels != null ? ", " + numClasses + " classes)" : ", regression)");
    }
}
