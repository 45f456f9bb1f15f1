package io.regzoo.data;

import io.regzoo.RegzooException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The synthetic datasets: one table of name → task, input size, default sizes, generator and
 * description, shared by the Java API, the experiment harness (dataset names in specs and on the
 * command line) and the README. Every generator is deterministic in its seed
 * ({@link java.util.Random}; noise {@code ε ~ N(0,1)} from {@link Random#nextGaussian()}), stores
 * float32 features and computes each target from the stored (float) feature values.
 *
 * <table>
 *   <caption>The table</caption>
 *   <tr><th>name</th><th>task</th><th>inputs</th><th>default train + test</th><th>data</th></tr>
 *   <tr><td>{@code linear}</td><td>regression</td><td>1</td><td>80 + 20</td>
 *       <td>the first seed document's {@code y = 2x + 1 + 0.1·ε}, {@code x} uniform in [0, 1)</td></tr>
 *   <tr><td>{@code regression10}</td><td>regression</td><td>10</td><td>200 + 1,000</td>
 *       <td>the second document's MLP regression: {@code x ~ N(0,1)}, {@code y = w·x + 0.5 + ε},
 *       fixed weights {@code w ~ N(0,1)} drawn from generator seed 10 ({@link #trueWeights()})</td></tr>
 *   <tr><td>{@code sparse20}</td><td>regression</td><td>20</td><td>50 + 1,000</td>
 *       <td>{@code x ~ N(0,1)}, {@code y = w·x + ε} with only {@code w0, w1, w2 = 3, −2, 1.5}
 *       non-zero: the case where L1 recovers the support and L2 only shrinks</td></tr>
 *   <tr><td>{@code blobs}</td><td>classification</td><td>20</td><td>300 + 300</td>
 *       <td>3 Gaussian clusters (centers {@code N(0,1)} fixed by generator seed 3, unit spread),
 *       labels 0..2</td></tr>
 * </table>
 *
 * <p>The harness draws {@code train + test} examples with one generator call and splits them in
 * order (training, then validation from the training part's end, then test), so
 * {@code Synthetic.linear(42)} is exactly the 100 points a {@code linear} spec with the default sizes
 * trains, validates and tests on for seed 42.
 *
 * <pre>{@code
 * ArrayDataset line = Synthetic.linear(42);                 // 100 points of y = 2x + 1 + 0.1·ε
 * ArrayDataset sparse = Synthetic.SPARSE20.generate(50, 1); // by table entry
 * ArrayDataset same = Synthetic.fromName("sparse20").generate(50, 1);
 * }</pre>
 */
public enum Synthetic {

    /** {@code y = 2x + 1 + 0.1·ε}, {@code x} uniform in [0, 1): the first seed document's data. */
    LINEAR("linear", Task.REGRESSION, 1, 0, 80, 20,
            "y = 2x + 1 + 0.1·ε, x uniform in [0, 1): the first seed document's line (100 points by default)") {
        @Override
        ArrayDataset draw(String name, int n, Random rng) {
            float[] x = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                float xi = (float) rng.nextDouble();
                x[i] = xi;
                y[i] = (float) (2 * xi + 1 + LINEAR_NOISE * rng.nextGaussian());
            }
            return ArrayDataset.ofRegression(name, x, new int[] {1}, y);
        }
    },

    /** 10 standard-normal features, {@code y = w·x + 0.5 + ε}: the second document's MLP regression. */
    REGRESSION10("regression10", Task.REGRESSION, 10, 0, 200, 1000,
            "10 standard-normal features, y = w·x + 0.5 + ε, fixed weights w ~ N(0,1), unit noise: the second "
                    + "seed document's MLP regression") {
        @Override
        ArrayDataset draw(String name, int n, Random rng) {
            return linearModel(name, MLP_W, MLP_BIAS, n, rng);
        }
    },

    /** 20 standard-normal features, 3 non-zero true weights, no intercept, unit noise. */
    SPARSE20("sparse20", Task.REGRESSION, 20, 0, 50, 1000,
            "20 standard-normal features, only 3 non-zero true weights (3, -2, 1.5), unit noise: L1 recovers the "
                    + "support, L2 only shrinks") {
        @Override
        ArrayDataset draw(String name, int n, Random rng) {
            return linearModel(name, SPARSE_W, 0.0, n, rng);
        }
    },

    /** 3 Gaussian clusters in 20 dimensions, labels 0..2. */
    BLOBS("blobs", Task.CLASSIFICATION, 20, 3, 300, 300,
            "3 Gaussian clusters in 20 dimensions (fixed centers, unit spread), labels 0..2") {
        @Override
        ArrayDataset draw(String name, int n, Random rng) {
            int d = inputs();
            int k = classes();
            float[] x = new float[n * d];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int cls = rng.nextInt(k);
                labels[i] = cls;
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = (float) (BLOB_CENTERS[cls][j] + rng.nextGaussian());
                }
            }
            return ArrayDataset.ofClassification(name, x, new int[] {d}, labels, k);
        }
    };

    /** What a dataset asks a network to do. */
    public enum Task {
        /** One real target per example (mean squared error). */
        REGRESSION,
        /** One class label per example (one-hot in a DL4J {@code DataSet}). */
        CLASSIFICATION;

        /**
         * The lower-case name used in provenance and reports.
         *
         * @return {@code regression} or {@code classification}
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Points in the first document's linear example ({@code linear}'s default 80 + 20). */
    public static final int LINEAR_POINTS = 100;
    /** Standard deviation of {@code linear}'s noise (the first document's 0.1). */
    public static final double LINEAR_NOISE = 0.1;
    /** Intercept of {@code regression10}. */
    public static final double MLP_BIAS = 0.5;
    /** Generator seed of {@code regression10}'s fixed true weights. */
    static final long MLP_WEIGHT_SEED = 10;
    /** Generator seed of {@code blobs}' fixed cluster centers. */
    static final long BLOB_CENTER_SEED = 3;

    private static final double[] MLP_W = gaussians(1, 10, MLP_WEIGHT_SEED)[0];
    private static final double[] SPARSE_W = new double[20];
    private static final double[][] BLOB_CENTERS = gaussians(3, 20, BLOB_CENTER_SEED);

    static {
        SPARSE_W[0] = 3.0;
        SPARSE_W[1] = -2.0;
        SPARSE_W[2] = 1.5;
    }

    private final String cliName;
    private final Task task;
    private final int inputs;
    private final int classes;
    private final int defaultTrainSize;
    private final int defaultTestSize;
    private final String description;

    Synthetic(String cliName, Task task, int inputs, int classes, int defaultTrainSize, int defaultTestSize,
              String description) {
        this.cliName = cliName;
        this.task = task;
        this.inputs = inputs;
        this.classes = classes;
        this.defaultTrainSize = defaultTrainSize;
        this.defaultTestSize = defaultTestSize;
        this.description = description;
    }

    /** Draws {@code n} examples from {@code rng}. */
    abstract ArrayDataset draw(String name, int n, Random rng);

    /**
     * The dataset's name in experiment specs and on the command line.
     *
     * @return e.g. {@code linear}, {@code sparse20}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Regression or classification.
     *
     * @return the task
     */
    public Task task() {
        return task;
    }

    /**
     * The number of input features per example.
     *
     * @return 1, 10 or 20
     */
    public int inputs() {
        return inputs;
    }

    /**
     * The number of classes.
     *
     * @return the class count, or 0 for a regression dataset
     */
    public int classes() {
        return classes;
    }

    /**
     * The training-set size (before the validation split) a spec gets when it sets none.
     *
     * @return the default number of training examples
     */
    public int defaultTrainSize() {
        return defaultTrainSize;
    }

    /**
     * The test-set size a spec gets when it sets none.
     *
     * @return the default number of test examples
     */
    public int defaultTestSize() {
        return defaultTestSize;
    }

    /**
     * One line saying what the data is, for the command line and reports.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The true weights of a linear-model dataset ({@code regression10}, {@code sparse20}).
     *
     * @return a copy of the weights
     * @throws IllegalStateException for a dataset that is not a linear model
     */
    public double[] trueWeights() {
        switch (this) {
            case REGRESSION10:
                return MLP_W.clone();
            case SPARSE20:
                return SPARSE_W.clone();
            default:
                throw new IllegalStateException(cliName + " has no true weight vector");
        }
    }

    /**
     * Draws {@code n} examples with a new {@code Random(seed)}.
     *
     * @param n the number of examples (at least 1)
     * @param seed the random seed; same seed, same data
     * @return a regression dataset (one target per example) or a classification dataset (labels 0..classes-1),
     *     named {@code <name>(n=<n>,seed=<seed>)}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public ArrayDataset generate(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        return draw(cliName + "(n=" + n + ",seed=" + seed + ")", n, new Random(seed));
    }

    /**
     * Looks a dataset up by name.
     *
     * @param name e.g. {@code linear} (case-sensitive, as in specs)
     * @return the entry
     * @throws RegzooException naming the value and the known names if it is not synthetic
     */
    public static Synthetic fromName(String name) {
        for (Synthetic s : values()) {
            if (s.cliName.equals(name)) {
                return s;
            }
        }
        throw new RegzooException("dataset '" + name + "' is not synthetic; synthetic datasets are " + names());
    }

    /**
     * Whether a name is one of the synthetic datasets.
     *
     * @param name a dataset name
     * @return true if {@link #fromName(String)} finds it
     */
    public static boolean isSynthetic(String name) {
        return Arrays.stream(values()).anyMatch(s -> s.cliName.equals(name));
    }

    /**
     * The names of all synthetic datasets, in table order.
     *
     * @return {@code [linear, regression10, sparse20, blobs]}
     */
    public static List<String> names() {
        return Arrays.stream(values()).map(Synthetic::cliName).toList();
    }

    /**
     * The first document's data: {@value #LINEAR_POINTS} points of {@code y = 2x + 1 + 0.1·ε}.
     *
     * @param seed the random seed
     * @return 100 examples of shape {@code [1]}
     */
    public static ArrayDataset linear(long seed) {
        return LINEAR.generate(LINEAR_POINTS, seed);
    }

    /**
     * {@code n} points of {@code y = 2x + 1 + 0.1·ε}, {@code x} uniform in [0, 1) ({@link #LINEAR}).
     *
     * @param n the number of points (at least 1)
     * @param seed the random seed
     * @return {@code n} examples of shape {@code [1]}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ArrayDataset linear(int n, long seed) {
        return LINEAR.generate(n, seed);
    }

    /**
     * The 10-feature regression for the MLP ({@link #REGRESSION10}): {@code y = w·x + 0.5 + ε}.
     *
     * @param n the number of examples (at least 1)
     * @param seed the random seed
     * @return {@code n} examples of shape {@code [10]}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ArrayDataset mlpRegression(int n, long seed) {
        return REGRESSION10.generate(n, seed);
    }

    /**
     * The 20-feature regression with 3 non-zero true weights ({@link #SPARSE20}): {@code y = w·x + ε}.
     *
     * @param n the number of examples (at least 1)
     * @param seed the random seed
     * @return {@code n} examples of shape {@code [20]}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ArrayDataset sparseRegression(int n, long seed) {
        return SPARSE20.generate(n, seed);
    }

    /**
     * Three Gaussian clusters in 20 dimensions ({@link #BLOBS}).
     *
     * @param n the number of examples (at least 1)
     * @param seed the random seed
     * @return {@code n} examples of shape {@code [20]}, 3 classes
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ArrayDataset blobs(int n, long seed) {
        return BLOBS.generate(n, seed);
    }

    /**
     * The true weights of {@link #mlpRegression(int, long)}.
     *
     * @return a copy of the 10 weights
     */
    public static double[] mlpTrueWeights() {
        return REGRESSION10.trueWeights();
    }

    /**
     * The true weights of {@link #sparseRegression(int, long)}.
     *
     * @return a copy of the 20 weights (3 non-zero)
     */
    public static double[] sparseTrueWeights() {
        return SPARSE20.trueWeights();
    }

    private static ArrayDataset linearModel(String name, double[] w, double bias, int n, Random rng) {
        int d = w.length;
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double t = bias;
            for (int j = 0; j < d; j++) {
                float v = (float) rng.nextGaussian();
                x[i * d + j] = v;
                t += w[j] * v;
            }
            y[i] = (float) (t + rng.nextGaussian());
        }
        return ArrayDataset.ofRegression(name, x, new int[] {d}, y);
    }

    private static double[][] gaussians(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return m;
    }
}
