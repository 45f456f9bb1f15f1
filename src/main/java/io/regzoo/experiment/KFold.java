package io.regzoo.experiment;

import io.regzoo.RegzooException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * K-fold splits of an in-memory {@link DataSet}, shuffled by seed and, for classification,
 * stratified (each fold gets each class's examples dealt round-robin). Folds are gathered with one
 * native row gather per array ({@link Nd4j#pullRows}), so MNIST-sized sets split in moments.
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
     * Splits into k folds.
     *
     * @param data the examples (labels one-hot when {@code stratified})
     * @param k number of folds, 2 ≤ k ≤ examples
     * @param seed shuffle seed
     * @param stratified keep class proportions in each fold (classification)
     * @return k folds, in order
     * @throws RegzooException when k is out of range
     */
    public static List<Fold> split(DataSet data, int k, long seed, boolean stratified) {
        int n = data.numExamples();
        if (k < 2 || k > n) {
            throw new RegzooException("folds must be in [2, " + n + "] (the number of training examples), got " + k);
        }
        Random rng = new Random(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        List<List<Integer>> groups = new ArrayList<>();
        if (stratified) {
            int classes = (int) data.getLabels().size(1);
            for (int c = 0; c < classes; c++) {
                groups.add(new ArrayList<>());
            }
            int[] cls = data.getLabels().argMax(1).toIntVector();
            for (int i = 0; i < n; i++) {
                groups.get(cls[i]).add(i);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            groups.add(all);
        }
        int next = 0;
        for (List<Integer> g : groups) {
            Collections.shuffle(g, rng);
            for (int i : g) {
                folds.get(next).add(i);
                next = (next + 1) % k;
            }
        }
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> tr = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    tr.addAll(folds.get(g));
                }
            }
            Collections.sort(tr);
            List<Integer> va = new ArrayList<>(folds.get(f));
            Collections.sort(va);
            out.add(new Fold(take(data, toArray(tr)), take(data, toArray(va))));
        }
        return out;
    }

    /** The examples at {@code rows}, in that order (features of any rank, 2-D labels). */
    static DataSet take(DataSet data, int[] rows) {
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

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
