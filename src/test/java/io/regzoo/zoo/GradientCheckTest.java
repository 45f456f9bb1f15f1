package io.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's numeric gradient check on every zoo network (tiny shapes, double precision) with each
 * penalty: the analytic gradient including the penalty (applied by the updater, as in training)
 * must match the finite-difference gradient of the score including the penalty.
 */
@org.junit.jupiter.api.Tag("slow")
class GradientCheckTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (String model : new String[] {"linear-regression", "mlp-regressor", "mlp-classifier", "mnist-cnn"}) {
            for (String penalty : new String[] {"none", "l1", "l2", "weightDecay", "batchNorm"}) {
                s.add(Arguments.of(model, penalty));
            }
        }
        return s.build();
    }

    static Regularization penalty(String name) {
        switch (name) {
            case "l1":
                return Regularization.builder().l1(0.3).l1Bias(0.2).build();
            case "l2":
                return Regularization.builder().l2(0.5).l2Bias(0.3).build();
            case "weightDecay":
                return Regularization.builder().weightDecay(0.4, true).weightDecayBias(0.2).build();
            case "batchNorm":
                return Regularization.builder().batchNorm(true).l2(0.1).build();
            default:
                return Regularization.none();
        }
    }

    /** Tiny versions of each network; tanh avoids ReLU's kink at 0, which finite differences straddle. */
    static ZooNetwork.Builder<?> tiny(String model) {
        switch (model) {
            case "linear-regression":
                return LinearRegression.builder().inputs(3);
            case "mlp-regressor":
                return MlpRegressor.builder().inputs(4).hiddenUnits(5);
            case "mlp-classifier":
                return MlpClassifier.builder().inputs(6).hiddenUnits(5).classes(3);
            default:
                return MnistCnn.builder().inputSize(10, 10, 1).filters(2, 3).denseUnits(4).classes(3);
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void analyticGradientWithPenaltyMatchesNumeric(String model, String penaltyName) {
        ZooNetwork.Builder<?> b = tiny(model).regularization(penalty(penaltyName)).optimizer(Optimizer.sgd(1.0))
                .activation(Activation.TANH).dataType(DataType.DOUBLE).seed(12345);
        if (model.equals("linear-regression") && penaltyName.equals("batchNorm")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().contains("batchNorm has no place in linear-regression"), e.getMessage());
            return;
        }
        ZooNetwork zn = b.build();
        MultiLayerNetwork net = zn.init();
        int batch = 5;
        Nd4j.getRandom().setSeed(7);
        long[] shape = new long[zn.inputShape().length + 1];
        shape[0] = batch;
        System.arraycopy(zn.inputShape(), 0, shape, 1, zn.inputShape().length);
        INDArray x = Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
        INDArray y;
        if (zn.isClassifier()) {
            y = Nd4j.zeros(DataType.DOUBLE, batch, zn.numOutputs());
            for (int i = 0; i < batch; i++) {
                y.putScalar(i, i % zn.numOutputs(), 1.0);
            }
        } else {
            y = Nd4j.rand(DataType.DOUBLE, batch, 1);
        }
        Set<String> batchNormStats = net.paramTable().keySet().stream()
                .filter(k -> k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev"))
                .collect(Collectors.toSet());
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).excludeParams(batchNormStats));
        assertTrue(ok, "gradient check failed for " + model + " with " + penaltyName);
    }
}
