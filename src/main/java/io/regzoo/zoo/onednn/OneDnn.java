package io.regzoo.zoo.onednn;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
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

    /** Executes one primitive and waits for it. */
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
}
