package io.regzoo.zoo.onednn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The layer behind {@link OneDnnConvolution}: DL4J's {@link ConvolutionLayer} whose training forward
 * pass and backprop run on cached oneDNN primitives (direct algorithm, NHWC activations, ReLU fused
 * as a post-op, no input gradient when the configuration says so). Inference and every case the
 * primitives do not cover run DL4J's code.
 */
public class OneDnnConvolutionImpl extends ConvolutionLayer {

    private transient PenaltyScore penaltyScore;

    private final stream stream;
    private Plan plan;
    /** The training forward pass's input (after dropout) and output, for backprop. */
    private INDArray fwdInput;
    private INDArray fwdOutput;

    /**
     * @param conf the layer's configuration (an {@link OneDnnConvolution})
     * @param dataType the network's data type
     */
    public OneDnnConvolutionImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.stream = OneDnn.available() ? OneDnn.newStream() : null;
    }

    /** Primitives and memory for one input shape. */
    private static final class Plan {
        long[] inShape;
        long[] outShape;
        boolean relu;
        boolean bias;
        convolution_forward.primitive_desc fwdPd;
        convolution_forward fwd;
        memory src;
        memory srcCopy;
        memory wUser;
        memory w;
        memory b;
        memory dst;
        final OneDnn.Reorder srcReorder = new OneDnn.Reorder();
        final OneDnn.Reorder wReorder = new OneDnn.Reorder();
        IntMemoryMap fwdArgs;
        // backward
        OneDnn.ReluBackward reluBwd;
        memory diffDst;
        memory diffDstCopy;
        final OneDnn.Reorder epsReorder = new OneDnn.Reorder();
        convolution_backward_weights bwdW;
        memory bwdWSrc;
        memory diffW;
        memory diffWUser;
        memory diffB;
        final OneDnn.Reorder diffWReorder = new OneDnn.Reorder();
        IntMemoryMap bwdWArgs;
        convolution_backward_data bwdD;
        memory bwdDW;
        final OneDnn.Reorder bwdDWReorder = new OneDnn.Reorder();
        memory diffSrc;
        IntMemoryMap bwdDArgs;
    }

    private OneDnnConvolution oneDnnConf() {
        return (OneDnnConvolution) layerConf();
    }

    /** @return whether this call can run on the primitives; DL4J's code runs otherwise */
    private boolean supported(INDArray in) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        if (stream == null || dataType != DataType.FLOAT || !OneDnn.isFloat(in) || in.rank() != 4
                || c.getCnn2dDataFormat() != CNN2DFormat.NCHW || c.getConvolutionMode() == ConvolutionMode.Same) {
            return false;
        }
        for (int d : c.getDilation()) {
            if (d != 1) {
                return false;
            }
        }
        return OneDnn.activationKind(c.getActivationFn()) != null && padRight(in) != null;
    }

    /** @return the right/bottom padding that gives DL4J's output size, or {@code null} if not expressible */
    private long[] padRight(INDArray in) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] p = c.getPadding();
        int[] out = ConvolutionUtils.getOutputSize(in, k, s, p, convolutionMode, c.getDilation(), CNN2DFormat.NCHW);
        long pb = (long) (out[0] - 1) * s[0] + k[0] - in.size(2) - p[0];
        long pr = (long) (out[1] - 1) * s[1] + k[1] - in.size(3) - p[1];
        // negative: truncation (DL4J's default mode) drops the last rows/columns, which oneDNN accepts
        return pb <= -k[0] || pr <= -k[1] ? null : new long[] {pb, pr};
    }

    private Plan plan(INDArray in, INDArray weights) {
        if (plan != null && Arrays.equals(plan.inShape, in.shape())) {
            return plan;
        }
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        Plan pl = new Plan();
        long n = in.size(0);
        long ic = in.size(1);
        long oc = weights.size(0);
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] p = c.getPadding();
        int[] out = ConvolutionUtils.getOutputSize(in, k, s, p, convolutionMode, c.getDilation(), CNN2DFormat.NCHW);
        long[] pr = padRight(in);
        long[] strides = {s[0], s[1]};
        long[] padL = {p[0], p[1]};
        pl.inShape = in.shape();
        pl.outShape = new long[] {n, oc, out[0], out[1]};
        pl.relu = OneDnn.activationKind(c.getActivationFn());
        pl.bias = c.hasBias();
        long[] wDims = {oc, ic, k[0], k[1]};
        memory.desc srcMd = OneDnn.nhwc(pl.inShape);
        memory.desc dstMd = OneDnn.nhwc(pl.outShape);
        memory.desc wAny = OneDnn.any(wDims);
        memory.desc bMd = OneDnn.tagged(memory.format_tag.x, oc);
        convolution_forward.desc fd = pl.bias
                ? new convolution_forward.desc(dnnl.prop_kind.forward_training, dnnl.algorithm.convolution_direct,
                        srcMd, wAny, bMd, dstMd, strides, padL, pr)
                : new convolution_forward.desc(dnnl.prop_kind.forward_training, dnnl.algorithm.convolution_direct,
                        srcMd, wAny, dstMd, strides, padL, pr);
        primitive_attr attr = OneDnn.reluPostOp(pl.relu);
        org.bytedeco.dnnl.engine eng = OneDnn.engine();
        pl.fwdPd = new convolution_forward.primitive_desc(fd, attr, eng);
        pl.fwd = new convolution_forward(pl.fwdPd);
        pl.src = new memory(srcMd, eng, null);
        pl.srcCopy = new memory(srcMd, eng);
        pl.wUser = new memory(OneDnn.tagged(memory.format_tag.oihw, wDims), eng, null);
        pl.w = new memory(pl.fwdPd.weights_desc(), eng);
        pl.b = pl.bias ? new memory(bMd, eng, null) : null;
        pl.dst = new memory(dstMd, eng, null);
        pl.fwdArgs = new IntMemoryMap();
        pl.fwdArgs.put(dnnl.DNNL_ARG_WEIGHTS, pl.w);
        pl.fwdArgs.put(dnnl.DNNL_ARG_DST, pl.dst);
        if (pl.bias) {
            pl.fwdArgs.put(dnnl.DNNL_ARG_BIAS, pl.b);
        }

        // backward: ReLU derivative from the forward output
        pl.diffDst = new memory(dstMd, eng, null);
        pl.diffDstCopy = new memory(dstMd, eng);
        if (pl.relu) {
            pl.reluBwd = new OneDnn.ReluBackward(dstMd, eng, null);
        }
        convolution_backward_weights.desc bwd = pl.bias
                ? new convolution_backward_weights.desc(dnnl.algorithm.convolution_direct, srcMd, wAny, bMd, dstMd, strides, padL, pr)
                : new convolution_backward_weights.desc(dnnl.algorithm.convolution_direct, srcMd, wAny, dstMd, strides, padL, pr);
        convolution_backward_weights.primitive_desc bwPd = new convolution_backward_weights.primitive_desc(bwd, eng, pl.fwdPd);
        pl.bwdW = new convolution_backward_weights(bwPd);
        pl.diffW = new memory(bwPd.diff_weights_desc(), eng);
        pl.diffWUser = pl.wUser;
        pl.diffB = pl.bias ? new memory(bMd, eng, null) : null;
        pl.bwdWArgs = new IntMemoryMap();
        pl.bwdWArgs.put(dnnl.DNNL_ARG_DIFF_WEIGHTS, pl.diffW);
        if (pl.bias) {
            pl.bwdWArgs.put(dnnl.DNNL_ARG_DIFF_BIAS, pl.diffB);
        }
        if (oneDnnConf().isInputGradient()) {
            convolution_backward_data.primitive_desc bdPd = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(dnnl.algorithm.convolution_direct, srcMd, wAny, dstMd, strides, padL, pr),
                    eng, pl.fwdPd);
            pl.bwdD = new convolution_backward_data(bdPd);
            pl.bwdDW = bdPd.weights_desc().equals(pl.fwdPd.weights_desc()) ? pl.w : new memory(bdPd.weights_desc(), eng);
            pl.diffSrc = new memory(srcMd, eng, null);
            pl.bwdDArgs = new IntMemoryMap();
            pl.bwdDArgs.put(dnnl.DNNL_ARG_WEIGHTS, pl.bwdDW);
            pl.bwdDArgs.put(dnnl.DNNL_ARG_DIFF_SRC, pl.diffSrc);
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
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        Plan pl = plan(in, weights);
        pl.fwdArgs.put(dnnl.DNNL_ARG_SRC, OneDnn.nhwcMemory(in, pl.src, pl.srcCopy, pl.srcReorder, stream));
        pl.wReorder.run(weights, pl.w, stream);
        if (pl.bias) {
            INDArray bias = getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr);
            pl.b.set_data_handle(OneDnn.address(bias));
        }
        long[] o = pl.outShape;
        INDArray outNhwc = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {o[0], o[2], o[3], o[1]}, 'c');
        pl.dst.set_data_handle(OneDnn.address(outNhwc));
        OneDnn.exec(pl.fwd, stream, pl.fwdArgs);
        INDArray out = outNhwc.permute(0, 3, 1, 2);
        fwdInput = in;
        fwdOutput = out;
        OneDnn.RELU_OUTPUT.set(pl.relu ? out : null);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (fwdInput == null || fwdInput != input || plan == null || !OneDnn.isFloat(epsilon)
                || !Arrays.equals(epsilon.shape(), plan.outShape)) {
            fwdInput = null;
            fwdOutput = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        Plan pl = plan;
        INDArray in = fwdInput;
        INDArray out = fwdOutput;
        fwdInput = null;
        fwdOutput = null;

        memory diffDst = OneDnn.nhwcMemory(epsilon, pl.diffDst, pl.diffDstCopy, pl.epsReorder, stream);
        memory diffPre = diffDst;
        boolean masked = epsilon == OneDnn.RELU_MASKED_GRADIENT.get();
        OneDnn.RELU_MASKED_GRADIENT.remove();
        if (pl.relu && !masked) {
            diffPre = pl.reluBwd.run(out, diffDst, stream);
        }

        INDArray weightGradView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGradView = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        memory src = OneDnn.nhwcMemory(in, pl.src, pl.srcCopy, pl.srcReorder, stream);
        pl.bwdWArgs.put(dnnl.DNNL_ARG_SRC, src);
        pl.bwdWArgs.put(dnnl.DNNL_ARG_DIFF_DST, diffPre);
        if (pl.bias) {
            pl.diffB.set_data_handle(OneDnn.address(biasGradView));
        }
        OneDnn.exec(pl.bwdW, stream, pl.bwdWArgs);
        pl.diffWReorder.runTo(pl.diffW, weightGradView, stream);

        INDArray epsNext = null;
        if (pl.bwdD != null) {
            if (pl.bwdDW != pl.w) {
                INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
                pl.bwdDWReorder.run(weights, pl.bwdDW, stream);
            }
            long[] s = pl.inShape;
            INDArray gNhwc = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {s[0], s[2], s[3], s[1]}, 'c');
            pl.diffSrc.set_data_handle(OneDnn.address(gNhwc));
            pl.bwdDArgs.put(dnnl.DNNL_ARG_DIFF_DST, diffPre);
            OneDnn.exec(pl.bwdD, stream, pl.bwdDArgs);
            epsNext = backpropDropOutIfPresent(gNhwc.permute(0, 3, 1, 2));
        }

        Gradient ret = new DefaultGradient();
        if (pl.bias) {
            ret.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        ret.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        weightNoiseParams.clear();
        return new Pair<>(ret, epsNext);
    }
}
