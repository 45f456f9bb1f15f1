package io.regzoo.zoo.onednn;

import java.lang.reflect.Field;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The layer behind {@link OneDnnOutput}: DL4J's output layer that, for softmax with DL4J's
 * {@code MCXENT} loss, trains in one pass per step instead of DL4J's two pre-outputs and two
 * softmaxes.
 *
 * <p>DL4J's network never activates its output layer in training: it sets the layer's input, calls
 * {@link #backpropGradient} (which in DL4J's layer computes the pre-output, softmax and loss
 * gradient) and then {@link #computeScore} (pre-output, softmax, clipping, log and sum again). Here
 * {@code backpropGradient} computes the pre-output once (a oneDNN inner product in float,
 * {@code Nd4j.gemm} in double), then softmax, {@code MCXENT}'s loss (softmax clipped to
 * {@code [eps, 1 − eps]} as {@code LossMCXENT} does) and its gradient {@code softmax − labels} in
 * one Java loop over the native memory, the weight and bias gradients straight into DL4J's gradient
 * views and the input gradient, and keeps the loss; the {@code computeScore} that follows for the
 * same input and labels in the same iteration returns it (divided by the minibatch size, plus the
 * regularization term, as DL4J's) instead of recomputing it. Any other call — inference
 * ({@code output()}, evaluation), scores of other data, another activation or loss, loss weights,
 * masks, weight noise, {@code -Dregzoo.onednn.disable=true} — runs DL4J's code. Dropout on the
 * layer's input is DL4J's ({@code applyDropOutIfNecessary} / {@code backpropDropOutIfPresent}).
 */
public class OneDnnOutputImpl extends OutputLayer {

    private transient PenaltyScore penaltyScore;

    /** {@code BaseOutputLayer}'s private copy of the last regularization term, which DL4J's {@code computeScore} sets. */
    private static final Field FULL_NET_REG_TERM = regTermField();

    private final boolean enabled;
    private final stream stream;
    /** Whether float products run on oneDNN ({@code true}) or {@code Nd4j.gemm}; for measurements. */
    private boolean oneDnnProducts = true;
    private Plan plan;
    /** The loss of the last fast backprop, for the {@code computeScore} of the same input, labels and iteration. */
    private boolean lossReady;
    private double lossSum;
    private INDArray lossInput;
    private INDArray lossLabels;
    private int lossIteration;
    private int lossEpoch;
    /** The layer's parameters' bytes at the last fast backprop, and a buffer to compare them with. */
    private byte[] paramBytes = new byte[0];
    private byte[] paramCheck = new byte[0];
    /** How many backprops took the one-pass path, and how many scores came from it (for tests). */
    long fastBackprops;
    long passScores;

    /**
     * @param conf the layer's configuration (an {@link OneDnnOutput})
     * @param dataType the network's data type
     */
    public OneDnnOutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.enabled = !Boolean.getBoolean(OneDnn.DISABLE_PROPERTY);
        this.stream = OneDnn.available() ? OneDnn.newStream() : null;
    }

    private static Field regTermField() {
        try {
            Field f = BaseOutputLayer.class.getDeclaredField("fullNetRegTerm");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Arrays and primitives for one minibatch size. */
    private static final class Plan {
        final int n;
        final int classes;
        /** oneDNN's products (float), or {@code null} for {@code Nd4j.gemm}. */
        final OneDnn.InnerProduct ip;
        /** The pre-output, and the loss gradient with respect to it: {@code [n, classes]}, outside workspaces. */
        final INDArray preOut;
        final INDArray delta;
        final double[] z;
        final double[] y;
        final double[] d;
        final double[] bias;
        final float[] floats;

        Plan(int n, int classes, long nIn, boolean hasBias, DataType type, OneDnn.InnerProduct ip) {
            this.n = n;
            this.classes = classes;
            this.ip = ip;
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                preOut = Nd4j.createUninitialized(type, new long[] {n, classes}, 'c');
                delta = Nd4j.createUninitialized(type, new long[] {n, classes}, 'c');
            }
            int len = n * classes;
            z = new double[len];
            y = new double[len];
            d = new double[len];
            bias = new double[classes];
            floats = type == DataType.FLOAT ? new float[len] : null;
        }
    }

    /**
     * Makes float products run through {@code Nd4j.gemm} instead of oneDNN (for measurements).
     *
     * @param oneDnn {@code true} (default) for oneDNN, {@code false} for {@code Nd4j.gemm}
     */
    void setOneDnnProducts(boolean oneDnn) {
        this.oneDnnProducts = oneDnn;
        this.plan = null;
    }

    /** @return whether this backprop can take the one-pass path; DL4J's code runs otherwise */
    private boolean supported() {
        org.deeplearning4j.nn.conf.layers.OutputLayer c = layerConf();
        INDArray in = input;
        if (!enabled || in == null || labels == null || maskArray != null || c.getWeightNoise() != null
                || (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) || in.dataType() != dataType
                || in.rank() != 2 || in.isEmpty() || in.size(1) != c.getNIn()
                || labels.rank() != 2 || labels.size(0) != in.size(0) || labels.size(1) != c.getNOut()
                || in.size(0) * c.getNOut() > Integer.MAX_VALUE / 2) {
            return false;
        }
        return c.getActivationFn().getClass() == ActivationSoftmax.class && c.getLossFn().getClass() == LossMCXENT.class
                && ((LossMCXENT) c.getLossFn()).getWeights() == null;
    }

    private Plan plan(int n) {
        if (plan != null && plan.n == n) {
            return plan;
        }
        org.deeplearning4j.nn.conf.layers.OutputLayer c = layerConf();
        OneDnn.InnerProduct ip = stream != null && oneDnnProducts && dataType == DataType.FLOAT
                ? new OneDnn.InnerProduct(n, c.getNIn(), c.getNOut(), c.hasBias(), false, true, stream) : null;
        plan = new Plan(n, (int) c.getNOut(), c.getNIn(), c.hasBias(), dataType, ip);
        return plan;
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
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        lossReady = false;
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        if (labels != this.labels) {
            lossReady = false;
        }
        super.setLabels(labels);
    }

    @Override
    public void clear() {
        lossReady = false;
        lossInput = null;
        lossLabels = null;
        super.clear();
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        lossReady = false;
        super.computeGradientAndScore(workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        lossReady = false;
        if (!supported()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray in = input;
        boolean hasBias = layerConf().hasBias();
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = hasBias ? getParam(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = hasBias ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        Plan pl = plan((int) in.size(0));
        INDArray y = labels.dataType() == dataType ? labels : labels.castTo(dataType);
        if (!OneDnn.isRowMajor(y)) {
            y = y.dup('c');
        }

        // the pre-output, once
        if (pl.ip != null) {
            pl.ip.forward(in, w, b, pl.preOut);
        } else {
            Nd4j.gemm(in, w, pl.preOut, false, false, 1.0, 0.0);
        }
        boolean javaBias = hasBias && pl.ip == null;
        if (javaBias) {
            load(contiguous(b), pl.bias, pl.classes, pl.floats);
        }
        load(pl.preOut, pl.z, pl.n * pl.classes, pl.floats);
        load(y, pl.y, pl.n * pl.classes, pl.floats);
        double loss = softmaxCrossEntropy(pl.z, pl.y, pl.d, pl.n, pl.classes, javaBias ? pl.bias : null,
                ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps());
        store(pl.d, pl.delta, pl.n * pl.classes, pl.floats);

        // the gradients
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {pl.n, w.size(0)}, 'c');
        if (pl.ip != null) {
            memory delta = pl.ip.outputGradient(pl.delta);
            pl.ip.backwardWeights(in, delta, weightGrad, biasGrad);
            pl.ip.backwardData(delta, w, epsNext);
        } else {
            Nd4j.gemm(in, pl.delta, weightGrad, true, false, 1.0, 0.0);
            if (hasBias && isContiguous(biasGrad)) {
                columnSums(pl.d, pl.n, pl.classes, pl.bias);
                store(pl.bias, biasGrad, pl.classes, pl.floats);
            } else if (hasBias) {
                pl.delta.sum(biasGrad, 0);
            }
            Nd4j.gemm(pl.delta, w, epsNext, false, true, 1.0, 0.0);
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (hasBias) {
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        epsNext = backpropDropOutIfPresent(epsNext);

        int bytes = (int) ((w.length() + (hasBias ? b.length() : 0)) * w.dataType().width());
        if (paramBytes.length != bytes) {
            paramBytes = new byte[bytes];
            paramCheck = new byte[bytes];
        }
        copyBytes(w, b, paramBytes);
        lossSum = loss;
        lossInput = in;
        lossLabels = labels;
        lossIteration = getIterationCount();
        lossEpoch = getEpochCount();
        lossReady = true;
        fastBackprops++;
        return new Pair<>(gradient, epsNext);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean ready = lossReady && training && input == lossInput && labels == lossLabels && maskArray == null
                && getIterationCount() == lossIteration && getEpochCount() == lossEpoch && paramsUnchanged();
        lossReady = false;
        if (!ready) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        if (FULL_NET_REG_TERM != null) {
            try {
                FULL_NET_REG_TERM.setDouble(this, fullNetRegTerm);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        double s = lossSum;
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        s += fullNetRegTerm;
        this.score = s;
        passScores++;
        return s;
    }

    /** @return whether the weights and bias hold the values the last fast backprop used */
    private boolean paramsUnchanged() {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = layerConf().hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null;
        long bytes = (w.length() + (b != null ? b.length() : 0)) * w.dataType().width();
        if (bytes != paramCheck.length) {
            return false;
        }
        copyBytes(w, b, paramCheck);
        return java.util.Arrays.equals(paramBytes, paramCheck);
    }

    /** Copies the weights' and then the bias's memory (a copy in 'f' order if not contiguous) into {@code to}. */
    private static void copyBytes(INDArray w, INDArray b, byte[] to) {
        INDArray wc = OneDnn.isOi(w) ? w : w.dup('f');
        int wBytes = (int) (wc.length() * wc.dataType().width());
        new BytePointer(OneDnn.address(wc)).get(to, 0, wBytes);
        if (b != null) {
            INDArray bc = contiguous(b);
            new BytePointer(OneDnn.address(bc)).get(to, wBytes, to.length - wBytes);
        }
    }

    /**
     * Softmax, {@code LossMCXENT}'s loss and its gradient with respect to the pre-output, row by row.
     *
     * @param z the pre-output, {@code n × c} row-major
     * @param y the labels, same layout
     * @param d receives {@code softmax(z + bias) − y}
     * @param n rows
     * @param c classes
     * @param bias added to every row of {@code z} first, or {@code null}
     * @param clip {@code LossMCXENT}'s softmax clipping epsilon: the loss takes the softmax clipped to
     *     {@code [clip, 1 − clip]} when {@code clip > 0}; the gradient is unclipped, as DL4J's
     * @return the loss summed over all rows, {@code −Σ y·log(softmax)}
     */
    static double softmaxCrossEntropy(double[] z, double[] y, double[] d, int n, int c, double[] bias, double clip) {
        double loss = 0;
        for (int r = 0; r < n; r++) {
            int o = r * c;
            if (bias != null) {
                for (int j = 0; j < c; j++) {
                    z[o + j] += bias[j];
                }
            }
            double max = z[o];
            for (int j = 1; j < c; j++) {
                max = Math.max(max, z[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(z[o + j] - max);
                d[o + j] = e;
                sum += e;
            }
            for (int j = 0; j < c; j++) {
                double p = d[o + j] / sum;
                double label = y[o + j];
                d[o + j] = p - label;
                if (clip > 0) {
                    if (label != 0) {
                        loss -= Math.log(Math.min(Math.max(p, clip), 1 - clip)) * label;
                    }
                } else {
                    loss -= Math.log(p) * label;
                }
            }
        }
        return loss;
    }

    private static void columnSums(double[] d, int n, int c, double[] out) {
        java.util.Arrays.fill(out, 0, c, 0.0);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < c; j++) {
                out[j] += d[r * c + j];
            }
        }
    }

    /** @return whether a vector's values are adjacent in memory */
    private static boolean isContiguous(INDArray v) {
        return v.isVector() && (v.length() == 1 || v.stride(v.rank() - 1) == 1 && (v.rank() == 1 || v.size(0) == 1));
    }

    private static INDArray contiguous(INDArray v) {
        return isContiguous(v) ? v : v.dup('c');
    }

    /** Copies the first {@code len} values of a row-major float or double array into {@code dst}. */
    private static void load(INDArray a, double[] dst, int len, float[] scratch) {
        if (a.dataType() == DataType.FLOAT) {
            float[] f = scratch != null && scratch.length >= len ? scratch : new float[len];
            new FloatPointer(OneDnn.address(a)).get(f, 0, len);
            for (int i = 0; i < len; i++) {
                dst[i] = f[i];
            }
        } else {
            new DoublePointer(OneDnn.address(a)).get(dst, 0, len);
        }
    }

    /** Writes {@code len} values into a row-major float or double array. */
    private static void store(double[] src, INDArray a, int len, float[] scratch) {
        if (a.dataType() == DataType.FLOAT) {
            float[] f = scratch != null && scratch.length >= len ? scratch : new float[len];
            for (int i = 0; i < len; i++) {
                f[i] = (float) src[i];
            }
            new FloatPointer(OneDnn.address(a)).put(f, 0, len);
        } else {
            new DoublePointer(OneDnn.address(a)).put(src, 0, len);
        }
    }
}
