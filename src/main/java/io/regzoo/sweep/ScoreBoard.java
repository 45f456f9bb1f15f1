package io.regzoo.sweep;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The cross-validated scores recorded so far: for each setting and epoch count, one score per fold.
 * A setting's score at a rung is the mean over all folds, known only when every fold is recorded.
 * A fold that failed or diverged counts as the worst possible score (accuracy 0, loss +∞), so such
 * a setting is never promoted or chosen ahead of one that trained. Not thread-safe.
 */
public final class ScoreBoard {

    private final int folds;
    private final boolean higherIsBetter;
    private final Map<Long, double[]> scores = new HashMap<>();

    /**
     * An empty board.
     *
     * @param folds the number of folds
     * @param higherIsBetter true for accuracy, false for a loss
     */
    public ScoreBoard(int folds, boolean higherIsBetter) {
        this.folds = folds;
        this.higherIsBetter = higherIsBetter;
    }

    private static long key(int setting, int epochs) {
        return ((long) setting << 32) | epochs;
    }

    /**
     * Records one fold's score.
     *
     * @param setting the setting's index
     * @param epochs the epochs it had trained
     * @param fold the fold, 0-based
     * @param score the held-out score ({@code NaN} for a failed or diverged fold)
     */
    public void record(int setting, int epochs, int fold, double score) {
        double[] s = scores.computeIfAbsent(key(setting, epochs), k -> {
            double[] a = new double[folds];
            Arrays.fill(a, Double.NaN);
            return a;
        });
        s[fold] = Double.isFinite(score) ? score : worst();
        recorded(setting, epochs)[fold] = true;
    }

    private final Map<Long, boolean[]> seen = new HashMap<>();

    private boolean[] recorded(int setting, int epochs) {
        return seen.computeIfAbsent(key(setting, epochs), k -> new boolean[folds]);
    }

    /** @return the worst score: 0 for accuracy, +∞ for a loss */
    public double worst() {
        return higherIsBetter ? 0 : Double.POSITIVE_INFINITY;
    }

    /**
     * @param setting the setting's index
     * @param epochs the epoch count
     * @param fold the fold
     * @return whether that fold is recorded
     */
    public boolean has(int setting, int epochs, int fold) {
        boolean[] r = seen.get(key(setting, epochs));
        return r != null && r[fold];
    }

    /**
     * @param setting the setting's index
     * @param epochs the epoch count
     * @return whether any fold is recorded there
     */
    public boolean started(int setting, int epochs) {
        boolean[] r = seen.get(key(setting, epochs));
        if (r == null) {
            return false;
        }
        for (boolean b : r) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param setting the setting's index
     * @param epochs the epoch count
     * @return whether every fold is recorded there
     */
    public boolean complete(int setting, int epochs) {
        boolean[] r = seen.get(key(setting, epochs));
        if (r == null) {
            return false;
        }
        for (boolean b : r) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param setting the setting's index
     * @param epochs the epoch count
     * @return the per-fold scores (a copy), or {@code null} when not complete
     */
    public double[] foldScores(int setting, int epochs) {
        return complete(setting, epochs) ? scores.get(key(setting, epochs)).clone() : null;
    }

    /**
     * @param setting the setting's index
     * @param epochs the epoch count
     * @return the mean over folds, or {@code NaN} when not complete
     */
    public double mean(int setting, int epochs) {
        double[] s = foldScores(setting, epochs);
        return s == null ? Double.NaN : Arrays.stream(s).average().orElse(Double.NaN);
    }

    /**
     * @param setting the setting's index
     * @param epochs the epoch count
     * @return the sample standard deviation over folds, or {@code NaN} when not complete
     */
    public double std(int setting, int epochs) {
        double[] s = foldScores(setting, epochs);
        if (s == null || s.length < 2) {
            return Double.NaN;
        }
        return Math.sqrt(new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(s));
    }

    /**
     * Orders two complete settings at the same rung: the better mean first, ties to the lower index.
     *
     * @param a a setting's index
     * @param b another setting's index
     * @param epochs the rung
     * @return negative when {@code a} ranks first
     */
    public int compare(int a, int b, int epochs) {
        double ma = mean(a, epochs);
        double mb = mean(b, epochs);
        int c = higherIsBetter ? Double.compare(mb, ma) : Double.compare(ma, mb);
        return c != 0 ? c : Integer.compare(a, b);
    }

    /** @return whether a higher score is better */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** @return the number of folds */
    public int folds() {
        return folds;
    }
}
