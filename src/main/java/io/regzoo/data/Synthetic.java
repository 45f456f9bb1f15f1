package io.regzoo.data;

import java.util.Random;

/**
 * Synthetic regression data, deterministic by seed ({@link java.util.Random}; noise
 * {@code ε ~ N(0,1)} from {@link Random#nextGaussian()}). Each is returned as a regression
 * {@link ArrayDataset} (one float target per example).
 *
 * <ul>
 *   <li>{@link #linear(int, long)}: the first document's {@code y = 2x + 1 + 0.1·ε}, {@code x} uniform in [0,1).</li>
 *   <li>{@link #mlpRegression(int, long)}: 10 features {@code x ~ N(0,1)},
 *       {@code y = x·w + 0.5 + 0.1·ε} with {@link #mlpTrueWeights()}.</li>
 *   <li>{@link #sparseRegression(int, long)}: 20 features {@code x ~ N(0,1)}, only 3 non-zero
 *       true weights ({@link #sparseTrueWeights()}), {@code y = x·w + 0.1·ε}: the case where L1
 *       recovers the support and L2 only shrinks.</li>
 * </ul>
 */
public final class Synthetic {

    /** Points in the first document's linear example. */
    public static final int LINEAR_POINTS = 100;
    /** Standard deviation of the added noise in every generator. */
    public static final double NOISE = 0.1;
    /** Intercept of {@link #mlpRegression(int, long)}. */
    public static final double MLP_BIAS = 0.5;

    private static final double[] MLP_W = {1.0, -2.0, 0.5, 3.0, -1.5, 0.0, 2.0, -0.5, 1.0, -1.0};
    private static final double[] SPARSE_W = new double[20];

    static {
        SPARSE_W[0] = 3.0;
        SPARSE_W[5] = -2.0;
        SPARSE_W[12] = 1.5;
    }

    private Synthetic() {}

    /**
     * The first document's data: 100 points of {@code y = 2x + 1 + 0.1·ε}.
     *
     * @param seed the random seed
     * @return 100 examples of shape {@code [1]}
     */
    public static ArrayDataset linear(long seed) {
        return linear(LINEAR_POINTS, seed);
    }

    /**
     * {@code n} points of {@code y = 2x + 1 + 0.1·ε}, {@code x} uniform in [0,1).
     *
     * @param n the number of points (at least 1)
     * @param seed the random seed
     * @return {@code n} examples of shape {@code [1]}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ArrayDataset linear(int n, long seed) {
        checkN(n);
        Random rng = new Random(seed);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double xi = rng.nextDouble();
            x[i] = (float) xi;
            y[i] = (float) (2 * xi + 1 + NOISE * rng.nextGaussian());
        }
        return ArrayDataset.ofRegression("linear(n=" + n + ",seed=" + seed + ")", x, new int[] {1}, y);
    }

    /**
     * A 10-feature regression for the MLP: {@code x ~ N(0,1)}, {@code y = x·w + 0.5 + 0.1·ε}.
     *
     * @param n the number of examples (at least 1)
     * @param seed the random seed
     * @return {@code n} examples of shape {@code [10]}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ArrayDataset mlpRegression(int n, long seed) {
        return linearModel("mlpRegression", n, seed, MLP_W, MLP_BIAS);
    }

    /**
     * A 20-feature regression whose true weights have only 3 non-zeros (indices 0, 5, 12:
     * 3.0, -2.0, 1.5), no intercept: {@code y = x·w + 0.1·ε}.
     *
     * @param n the number of examples (at least 1)
     * @param seed the random seed
     * @return {@code n} examples of shape {@code [20]}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ArrayDataset sparseRegression(int n, long seed) {
        return linearModel("sparseRegression", n, seed, SPARSE_W, 0.0);
    }

    /**
     * The true weights of {@link #mlpRegression(int, long)}.
     *
     * @return a copy of the 10 weights
     */
    public static double[] mlpTrueWeights() {
        return MLP_W.clone();
    }

    /**
     * The true weights of {@link #sparseRegression(int, long)}.
     *
     * @return a copy of the 20 weights (3 non-zero)
     */
    public static double[] sparseTrueWeights() {
        return SPARSE_W.clone();
    }

    private static ArrayDataset linearModel(String name, int n, long seed, double[] w, double bias) {
        checkN(n);
        Random rng = new Random(seed);
        int d = w.length;
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = bias;
            for (int j = 0; j < d; j++) {
                double v = rng.nextGaussian();
                x[i * d + j] = (float) v;
                s += v * w[j];
            }
            y[i] = (float) (s + NOISE * rng.nextGaussian());
        }
        return ArrayDataset.ofRegression(name + "(n=" + n + ",seed=" + seed + ")", x, new int[] {d}, y);
    }

    private static void checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
    }
}
