package io.regzoo.zoo.onednn;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.inner_product_backward_data;
import org.bytedeco.dnnl.inner_product_backward_weights;
import org.bytedeco.dnnl.inner_product_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The shared oneDNN engine and the small pieces the layers share: memory descriptors for NHWC
 * activations, wrapping an ND4J array's memory without copying, and cached reorders.
 */
public final class OneDnn {

    /** System property; {@code true} makes the layers run DL4J's own code. */
    public static final String DISABLE_PROPERTY = "regzoo.onednn.disable";

    private static final Object LOCK = new Object();
    private static volatile engine engine;
    private static volatile String unavailable;

    /**
     * The output of the last training forward pass of a {@link OneDnnConvolutionImpl} with ReLU, on
     * this thread: a max pooling that gets exactly this array as input applies the ReLU's derivative
     * to its own (4× smaller) output gradient instead, which is exact because the pooling's gradient
     * only reaches the positions of the maxima, where the ReLU output equals the pooled value.
     */
    static final ThreadLocal<INDArray> RELU_OUTPUT = new ThreadLocal<>();
    /** An input gradient a max pooling returned with the ReLU derivative already applied (see {@link #RELU_OUTPUT}). */
    static final ThreadLocal<INDArray> RELU_MASKED_GRADIENT = new ThreadLocal<>();

    private OneDnn() {}

