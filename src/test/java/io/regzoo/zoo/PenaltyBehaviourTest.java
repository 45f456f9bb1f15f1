package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** What each penalty does to training, checked against theory on small problems. */
@org.junit.jupiter.api.Tag("slow")
class PenaltyBehaviourTest {

    /** The first document's data: y = 2x + 1 + 0.1·ε, 100 points, x uniform in [0, 1). */
    static DataSet documentLine(long seed) {
        Random r = new Random(seed);
        double[][] x = new double[100][1];
        double[][] y = new double[100][1];
        for (int i = 0; i < 100; i++) {
            x[i][0] = r.nextDouble();
            y[i][0] = 2 * x[i][0] + 1 + 0.1 * r.nextGaussian();
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    @Test
    void ridgeByFullBatchGradientDescentReachesTheClosedForm() {
        DataSet d = documentLine(1);
        int n = 100;
        double lambda = 0.5;
        MultiLayerNetwork net = LinearRegression.builder().dataType(DataType.DOUBLE).optimizer(Optimizer.sgd(0.5))
                .regularization(Regularization.builder().l2(lambda).build()).build().init();
        for (int i = 0; i < 3000; i++) {
            net.fit(d);
        }
        // DL4J minimizes (1/n)·Σ(w·x + b − y)² + λ/2·w² (MSE has no ½; the bias is not penalized).
        // Centering removes b: w = Σ(xc·yc) / (Σxc² + n·λ/2), b = ȳ − w·x̄.
        double[] x = d.getFeatures().toDoubleVector();
        double[] y = d.getLabels().toDoubleVector();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double w = sxy / (sxx + n * lambda / 2);
        double b = my - w * mx;
        double gotW = net.getParam("0_W").getDouble(0);
        double gotB = net.getParam("0_b").getDouble(0);
        assertEquals(w, gotW, 1e-3, "ridge weight");
        assertEquals(b, gotB, 1e-3, "unpenalized bias");
        // The penalty really acted: the unpenalized slope is clearly larger.
        assertTrue(sxy / sxx - w > 0.3, "penalty shrank the slope: ols " + sxy / sxx + " vs ridge " + w);
    }

    static INDArray trainMlp(Regularization reg, Optimizer opt, int steps) {
        Random r = new Random(3);
        double[][] x = new double[32][10];
        double[][] y = new double[32][1];
        for (int i = 0; i < 32; i++) {
            for (int j = 0; j < 10; j++) {
                x[i][j] = r.nextGaussian();
                y[i][0] += (j + 1) * 0.1 * x[i][j];
            }
        }
        DataSet d = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
        MultiLayerNetwork net = MlpRegressor.builder().dataType(DataType.DOUBLE).seed(5).regularization(reg).optimizer(opt)
                .build().init();
        for (int i = 0; i < steps; i++) {
            net.fit(d);
        }
        return net.params().dup();
    }

    @Test
    void underSgdL2EqualsWeightDecayUnderAdamItDoesNot() {
        double lambda = 0.05;
        Regularization l2 = Regularization.builder().l2(lambda).build();
        Regularization wd = Regularization.builder().weightDecay(lambda, true).build();

        INDArray sgdL2 = trainMlp(l2, Optimizer.sgd(0.05), 100);
        INDArray sgdWd = trainMlp(wd, Optimizer.sgd(0.05), 100);
        INDArray sgdNone = trainMlp(Regularization.none(), Optimizer.sgd(0.05), 100);
        double sgdDiff = sgdL2.sub(sgdWd).amaxNumber().doubleValue();
        assertTrue(sgdDiff < 1e-6, "SGD: L2 and weight decay should coincide, max |Δθ| = " + sgdDiff);
        assertTrue(sgdL2.sub(sgdNone).amaxNumber().doubleValue() > 1e-3, "the penalty must have acted at all");

        INDArray adamL2 = trainMlp(l2, Optimizer.adam(0.01), 100);
        INDArray adamWd = trainMlp(wd, Optimizer.adam(0.01), 100);
        double adamDiff = adamL2.sub(adamWd).amaxNumber().doubleValue();
        System.out.printf("max |θ_L2 − θ_WD| after 100 steps: SGD %.2e, Adam %.2e%n", sgdDiff, adamDiff);
        assertTrue(adamDiff > 1e-3, "Adam: L2 (scaled by the adaptive step) and decoupled decay must differ, max |Δθ| = " + adamDiff);
    }

    @Test
    void l1LeavesMoreNearZeroWeightsThanL2OnASparseTruth() {
        Random r = new Random(11);
        int n = 200;
        int p = 20;
        double[] truth = new double[p];
        truth[0] = 2.0;
        truth[5] = -1.5;
        truth[12] = 1.0;
        double[][] x = new double[n][p];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
                y[i][0] += truth[j] * x[i][j];
            }
            y[i][0] += 0.1 * r.nextGaussian();
        }
        DataSet d = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
        int l1Zeros = nearZeros(d, Regularization.builder().l1(0.1).build(), p);
        int l2Zeros = nearZeros(d, Regularization.builder().l2(0.1).build(), p);
        System.out.printf("weights with |w| < 0.01 of 17 truly zero: L1 %d, L2 %d%n", l1Zeros, l2Zeros);
        assertTrue(l1Zeros >= 14, "L1 should zero most of the 17 irrelevant weights, got " + l1Zeros);
        assertTrue(l1Zeros > l2Zeros + 5, "L1 " + l1Zeros + " vs L2 " + l2Zeros);
    }

