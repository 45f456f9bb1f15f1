package io.regzoo.zoo.onednn;

import java.util.Arrays;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.inner_product_backward_data;
import org.bytedeco.dnnl.inner_product_backward_weights;
import org.bytedeco.dnnl.inner_product_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
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

    /** Primitives and memory for one input shape. */
    private static final class Plan {
        long[] inShape;
        long[] outShape;
        boolean relu;
        boolean bias;
        inner_product_forward fwd;
        memory src;
        memory srcCopy;
        memory w;
        memory wCopy;
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
        inner_product_backward_weights bwdW;
        memory diffW;
        memory diffWCopy;
        memory diffB;
        final OneDnn.Reorder diffWReorder = new OneDnn.Reorder();
        IntMemoryMap bwdWArgs;
        inner_product_backward_data bwdD;
        memory diffSrc;
        IntMemoryMap bwdDArgs;
    }

    private OneDnnDense oneDnnConf() {
        return (OneDnnDense) layerConf();
    }

    /** @return whether this call can run on the primitives; DL4J's code runs otherwise */
    private boolean supported(INDArray in) {
        org.deeplearning4j.nn.conf.layers.DenseLayer c = layerConf();
        return stream != null && dataType == DataType.FLOAT && OneDnn.isFloat(in) && in.rank() == 2
                && in.size(1) == c.getNIn() && !c.hasLayerNorm() && c.getWeightNoise() == null && maskArray == null
                && OneDnn.activationKind(c.getActivationFn()) != null;
    }

    /**
     * @param a a 2-d float array
     * @return whether its memory is plain row-major ({@code nc}), dimensions of size 1 having any stride
     */
    static boolean isRowMajor(INDArray a) {
        return a.rank() == 2 && (a.size(1) == 1 || a.stride(1) == 1) && (a.size(0) == 1 || a.stride(0) == a.size(1));
    }

    /**
     * @param w an {@code [nIn, nOut]} array
     * @return whether its memory is oneDNN's {@code oi} layout of {@code {nOut, nIn}} (DL4J's 'f' order)
     */
    static boolean isOi(INDArray w) {
        return w.rank() == 2 && (w.size(0) == 1 || w.stride(0) == 1) && (w.size(1) == 1 || w.stride(1) == w.size(0));
    }

    /** The memory to read {@code a} from: {@code m} at {@code a}'s data if row-major, else a reordered copy. */
    private memory rowMajorMemory(INDArray a, memory m, memory copy, OneDnn.Reorder r) {
        if (isRowMajor(a)) {
            m.set_data_handle(OneDnn.address(a));
            return m;
        }
        r.run(a, copy, stream);
        return copy;
    }

    private Plan plan(INDArray in) {
        if (plan != null && Arrays.equals(plan.inShape, in.shape())) {
            return plan;
        }
        org.deeplearning4j.nn.conf.layers.DenseLayer c = layerConf();
        Plan pl = new Plan();
        long n = in.size(0);
        long ic = c.getNIn();
        long oc = c.getNOut();
        pl.inShape = in.shape();
        pl.outShape = new long[] {n, oc};
        pl.relu = OneDnn.activationKind(c.getActivationFn());
        pl.bias = c.hasBias();
        memory.desc srcMd = OneDnn.tagged(memory.format_tag.nc, n, ic);
        memory.desc dstMd = OneDnn.tagged(memory.format_tag.nc, n, oc);
        memory.desc wMd = OneDnn.tagged(memory.format_tag.oi, oc, ic);
        memory.desc bMd = OneDnn.tagged(memory.format_tag.x, oc);
        inner_product_forward.desc fd = pl.bias
                ? new inner_product_forward.desc(dnnl.prop_kind.forward_training, srcMd, wMd, bMd, dstMd)
                : new inner_product_forward.desc(dnnl.prop_kind.forward_training, srcMd, wMd, dstMd);
        primitive_attr attr = OneDnn.reluPostOp(pl.relu);
        org.bytedeco.dnnl.engine eng = OneDnn.engine();
        inner_product_forward.primitive_desc fwdPd = new inner_product_forward.primitive_desc(fd, attr, eng);
        pl.fwd = new inner_product_forward(fwdPd);
        pl.src = new memory(srcMd, eng, null);
        pl.srcCopy = new memory(srcMd, eng);
        pl.w = new memory(wMd, eng, null);
        pl.wCopy = new memory(wMd, eng);
        pl.b = pl.bias ? new memory(bMd, eng, null) : null;
        pl.dst = new memory(dstMd, eng, null);
        pl.fwdArgs = new IntMemoryMap();
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
        inner_product_backward_weights.desc bwd = pl.bias
                ? new inner_product_backward_weights.desc(srcMd, wMd, bMd, dstMd)
                : new inner_product_backward_weights.desc(srcMd, wMd, dstMd);
        inner_product_backward_weights.primitive_desc bwPd = new inner_product_backward_weights.primitive_desc(bwd, eng, fwdPd);
        pl.bwdW = new inner_product_backward_weights(bwPd);
        pl.diffW = new memory(wMd, eng, null);
        pl.diffWCopy = new memory(wMd, eng);
        pl.diffB = pl.bias ? new memory(bMd, eng, null) : null;
        pl.bwdWArgs = new IntMemoryMap();
        if (pl.bias) {
            pl.bwdWArgs.put(dnnl.DNNL_ARG_DIFF_BIAS, pl.diffB);
        }
        if (oneDnnConf().isInputGradient()) {
            inner_product_backward_data.primitive_desc bdPd = new inner_product_backward_data.primitive_desc(
                    new inner_product_backward_data.desc(srcMd, wMd, dstMd), eng, fwdPd);
            pl.bwdD = new inner_product_backward_data(bdPd);
            pl.diffSrc = new memory(srcMd, eng, null);
            pl.bwdDArgs = new IntMemoryMap();
            pl.bwdDArgs.put(dnnl.DNNL_ARG_DIFF_SRC, pl.diffSrc);
        }
        plan = pl;
        return pl;
    }

    /** The weights as oneDNN memory: DL4J's view itself when laid out {@code oi}, else a reordered copy. */
    private memory weights(Plan pl, INDArray w) {
        if (isOi(w)) {
            pl.w.set_data_handle(OneDnn.address(w));
            return pl.w;
        }
        pl.wReorder.run(w.transpose(), pl.wCopy, stream); // {OC, IC} is W transposed
        return pl.wCopy;
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
        pl.fwdArgs.put(dnnl.DNNL_ARG_SRC, rowMajorMemory(in, pl.src, pl.srcCopy, pl.srcReorder));
        pl.fwdArgs.put(dnnl.DNNL_ARG_WEIGHTS, weights(pl, getParam(DefaultParamInitializer.WEIGHT_KEY)));
        if (pl.bias) {
            pl.b.set_data_handle(OneDnn.address(getParam(DefaultParamInitializer.BIAS_KEY)));
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, pl.outShape, 'c');
        pl.dst.set_data_handle(OneDnn.address(out));
        OneDnn.exec(pl.fwd, stream, pl.fwdArgs);
        fwdInput = in;
        fwdOutput = out;
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

        memory diffDst = rowMajorMemory(epsilon, pl.diffDst, pl.diffDstCopy, pl.epsReorder);
        memory diffPre = diffDst;
        if (pl.relu) {
            diffPre = pl.reluBwd.run(out, diffDst, stream);
        }

        Gradient ret = new DefaultGradient();
        INDArray weightGradView = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        boolean direct = isOi(weightGradView);
        if (direct) {
            pl.diffW.set_data_handle(OneDnn.address(weightGradView));
        }
        pl.bwdWArgs.put(dnnl.DNNL_ARG_DIFF_WEIGHTS, direct ? pl.diffW : pl.diffWCopy);
        pl.bwdWArgs.put(dnnl.DNNL_ARG_SRC, rowMajorMemory(in, pl.src, pl.srcCopy, pl.srcReorder));
        pl.bwdWArgs.put(dnnl.DNNL_ARG_DIFF_DST, diffPre);
        if (pl.bias) {
            INDArray biasGradView = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            pl.diffB.set_data_handle(OneDnn.address(biasGradView));
            ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradView);
        }
        OneDnn.exec(pl.bwdW, stream, pl.bwdWArgs);
        if (!direct) {
            pl.diffWReorder.runTo(pl.diffWCopy, weightGradView.transpose(), stream);
        }
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradView);

        INDArray epsNext = null;
        if (pl.bwdD != null) {
            pl.bwdDArgs.put(dnnl.DNNL_ARG_WEIGHTS, weights(pl, getParam(DefaultParamInitializer.WEIGHT_KEY)));
            INDArray g = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, pl.inShape, 'c');
            pl.diffSrc.set_data_handle(OneDnn.address(g));
            pl.bwdDArgs.put(dnnl.DNNL_ARG_DIFF_DST, diffPre);
            OneDnn.exec(pl.bwdD, stream, pl.bwdDArgs);
            epsNext = backpropDropOutIfPresent(g);
        }
        weightNoiseParams.clear();
        return new Pair<>(ret, epsNext);
    }
}