    /**
     * @return whether the oneDNN layers run their own primitives: the native library loads and
     *     {@value #DISABLE_PROPERTY} is not {@code true}
     */
    public static boolean available() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return false;
        }
        init();
        return engine != null;
    }

    /**
     * @return {@code "oneDNN <version>"} when {@link #available()}, else why not
     */
    public static String describe() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return "off (" + DISABLE_PROPERTY + "=true)";
        }
        init();
        if (engine == null) {
            return "off (" + unavailable + ")";
        }
        org.bytedeco.dnnl.dnnl_version_t v = org.bytedeco.dnnl.global.dnnl.dnnl_version();
        return "oneDNN " + v.major() + "." + v.minor() + "." + v.patch();
    }

    private static void init() {
        if (engine != null || unavailable != null) {
            return;
        }
        synchronized (LOCK) {
            if (engine != null || unavailable != null) {
                return;
            }
            try {
                engine = new engine(org.bytedeco.dnnl.engine.kind.cpu, 0);
            } catch (Throwable t) {
                unavailable = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
    }

    static engine engine() {
        init();
        return engine;
    }

    static stream newStream() {
        return new stream(engine());
    }

    /** A JavaCPP pointer at a native address (an ND4J array's first element). */
    static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    /**
     * @param a a float array
     * @return a pointer to its first element (views included)
     */
    static Pointer address(INDArray a) {
        return new Address(a.data().address() + a.offset() * a.dataType().width());
    }

    /**
     * @param dims logical NCHW dimensions
     * @return an f32 NHWC descriptor
     */
    static memory.desc nhwc(long... dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.nhwc);
    }

    static memory.desc tagged(memory.format_tag tag, long... dims) {
        return new memory.desc(dims, memory.data_type.f32, tag);
    }

    static memory.desc any(long... dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
    }

    /**
     * @param a a float array
     * @return a descriptor of its actual memory layout (shape and strides)
     */
    static memory.desc strided(INDArray a) {
        return new memory.desc(a.shape(), memory.data_type.f32, a.stride());
    }

    /**
     * The oneDNN memory to read {@code a} from: {@code m} pointed at {@code a}'s data when that is
     * laid out NHWC already, else {@code copy} after reordering {@code a} into it.
     */
    static memory nhwcMemory(INDArray a, memory m, memory copy, Reorder r, stream s) {
        if (isNhwc(a)) {
            m.set_data_handle(address(a));
            return m;
        }
        r.run(a, copy, s);
        return copy;
    }

    /**
     * @param a a 4-d array, logically NCHW
     * @return whether its memory is NHWC (dimensions of size 1 may have any stride)
     */
    static boolean isNhwc(INDArray a) {
        if (a.rank() != 4) {
            return false;
        }
        long[] s = a.shape();
        long[] st = a.stride();
        long c = s[1];
        long h = s[2];
        long w = s[3];
        return (c == 1 || st[1] == 1) && (w == 1 || st[3] == c) && (h == 1 || st[2] == w * c)
                && (s[0] == 1 || st[0] == h * w * c);
    }

    /**
     * @param a an array
     * @return whether it is a float array this package can hand to oneDNN
     */
    static boolean isFloat(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && !a.isEmpty();
    }

    /**
     * @param a a layer's activation function
     * @return {@code TRUE} for plain ReLU, {@code FALSE} for identity, {@code null} for anything else
     *     (the layers then run DL4J's code)
     */
    static Boolean activationKind(IActivation a) {
        if (a instanceof ActivationIdentity) {
            return Boolean.FALSE;
        }
        if (a instanceof ActivationReLU) {
            ActivationReLU r = (ActivationReLU) a;
            boolean plain = r.getMax() == null && (r.getThreshold() == null || r.getThreshold() == 0.0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
            return plain ? Boolean.TRUE : null;
        }
        return null;
    }

    /**
     * @param relu whether the primitive's output goes through ReLU
     * @return primitive attributes with ReLU fused as a post-op when {@code relu}, else none
     */
    static primitive_attr reluPostOp(boolean relu) {
        primitive_attr attr = new primitive_attr();
        if (relu) {
            post_ops ops = new post_ops();
            ops.append_eltwise(1f, dnnl.algorithm.eltwise_relu, 0f, 0f);
            attr.set_post_ops(ops);
        }
        return attr;
    }

    /**
     * ReLU's derivative from ReLU's output ({@code eltwise_relu_use_dst_for_bwd}): the gradient
     * passes where the output is positive. One per layer and input shape, with its memory objects.
     */
    static final class ReluBackward {
        private final eltwise_backward primitive;
        private final memory dst;
        private final IntMemoryMap args = new IntMemoryMap();
        /** Where {@link #run} writes the masked gradient. */
        final memory diffSrc;

        /**
         * @param md the layout of the ReLU output and both gradients
         * @param eng the engine
         * @param diffSrc memory for the result, or {@code null} for a new buffer of {@code md}
         */
        ReluBackward(memory.desc md, engine eng, memory diffSrc) {
            eltwise_forward.primitive_desc fwd = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                    dnnl.prop_kind.forward_training, dnnl.algorithm.eltwise_relu_use_dst_for_bwd, md, 0f, 0f), eng);
            primitive = new eltwise_backward(new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                    dnnl.algorithm.eltwise_relu_use_dst_for_bwd, md, md, 0f, 0f), eng, fwd));
            dst = new memory(md, eng, null);
            this.diffSrc = diffSrc != null ? diffSrc : new memory(md, eng);
            args.put(dnnl.DNNL_ARG_DST, dst);
            args.put(dnnl.DNNL_ARG_DIFF_SRC, this.diffSrc);
        }

        /**
         * @param reluOutput the ReLU's output (an ND4J array laid out as {@code md})
         * @param diffDst the gradient with respect to that output
         * @param s the stream
         * @return {@link #diffSrc}, now holding the gradient with respect to the ReLU's input
         */
        memory run(INDArray reluOutput, memory diffDst, stream s) {
            dst.set_data_handle(address(reluOutput));
            args.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
            exec(primitive, s, args);
            return diffSrc;
        }
    }

    /**
     * Wires a new layer the way DL4J's own layer configurations do in {@code instantiate}:
     * listeners, index, parameter view and initialised parameters, configuration.
     *
     * @param ret the new layer
     * @param layerConf the layer configuration instantiating it (its parameter initializer)
     * @param conf the layer's network-level configuration
     * @param listeners the training listeners
     * @param index the layer's index
     * @param paramsView the layer's view of the network's parameters
     * @param initializeParams whether to initialise the parameters
     * @param <L> the layer type
     * @return {@code ret}
     */
    static <L extends org.deeplearning4j.nn.api.Layer> L instantiate(L ret, org.deeplearning4j.nn.conf.layers.Layer layerConf,
            org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams) {
        ret.setListeners(listeners);
        ret.setIndex(index);
        ret.setParamsViewArray(paramsView);
        ret.setParamTable(layerConf.initializer().init(conf, paramsView, initializeParams));
        ret.setConf(conf);
        return ret;
    }

    /** Executes one primitive and waits for it. */
    static void exec(primitive p, stream s, IntMemoryMap args) {
        p.execute(s, args);
        s._wait();
    }

    /**
     * A reorder from one memory layout to another, built once per (source strides, destination) pair.
     */
    static final class Reorder {
        private long[] srcShape;
        private long[] srcStrides;
        private memory src;
        private memory dst;
        private reorder prim;

        /**
         * Copies {@code from} (any strides) into {@code to}, which must keep the same descriptor
         * between calls for the cache to hold.
         */
        void run(INDArray from, memory to, stream s) {
            if (prim == null || dst != to || !Arrays.equals(srcShape, from.shape()) || !Arrays.equals(srcStrides, from.stride())) {
                srcShape = from.shape();
                srcStrides = from.stride();
                src = new memory(strided(from), engine(), address(from));
                dst = to;
                prim = new reorder(src, to);
            } else {
                src.set_data_handle(address(from));
            }
            prim.execute(s, src, to);
            s._wait();
        }

        /** Copies memory {@code from} into the array {@code to} (any strides). */
        void runTo(memory from, INDArray to, stream s) {
            if (prim == null || src != from || !Arrays.equals(srcShape, to.shape()) || !Arrays.equals(srcStrides, to.stride())) {
                srcShape = to.shape();
                srcStrides = to.stride();
                src = from;
                dst = new memory(strided(to), engine(), address(to));
                prim = new reorder(from, dst);
            } else {
                dst.set_data_handle(address(to));
            }
            prim.execute(s, from, dst);
            s._wait();
        }
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

    /**
     * oneDNN inner products for one {@code [n, nIn] → [n, nOut]} shape, as DL4J's dense and output
     * layers compute them: forward ({@code forward_training}, bias, ReLU as an optional post-op),
     * backward weights and bias, and optionally backward data. Weights are DL4J's {@code [nIn, nOut]}
     * arrays, read (and their gradient written) in place when laid out {@code oi} (DL4J's 'f' order,
     * see {@link #isOi}), else through a reorder of their transpose; activations and gradients are
     * row-major {@code [n, c]} arrays, other layouts are reordered first.
     */
    static final class InnerProduct {
        /** The input shape {@code [n, nIn]}. */
        final long[] inShape;
        /** The output shape {@code [n, nOut]}. */
        final long[] outShape;
        /** The output's descriptor (row-major {@code [n, nOut]}). */
        final memory.desc dstMd;
        private final boolean bias;
        private final stream stream;
        private final inner_product_forward fwd;
        private final memory src;
        private final memory srcCopy;
        private final memory w;
        private final memory wCopy;
        private final memory b;
        private final memory dst;
        private final memory diffDst;
        private final memory diffDstCopy;
        private final memory diffW;
        private final memory diffWCopy;
        private final memory diffB;
        private final memory diffSrc;
        private final Reorder srcReorder = new Reorder();
        private final Reorder wReorder = new Reorder();
        private final Reorder diffDstReorder = new Reorder();
        private final Reorder diffWReorder = new Reorder();
        private final IntMemoryMap fwdArgs = new IntMemoryMap();
        private final IntMemoryMap bwdWArgs = new IntMemoryMap();
        private final IntMemoryMap bwdDArgs;
        private final inner_product_backward_weights bwdW;
        private final inner_product_backward_data bwdD;

        /**
         * @param n rows (minibatch size)
         * @param ic input width
         * @param oc output width
         * @param bias whether there is a bias
         * @param relu whether ReLU is fused into the forward pass
         * @param backwardData whether {@link #backwardData} will be used
         * @param s the stream to run on
         */
        InnerProduct(long n, long ic, long oc, boolean bias, boolean relu, boolean backwardData, stream s) {
            this.inShape = new long[] {n, ic};
            this.outShape = new long[] {n, oc};
            this.bias = bias;
            this.stream = s;
            engine eng = engine();
            memory.desc srcMd = tagged(memory.format_tag.nc, n, ic);
            dstMd = tagged(memory.format_tag.nc, n, oc);
            memory.desc wMd = tagged(memory.format_tag.oi, oc, ic);
            memory.desc bMd = tagged(memory.format_tag.x, oc);
            inner_product_forward.desc fd = bias
                    ? new inner_product_forward.desc(dnnl.prop_kind.forward_training, srcMd, wMd, bMd, dstMd)
                    : new inner_product_forward.desc(dnnl.prop_kind.forward_training, srcMd, wMd, dstMd);
            inner_product_forward.primitive_desc fwdPd = new inner_product_forward.primitive_desc(fd, reluPostOp(relu), eng);
            fwd = new inner_product_forward(fwdPd);
            src = new memory(srcMd, eng, null);
            srcCopy = new memory(srcMd, eng);
            w = new memory(wMd, eng, null);
            wCopy = new memory(wMd, eng);
            b = bias ? new memory(bMd, eng, null) : null;
            dst = new memory(dstMd, eng, null);
            fwdArgs.put(dnnl.DNNL_ARG_DST, dst);
            if (bias) {
                fwdArgs.put(dnnl.DNNL_ARG_BIAS, b);
            }
            diffDst = new memory(dstMd, eng, null);
            diffDstCopy = new memory(dstMd, eng);
            inner_product_backward_weights.desc bwd = bias
                    ? new inner_product_backward_weights.desc(srcMd, wMd, bMd, dstMd)
                    : new inner_product_backward_weights.desc(srcMd, wMd, dstMd);
            bwdW = new inner_product_backward_weights(new inner_product_backward_weights.primitive_desc(bwd, eng, fwdPd));
            diffW = new memory(wMd, eng, null);
            diffWCopy = new memory(wMd, eng);
            diffB = bias ? new memory(bMd, eng, null) : null;
            if (bias) {
                bwdWArgs.put(dnnl.DNNL_ARG_DIFF_BIAS, diffB);
            }
            if (backwardData) {
                bwdD = new inner_product_backward_data(new inner_product_backward_data.primitive_desc(
                        new inner_product_backward_data.desc(srcMd, wMd, dstMd), eng, fwdPd));
                diffSrc = new memory(srcMd, eng, null);
                bwdDArgs = new IntMemoryMap();
                bwdDArgs.put(dnnl.DNNL_ARG_DIFF_SRC, diffSrc);
            } else {
                bwdD = null;
                diffSrc = null;
                bwdDArgs = null;
            }
        }

        /** The memory to read {@code a} from: {@code m} at {@code a}'s data if row-major, else a reordered copy. */
        private memory rowMajor(INDArray a, memory m, memory copy, Reorder r) {
            if (isRowMajor(a)) {
                m.set_data_handle(address(a));
                return m;
            }
            r.run(a, copy, stream);
            return copy;
        }

        /** The weights as oneDNN memory: DL4J's array itself when laid out {@code oi}, else a reordered copy. */
        private memory weights(INDArray weights) {
            if (isOi(weights)) {
                w.set_data_handle(address(weights));
                return w;
            }
            wReorder.run(weights.transpose(), wCopy, stream); // {OC, IC} is W transposed
            return wCopy;
        }

        /**
         * {@code out = in·weights + bias}, through ReLU if so built.
         *
         * @param in the {@code [n, nIn]} input
         * @param weights the {@code [nIn, nOut]} weights
         * @param biasRow the bias ({@code nOut} contiguous values), ignored without bias
         * @param out a row-major {@code [n, nOut]} array for the result
         */
        void forward(INDArray in, INDArray weights, INDArray biasRow, INDArray out) {
            fwdArgs.put(dnnl.DNNL_ARG_SRC, rowMajor(in, src, srcCopy, srcReorder));
            fwdArgs.put(dnnl.DNNL_ARG_WEIGHTS, weights(weights));
            if (bias) {
                b.set_data_handle(address(biasRow));
            }
            dst.set_data_handle(address(out));
            exec(fwd, stream, fwdArgs);
        }

        /**
         * @param gradient a {@code [n, nOut]} gradient with respect to the output
         * @return it as oneDNN memory: at its data if row-major, else a reordered copy
         */
        memory outputGradient(INDArray gradient) {
            return rowMajor(gradient, diffDst, diffDstCopy, diffDstReorder);
        }

        /**
         * Writes the weight and bias gradients into DL4J's gradient views.
         *
         * @param in the forward pass's input
         * @param gradient the gradient with respect to the output before any activation
         * @param weightGrad the {@code [nIn, nOut]} weight gradient view (written in place when {@code oi})
         * @param biasGrad the bias gradient view ({@code nOut} contiguous values), ignored without bias
         */
        void backwardWeights(INDArray in, memory gradient, INDArray weightGrad, INDArray biasGrad) {
            boolean direct = isOi(weightGrad);
            if (direct) {
                diffW.set_data_handle(address(weightGrad));
            }
            bwdWArgs.put(dnnl.DNNL_ARG_DIFF_WEIGHTS, direct ? diffW : diffWCopy);
            bwdWArgs.put(dnnl.DNNL_ARG_SRC, rowMajor(in, src, srcCopy, srcReorder));
            bwdWArgs.put(dnnl.DNNL_ARG_DIFF_DST, gradient);
            if (bias) {
                diffB.set_data_handle(address(biasGrad));
            }
            exec(bwdW, stream, bwdWArgs);
            if (!direct) {
                diffWReorder.runTo(diffWCopy, weightGrad.transpose(), stream);
            }
        }

        /**
         * @param gradient the gradient with respect to the output before any activation
         * @param weights the {@code [nIn, nOut]} weights
         * @param inGrad a row-major {@code [n, nIn]} array for the gradient with respect to the input
         */
        void backwardData(memory gradient, INDArray weights, INDArray inGrad) {
            bwdDArgs.put(dnnl.DNNL_ARG_WEIGHTS, weights(weights));
            diffSrc.set_data_handle(address(inGrad));
            bwdDArgs.put(dnnl.DNNL_ARG_DIFF_DST, gradient);
            exec(bwdD, stream, bwdDArgs);
        }

        /** @return whether {@link #backwardData} is available */
        boolean hasBackwardData() {
            return bwdD != null;
        }
    }
}
