package io.regzoo.data;

import io.regzoo.RegzooException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stratified k-fold cross-validation, the one implementation behind {@link ArrayDataset#kFold(int, long)}
 * and the harness's sweeps.
 *
 * <p>The folds: the examples are grouped by class (one group of all examples when not stratified
 * or for regression), each group in ascending index order is shuffled with {@code Random(seed)}
 * (one generator for all groups, classes in order; Fisher-Yates as in
 * {@link java.util.Collections#shuffle(List, Random)}), and the shuffled examples are dealt
 * round-robin into folds {@code 0..k-1}, continuing across groups. So the folds partition the data,
 * differ in size by at most one, and keep class proportions to within one example per class. Fold
 * {@code i} validates on its examples and trains on all others; both keep the original order.
 *
 * <p>{@link #split(DataSet, int, long, boolean)} gathers each fold from a DL4J {@link DataSet} with
 * one native row gather per array ({@link Nd4j#pullRows}), so MNIST-sized sets split in moments.
 */
public final class KFold {

    /**
     * One fold: train on {@code train}, score on {@code validation}.
     *
     * @param train the other k−1 folds
     * @param validation this fold
     */
    public record Fold(DataSet train, DataSet validation) {}

    private KFold() {}

    /**
     * Splits a DL4J data set into k folds.
     *
     * @param data the examples (labels one-hot when {@code stratified})
     * @param k number of folds, 2 ≤ k ≤ examples
     * @param seed shuffle seed; same seed, same folds
     * @param stratified keep class proportions in each fold (classification)
     * @return k folds, in order
     * @throws RegzooException when k is out of range
     */
    public static List<Fold> split(DataSet data, int k, long seed, boolean stratified) {
        int n = data.numExamples();
        if (k < 2 || k > n) {
            throw new RegzooException("folds must be in [2, " + n + "] (the number of training examples), got " + k);
        }
        int[] classOf = null;
        int classes = 1;
        if (stratified) {
            classes = (int) data.getLabels().size(1);
            classOf = data.getLabels().argMax(1).toIntVector();
        }
        int[] foldOf = assign(n, classOf, classes, k, seed);
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[][] tv = members(foldOf, f);
            out.add(new Fold(take(data, tv[0]), take(data, tv[1])));
        }
        return List.copyOf(out);
    }

    /**
     * The fold of every example.
     *
     * @param n the number of examples
     * @param classOf each example's class, or {@code null} to treat all examples as one group
     * @param classes the number of classes (ignored when {@code classOf} is null)
     * @param k the number of folds, 2 ≤ k ≤ n (checked by the callers)
     * @param seed the shuffle seed
     * @return {@code foldOf[i]} in {@code [0, k)}
     */
    static int[] assign(int n, int[] classOf, int classes, int k, long seed) {
        List<int[]> groups = new ArrayList<>();
        if (classOf == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            groups.add(all);
        } else {
            int[] counts = new int[classes];
            for (int c : classOf) {
                counts[c]++;
            }
            int[] fill = new int[classes];
            for (int c = 0; c < classes; c++) {
                groups.add(new int[counts[c]]);
            }
            for (int i = 0; i < n; i++) {
                groups.get(classOf[i])[fill[classOf[i]]++] = i;
            }
        }
        int[] foldOf = new int[n];
        int next = 0;
        Random rng = new Random(seed);
        for (int[] g : groups) {
            ArrayDataset.shuffle(g, rng);
            for (int i : g) {
                foldOf[i] = next;
                next = (next + 1) % k;
            }
        }
        return foldOf;
    }

    /**
     * The training and validation indices of fold {@code f}, each ascending.
     *
     * @param foldOf the fold of every example
     * @param f the fold
     * @return {@code {train, validation}}
     */
    static int[][] members(int[] foldOf, int f) {
        int nVal = (int) Arrays.stream(foldOf).filter(x -> x == f).count();
        int[] val = new int[nVal];
        int[] train = new int[foldOf.length - nVal];
        int v = 0;
        int t = 0;
        for (int i = 0; i < foldOf.length; i++) {
            if (foldOf[i] == f) {
                val[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new int[][] {train, val};
    }

    /**
     * The examples at {@code rows}, in that order, gathered natively (features of any rank, 2-D labels).
     *
     * @param data the data set
     * @param rows example indices (repeats allowed)
     * @return a new data set of {@code rows.length} examples
     */
    public static DataSet take(DataSet data, int[] rows) {
        return new DataSet(takeRows(data.getFeatures(), rows), takeRows(data.getLabels(), rows));
    }

    private static INDArray takeRows(INDArray a, int[] rows) {
        long[] shape = a.shape();
        INDArray flat = a.rank() == 2 ? a : a.reshape('c', shape[0], a.length() / shape[0]);
        INDArray picked = Nd4j.pullRows(flat, 1, rows, 'c');
        if (a.rank() == 2) {
            return picked;
        }
        long[] out = shape.clone();
        out[0] = rows.length;
        return picked.reshape('c', out);
    }
}