    private static int nearZeros(DataSet d, Regularization reg, int p) {
        MultiLayerNetwork net = LinearRegression.builder().inputs(p).dataType(DataType.DOUBLE).optimizer(Optimizer.sgd(0.02))
                .regularization(reg).build().init();
        for (int i = 0; i < 1500; i++) {
            net.fit(d);
        }
        INDArray w = net.getParam("0_W");
        int zeros = 0;
        for (int j = 0; j < p; j++) {
            if (Math.abs(w.getDouble(j)) < 0.01) {
                zeros++;
            }
        }
        return zeros;
    }

    @Test
    void dropoutRateIsTheFractionDroppedAtTrainingAndNoneAtInference() {
        ZooNetwork cnn = MnistCnn.builder().activation(Activation.TANH).seed(1)
                .regularization(Regularization.builder().dropoutRate(0.25).build()).build();
        MultiLayerNetwork net = cnn.init();
        Nd4j.getRandom().setSeed(99);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 1, 28, 28);
        int dense = indexOf(net, "dense");
        // The dense layer's input: pool2's output, flattened by the layer's preprocessor.
        INDArray pooled = net.feedForwardToLayer(dense - 1, x, false).get(dense);
        INDArray flat = pooled.reshape(32, pooled.length() / 32);
        Layer layer = net.getLayer(dense);

        layer.setInput(flat.dup(), LayerWorkspaceMgr.noWorkspaces());
        layer.activate(true, LayerWorkspaceMgr.noWorkspaces());
        INDArray dropped = layer.input();
        double zeroFraction = dropped.eq(0.0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.25, zeroFraction, 0.03, "fraction of the dense layer's 32×1600 inputs dropped in training");

        layer.setInput(flat.dup(), LayerWorkspaceMgr.noWorkspaces());
        layer.activate(false, LayerWorkspaceMgr.noWorkspaces());
        INDArray kept = layer.input();
        double inferenceZeros = kept.eq(0.0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.0, inferenceZeros, 1e-3, "no dropout at inference");
        // Inverted dropout: survivors are scaled by 1/(1 − rate) during training.
        INDArray mask = dropped.neq(0.0);
        double ratio = dropped.mul(mask).sumNumber().doubleValue() / kept.mul(mask).sumNumber().doubleValue();
        assertEquals(1 / 0.75, ratio, 1e-3, "surviving activations are scaled by 1/retain");
        // The output layer's input is left alone unless asked.
        assertEquals(null, net.getLayerWiseConfigurations().getConf(indexOf(net, "output")).getLayer().getIDropout());
    }

    private static int indexOf(MultiLayerNetwork net, String name) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (name.equals(net.getLayer(i).conf().getLayer().getLayerName())) {
                return i;
            }
        }
        throw new AssertionError("no layer " + name);
    }
}
