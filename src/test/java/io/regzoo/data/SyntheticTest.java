package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

class SyntheticTest {
    @Test
    void linearIsTheFirstDocumentsLine() {
        ArrayDataset d = Synthetic.linear(1);
        assertEquals(100, d.size());
        assertFalse(d.isClassification());
        assertArrayEquals(d.features(), Synthetic.linear(1).features(), "deterministic by seed");
        double[] b = fit(d);
        assertEquals(1.0, b[0], 0.05); // intercept
        assertEquals(2.0, b[1], 0.1); // slope
        for (float x : d.features()) {
            assertEquals(true, x >= 0f && x < 1f);
        }
    }

    @Test
    void mlpAndSparseRegressionsRecoverTheirTrueWeights() {
        ArrayDataset mlp = Synthetic.mlpRegression(2000, 4);
        assertArrayEquals(new int[] {10}, mlp.exampleShape());
        double[] b = fit(mlp);
        assertEquals(Synthetic.MLP_BIAS, b[0], 0.02);
        double[] w = Synthetic.mlpTrueWeights();
        for (int j = 0; j < 10; j++) {
            assertEquals(w[j], b[j + 1], 0.02, "w" + j);
        }
        ArrayDataset sparse = Synthetic.sparseRegression(2000, 4);
        double[] s = fit(sparse);
        double[] sw = Synthetic.sparseTrueWeights();
        assertEquals(3, java.util.Arrays.stream(sw).filter(v -> v != 0).count());
        for (int j = 0; j < 20; j++) {
            assertEquals(sw[j], s[j + 1], 0.02, "w" + j);
        }
    }

    private static double[] fit(ArrayDataset d) {
        int n = d.size();
        int p = d.numFeatures();
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = d.feature(i, j);
            }
            y[i] = d.target(i);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        return ols.estimateRegressionParameters();
    }
}
