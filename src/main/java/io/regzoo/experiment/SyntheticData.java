package io.regzoo.experiment;

import io.regzoo.RegzooException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small synthetic datasets whose truth is known, generated in memory from the seed (float32):
 *
 * <ul>
 *   <li>{@code linear}: {@code y = 2x + 1 + 0.1·ε}, {@code x ∈ [0, 1)}, the first seed document's
 *       data; default 80 training + 20 test points (100 in all).</li>
 *   <li>{@code regression10}: 10 standard-normal features, {@code y = w·x + 0.5 + ε} with fixed
 *       weights {@code w ~ N(0, 1)} (generator seed 10) and unit noise; default 200 + 1,000.</li>
 *   <li>{@code sparse20}: 20 standard-normal features, only three true weights non-zero
 *       ({@code 3, −2, 1.5}), unit noise; default 50 + 1,000.</li>
 *   <li>{@code blobs}: 3 Gaussian clusters in 20 dimensions (centers {@code N(0, 1)} fixed by
 *       generator seed 3, unit spread), one-hot labels; default 300 + 300.</li>
 * </ul>
 * The true weights are fixed per dataset; the seed draws the examples and the noise. The
 * validation set is the last {@code validationSplit} of the training set.
 */
public final class SyntheticData implements DataSource {

    /** The dataset names this source provides. */
    public static final List<String> NAMES = List.of("linear", "regression10", "sparse20", "blobs");

    /** True weights of {@code sparse20} (the rest are zero). */
    static final double[] SPARSE_TRUE = {3.0, -2.0, 1.5};

    @Override
    public Splits load(DatasetSpec spec, long seed) {
        String name = spec.name();
        int trainDefault;
        int testDefault;
        switch (name) {
            case "linear":
                trainDefault = 80;
                testDefault = 20;
                break;
            case "regression10":
                trainDefault = 200;
                testDefault = 1000;
                break;
            case "sparse20":
                trainDefault = 50;
                testDefault = 1000;
                break;
            case "blobs":
                trainDefault = 300;
                testDefault = 300;
                break;
            default:
                throw new RegzooException("dataset '" + name + "' is not synthetic; synthetic datasets are " + NAMES);
        }
        int nTrain = spec.trainSize() == null ? trainDefault : spec.trainSize();
        int nTest = spec.testSize() == null ? testDefault : spec.testSize();
        int nVal = (int) Math.round(nTrain * spec.validationSplit());
        if (nTrain - nVal < 1) {
            throw new RegzooException("dataset.validationSplit " + spec.validationSplit() + " leaves no training examples of "
                    + nTrain);
        }
        Random rng = new Random(seed);
        DataSet all = generate(name, nTrain + nTest, rng);
        DataSet fit = (DataSet) all.getRange(0, nTrain - nVal);
        DataSet val = nVal == 0 ? empty(all) : (DataSet) all.getRange(nTrain - nVal, nTrain);
        DataSet test = (DataSet) all.getRange(nTrain, nTrain + nTest);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("source", "synthetic:" + name);
        prov.put(Splits.TASK, name.equals("blobs") ? "classification" : "regression");
        prov.put("dataSeed", Long.toString(seed));
        prov.put("sizes", "train=" + fit.numExamples() + ", validation=" + val.numExamples() + ", test=" + nTest);
        prov.put("sha256.train", Splits.checksum(fit));
        prov.put("sha256.test", Splits.checksum(test));
        return new Splits(fit, val, test, prov);
    }

    /**
     * Generates {@code n} examples of a synthetic dataset.
     *
     * @param name a name from {@link #NAMES}
     * @param n number of examples, ≥ 1
     * @param rng the random source (examples and noise)
     * @return features {@code [n, d]} and labels ({@code [n, 1]}, or one-hot {@code [n, 3]} for blobs)
     * @throws RegzooException for an unknown name
     */
    public static DataSet generate(String name, int n, Random rng) {
        switch (name) {
            case "linear": {
                float[][] x = new float[n][1];
                float[][] y = new float[n][1];
                for (int i = 0; i < n; i++) {
                    x[i][0] = (float) rng.nextDouble();
                    y[i][0] = (float) (2 * x[i][0] + 1 + 0.1 * rng.nextGaussian());
                }
                return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
            }
            case "regression10":
                return linearModel(fixedWeights(10, 10), 0.5, 1.0, n, rng);
            case "sparse20": {
                double[] w = new double[20];
                System.arraycopy(SPARSE_TRUE, 0, w, 0, SPARSE_TRUE.length);
                return linearModel(w, 0.0, 1.0, n, rng);
            }
            case "blobs": {
                int d = 20;
                int k = 3;
                Random c = new Random(3);
                double[][] centers = new double[k][d];
                for (double[] row : centers) {
                    for (int j = 0; j < d; j++) {
                        row[j] = c.nextGaussian();
                    }
                }
                float[][] x = new float[n][d];
                float[][] y = new float[n][k];
                for (int i = 0; i < n; i++) {
                    int cls = rng.nextInt(k);
                    y[i][cls] = 1;
                    for (int j = 0; j < d; j++) {
                        x[i][j] = (float) (centers[cls][j] + rng.nextGaussian());
                    }
                }
                return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
            }
            default:
                throw new RegzooException("unknown synthetic dataset '" + name + "'; known: " + NAMES);
        }
    }

    private static double[] fixedWeights(int d, long seed) {
        Random r = new Random(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = r.nextGaussian();
        }
        return w;
    }

    private static DataSet linearModel(double[] w, double bias, double noise, int n, Random rng) {
        int d = w.length;
        float[][] x = new float[n][d];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            double t = bias;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) rng.nextGaussian();
                t += w[j] * x[i][j];
            }
            y[i][0] = (float) (t + noise * rng.nextGaussian());
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    static DataSet empty(DataSet like) {
        long[] fs = like.getFeatures().shape().clone();
        long[] ls = like.getLabels().shape().clone();
        fs[0] = 0;
        ls[0] = 0;
        return new DataSet(Nd4j.create(like.getFeatures().dataType(), fs), Nd4j.create(like.getLabels().dataType(), ls));
    }
}
