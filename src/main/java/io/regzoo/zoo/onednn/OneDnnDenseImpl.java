package io.regzoo.zoo.onednn;

import java.util.Arrays;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer behind {@link OneDnnDense}: DL4J's dense layer whose training forward pass and backprop
 * run on cached oneDNN inner-product primitives (ReLU fused as a post-op, the weights read and their
 * gradient written in DL4J's own parameter memory, no input gradient when the configuration says
 * so). Inference and every case the primitives do not cover run DL4J's code.
 *
 * <p>DL4J keeps a dense layer's weights as an {@code [nIn, nOut]} view in 'f' order of the flat
 * parameter vector, i.e. element {@code (i, o)} at {@code i + o·nIn}: exactly oneDNN's plain
 * {@code oi} layout of its {@code {OC, IC}} weights, so neither the weights nor their gradient are
 * copied. Unlike DL4J's code, backprop does not recompute the forward pass.
 */
public class OneDnnDenseImpl extends DenseLayer {

    private transient PenaltyScore penaltyScore;

    private final stream stream;
    private Plan plan;
    /** The training forward pass's input (after dropout) and output, for backprop. */
    private INDArray fwdInput;
    private INDArray fwdOutput;

    /**
     * @param conf the layer's configuration (an {@link OneDnnDense})
     * @param dataType the network's data type
     */
    public OneDnnDenseImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.stream = OneDnn.available() ? OneDnn.newStream() : null;
    }

    /** The inner products and the ReLU derivative for one input shape. */
    private static final class Plan {
        OneDnn.InnerProduct ip;
        boolean relu;
        OneDnn.ReluBackward reluBwd;
    }

    /** @return whether this call can run on the primitives; DL4J's code runs otherwise */
    private boolean supported(INDArray in) {
        org.deeplearning4j.nn.conf.layers.DenseLayer c = layerConf();
        return stream != null && dataType == DataType.FLOAT && OneDnn.isFloat(in) && in.rank() == 2
                && in.size(1) == c.getNIn() && !c.hasLayerNorm() && c.getWeightNoise() == null && maskArray == null
                && OneDnn.activationKind(c.getActivationFn()) != null;
    }

    private Plan plan(INDArray in) {
        if (plan != null && Arrays.equals(plan.ip.inShape, in.shape())) {
            return plan;
        }
        org.deeplearning4j.nn.conf.layers.DenseLayer c = layerConf();
        Plan pl = new Plan();
        pl.relu = OneDnn.activationKind(c.getActivationFn());
        pl.ip = new OneDnn.InnerProduct(in.size(0), c.getNIn(), c.getNOut(), c.hasBias(), pl.relu,
                ((OneDnnDense) c).isInputGradient(), stream);
        if (pl.relu) {
            pl.reluBwd = new OneDnn.ReluBackward(pl.ip.dstMd, OneDnn.engine(), null);
        }
        plan = pl;
        return pl;
    }

    /**
     * DL4J's regularization score, with L2 and weight decay scored by a BLAS dot product
     * ({@link PenaltyScore}); DL4J's own code when {@value OneDnn#DISABLE_PROPERTY} is set.
     */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return Boolean.getBoolean(OneDnn.DISABLE_PROPERTY) ? super.calcRegularizationScore(backpropParamsOnly)
                : (penaltyScore == null ? penaltyScore = new PenaltyScore() : penaltyScore).score(this, paramTable());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        fwdInput = null;
        fwdOutput = null;
        if (!training || input == null || !supported(input)) {
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = input;
        Plan pl = plan(in);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, pl.ip.outShape, 'c');
        pl.ip.forward(in, getParam(DefaultParamInitializer.WEIGHT_KEY),
                layerConf().hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, out);
        fwdInput = in;
        fwdOutput = out;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (fwdInput == null || fwdInput != input || plan == null || !OneDnn.isFloat(epsilon)
                || !Arrays.equals(epsilon.shape(), plan.ip.outShape)) {
            fwdInput = null;
            fwdOutput = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        Plan pl = plan;
        INDArray in = fwdInput;
        INDArray out = fwdOutput;
        fwdInput = null;
        fwdOutput = null;

        memory diffPre = pl.ip.outputGradient(epsilon);
        if (pl.relu) {
            diffPre = pl.reluBwd.run(out, diffPre, stream);
        }

        Gradient ret = new DefaultGradient();
        INDArray weightGradView = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGradView = layerConf().hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        pl.ip.backwardWeights(in, diffPre, weightGradView, biasGradView);
        if (biasGradView != null) {
            ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradView);
        }
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradView);

        INDArray epsNext = null;
        if (pl.ip.hasBackwardData()) {
            INDArray g = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, pl.ip.inShape, 'c');
            pl.ip.backwardData(diffPre, getParam(DefaultParamInitializer.WEIGHT_KEY), g);
            epsNext = backpropDropOutIfPresent(g);
        }
        weightNoiseParams.clear();
        return new Pair<>(ret, epsNext);
    }
}
