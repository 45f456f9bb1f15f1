package io.regzoo.zoo.onednn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The layer behind {@link OneDnnMaxPooling}: DL4J's {@link SubsamplingLayer} whose training forward
 * pass (max pooling, NHWC, with a workspace of the argmax positions) and backprop (from that
 * workspace) run on cached oneDNN primitives. Inference and every case they do not cover run DL4J's code.
 */
public class OneDnnMaxPoolingImpl extends SubsamplingLayer {

    private final stream stream;
    private Plan plan;
    private INDArray fwdInput;
    /** The training forward output, when the input came from a ReLU convolution (see {@link OneDnn#RELU_OUTPUT}). */
    private INDArray reluOutput;

    /**
     * @param conf the layer's configuration (an {@link OneDnnMaxPooling})
     * @param dataType the network's data type
     */
    public OneDnnMaxPoolingImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.stream = OneDnn.available() ? OneDnn.newStream() : null;
    }

    private static final class Plan {
        long[] inShape;
        long[] outShape;
        pooling_forward fwd;
        pooling_backward bwd;
        memory src;
        memory srcCopy;
        memory dst;
        memory workspace;
        memory diffDst;
        memory diffDstCopy;
        memory diffSrc;
        final OneDnn.Reorder srcReorder = new OneDnn.Reorder();
        final OneDnn.Reorder epsReorder = new OneDnn.Reorder();
        IntMemoryMap fwdArgs;
        IntMemoryMap bwdArgs;
        OneDnn.ReluBackward reluBwd;
    }

    private boolean supported(INDArray in) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        if (stream == null || dataType != DataType.FLOAT || !OneDnn.isFloat(in) || in.rank() != 4
                || c.getCnn2dDataFormat() != CNN2DFormat.NCHW || c.getPoolingType() != PoolingType.MAX
                || c.getConvolutionMode() == ConvolutionMode.Same) {
            return false;
        }
        for (int d : c.getDilation()) {
            if (d != 1) {
                return false;
            }
        }
        return padRight(in) != null;
    }

    private long[] padRight(INDArray in) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] p = c.getPadding();
        int[] out = ConvolutionUtils.getOutputSize(in, k, s, p, convolutionMode, c.getDilation(), CNN2DFormat.NCHW);
        long pb = (long) (out[0] - 1) * s[0] + k[0] - in.size(2) - p[0];
        long pr = (long) (out[1] - 1) * s[1] + k[1] - in.size(3) - p[1];
        // negative: truncation (DL4J's default mode) drops the last rows/columns, which oneDNN accepts
        return pb <= -k[0] || pr <= -k[1] ? null : new long[] {pb, pr};
    }

    private Plan plan(INDArray in) {
        if (plan != null && Arrays.equals(plan.inShape, in.shape())) {
            return plan;
        }
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] p = c.getPadding();
        int[] out = ConvolutionUtils.getOutputSize(in, k, s, p, convolutionMode, c.getDilation(), CNN2DFormat.NCHW);
        Plan pl = new Plan();
        pl.inShape = in.shape();
        pl.outShape = new long[] {in.size(0), in.size(1), out[0], out[1]};
        long[] strides = {s[0], s[1]};
        long[] kernel = {k[0], k[1]};
        long[] padL = {p[0], p[1]};
        long[] padR = padRight(in);
        memory.desc srcMd = OneDnn.nhwc(pl.inShape);
        memory.desc dstMd = OneDnn.nhwc(pl.outShape);
        org.bytedeco.dnnl.engine eng = OneDnn.engine();
        pooling_forward.primitive_desc fpd = new pooling_forward.primitive_desc(new pooling_forward.desc(
                dnnl.prop_kind.forward_training, dnnl.algorithm.pooling_max, srcMd, dstMd, strides, kernel, padL, padR), eng);
        pooling_backward.primitive_desc bpd = new pooling_backward.primitive_desc(new pooling_backward.desc(
                dnnl.algorithm.pooling_max, srcMd, dstMd, strides, kernel, padL, padR), eng, fpd);
        pl.fwd = new pooling_forward(fpd);
        pl.bwd = new pooling_backward(bpd);
        pl.src = new memory(srcMd, eng, null);
        pl.srcCopy = new memory(srcMd, eng);
        pl.dst = new memory(dstMd, eng, null);
        pl.workspace = new memory(fpd.workspace_desc(), eng);
        pl.diffDst = new memory(dstMd, eng, null);
        pl.diffDstCopy = new memory(dstMd, eng);
        pl.diffSrc = new memory(srcMd, eng, null);
        pl.fwdArgs = new IntMemoryMap();
        pl.fwdArgs.put(dnnl.DNNL_ARG_DST, pl.dst);
        pl.fwdArgs.put(dnnl.DNNL_ARG_WORKSPACE, pl.workspace);
        pl.bwdArgs = new IntMemoryMap();
        pl.bwdArgs.put(dnnl.DNNL_ARG_WORKSPACE, pl.workspace);
        pl.bwdArgs.put(dnnl.DNNL_ARG_DIFF_SRC, pl.diffSrc);
        pl.reluBwd = new OneDnn.ReluBackward(dstMd, eng, null);
        plan = pl;
        return pl;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        fwdInput = null;
        reluOutput = null;
        if (!training || input == null || !supported(input)) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        INDArray in = input;
        Plan pl = plan(in);
        pl.fwdArgs.put(dnnl.DNNL_ARG_SRC, OneDnn.nhwcMemory(in, pl.src, pl.srcCopy, pl.srcReorder, stream));
        long[] o = pl.outShape;
        INDArray outNhwc = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {o[0], o[2], o[3], o[1]}, 'c');
        pl.dst.set_data_handle(OneDnn.address(outNhwc));
        OneDnn.exec(pl.fwd, stream, pl.fwdArgs);
        fwdInput = in;
        INDArray out = outNhwc.permute(0, 3, 1, 2);
        reluOutput = in == OneDnn.RELU_OUTPUT.get() ? out : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (fwdInput == null || fwdInput != input || plan == null || !OneDnn.isFloat(epsilon)
                || !Arrays.equals(epsilon.shape(), plan.outShape)) {
            fwdInput = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        fwdInput = null;
        Plan pl = plan;
        memory diffDst = OneDnn.nhwcMemory(epsilon, pl.diffDst, pl.diffDstCopy, pl.epsReorder, stream);
        INDArray relu = reluOutput;
        reluOutput = null;
        if (relu != null) {
            diffDst = pl.reluBwd.run(relu, diffDst, stream);
        }
        pl.bwdArgs.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
        long[] s = pl.inShape;
        INDArray gNhwc = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {s[0], s[2], s[3], s[1]}, 'c');
        pl.diffSrc.set_data_handle(OneDnn.address(gNhwc));
        OneDnn.exec(pl.bwd, stream, pl.bwdArgs);
        INDArray epsOut = gNhwc.permute(0, 3, 1, 2);
        OneDnn.RELU_MASKED_GRADIENT.set(relu != null ? epsOut : null);
        return new Pair<>(new DefaultGradient(), epsOut);
    }
}
