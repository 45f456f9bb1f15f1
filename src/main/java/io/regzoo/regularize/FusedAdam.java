package io.regzoo.regularize;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DL4J's {@link Adam}, with the update computed in one pass over the parameters in Java instead of
 * libnd4j's {@code adam_updater} op. Same configuration, same state layout ({@code M} and {@code V}
 * in DL4J's updater state view, so checkpoints and {@code ModelSerializer} files are DL4J's), same
 * arithmetic in float: the parameters after training agree with DL4J's {@code Adam} to float rounding
 * (in practice bit for bit).
 *
 * <p>Why: libnd4j 1.0.0-M2.1 runs its Adam op as a scalar loop through a {@code std::function} per
 * thread chunk, about 1 ms per step for the MLP's 101,770 parameters, a fifth of the whole step
 * (docs/PERFORMANCE.md). The Java loop over the same native memory takes about a third of that.
 * Double-precision networks, state that is not one contiguous block, and {@code -D}{@value #DISABLE_PROPERTY}{@code =true}
 * run DL4J's own code. One difference by design: moments below the smallest normal float
 * ({@code 1.2e-38}) are stored as 0 ({@link Subnormals}).
 *
 * <p>Saved network configurations name this class, so loading one needs regzoo on the class path;
 * {@code io.regzoo.zoo.onednn.OneDnnLayers#toDl4j} converts a network to DL4J's own classes.
 */
public class FusedAdam extends Adam {

    private static final long serialVersionUID = 1L;

    /**
     * System property; {@code true} makes every {@code FusedAdam} run DL4J's own Adam op (e.g.
     * {@code REGZOO_JAVA_OPTS=-Dregzoo.fusedadam.disable=true}; read when a network's updater is created).
     */
    public static final String DISABLE_PROPERTY = "regzoo.fusedadam.disable";

    /** DL4J's defaults (learning rate 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8); also for Jackson. */
    public FusedAdam() {
        super();
    }

    /**
     * @param learningRate the fixed learning rate
     */
    public FusedAdam(double learningRate) {
        super(learningRate);
    }

    /**
     * @param schedule the learning-rate schedule
     */
    public FusedAdam(ISchedule schedule) {
        super(schedule);
    }

    /**
     * @param learningRate the fixed learning rate
     * @param beta1 the first moment's decay
     * @param beta2 the second moment's decay
     * @param epsilon added to the root of the second moment
     */
    public FusedAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        long[] gradientShape = flat.shape().clone();
        gradientShape[0] /= 2; // M, then V (as Adam.instantiate)
        u.setStateViewArray(flat, gradientShape, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(java.util.Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public FusedAdam clone() {
        FusedAdam c = new FusedAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        c.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
        return c;
    }

    @Override
    public String toString() {
        return "FusedAdam(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", beta1=" + getBeta1() + ", beta2=" + getBeta2() + ", epsilon=" + getEpsilon() + ")";
    }

    /**
     * DL4J's {@link AdamUpdater} (its state handling unchanged), with {@link #applyUpdater} done in one
     * pass of float arithmetic when gradient and state are float and contiguous.
     */
    static final class Updater extends AdamUpdater {
        private final Adam config;
        private INDArray mState;
        private INDArray vState;
        private long cachedAddress = -1;
        private FloatBuffer g;
        private FloatBuffer m;
        private FloatBuffer v;
        private long fusedSteps;
        private final boolean disabled = Boolean.getBoolean(DISABLE_PROPERTY);

        Updater(Adam config) {
            super(config);
            this.config = config;
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            super.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
            stateChanged();
        }

        @Override
        public void setState(java.util.Map<String, INDArray> stateMap, boolean initialize) {
            super.setState(stateMap, initialize);
            stateChanged();
        }

        private void stateChanged() {
            java.util.Map<String, INDArray> state = getState();
            mState = state.get(M_STATE);
            vState = state.get(V_STATE);
            cachedAddress = -1;
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            long n = gradient.length();
            if (disabled || n > Integer.MAX_VALUE || !contiguousFloat(gradient) || !contiguousFloat(mState) || !contiguousFloat(vState)
                    || mState.length() != n || vState.length() != n) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            long address = address(gradient);
            if (address != cachedAddress || g.capacity() != n || m.capacity() != n) {
                g = floats(address, n);
                m = floats(address(mState), n);
                v = floats(address(vState), n);
                cachedAddress = address;
            }
            fusedSteps++;
            update(g, m, v, (int) n, (float) config.getLearningRate(iteration, epoch), (float) config.getBeta1(),
                    (float) config.getBeta2(), (float) config.getEpsilon(), iteration);
        }

        /**
         * libnd4j's formula in float: {@code m = β₁m + (1−β₁)g}, {@code v = β₂v + (1−β₂)g²},
         * {@code g = m·ε_t / (√v + ε)} with {@code ε_t = lr·√(1−β₂^(t+1)) / (1−β₁^(t+1))}.
         */
        static void update(FloatBuffer g, FloatBuffer m, FloatBuffer v, int n, float lr, float beta1, float beta2,
                float epsilon, int iteration) {
            float t = iteration;
            float beta1T = (float) Math.pow(beta1, t + 1);
            float beta2T = (float) Math.pow(beta2, t + 1);
            float epsilonT = (float) ((lr * (float) Math.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
            if (Float.isNaN(epsilonT) || epsilonT == 0 || Float.isInfinite(epsilonT)) {
                epsilonT = epsilon;
            }
            float oneMinusBeta1 = 1 - beta1;
            float oneMinusBeta2 = 1 - beta2;
            // every 32nd step: a decaying moment spends a few steps at most in the subnormal range
            boolean flush = Subnormals.flushing() && iteration % Subnormals.EVERY == 0;
            for (int i = 0; i < n; i++) {
                float gi = g.get(i);
                float mi = beta1 * m.get(i) + gi * oneMinusBeta1;
                float vi = beta2 * v.get(i) + gi * gi * oneMinusBeta2;
                if (flush) { // decaying moments of unused inputs would pass through the slow subnormal range
                    mi = Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi;
                    vi = vi < Float.MIN_NORMAL ? 0f : vi;
                }
                m.put(i, mi);
                v.put(i, vi);
                g.put(i, (mi * epsilonT) / ((float) Math.sqrt(vi) + epsilon));
            }
        }

        /** @return how many updates took the Java path (for tests) */
        long fusedSteps() {
            return fusedSteps;
        }

        private static boolean contiguousFloat(INDArray a) {
            if (a == null || a.dataType() != DataType.FLOAT || a.isEmpty()) {
                return false;
            }
            long[] shape = a.shape();
            long[] stride = a.stride();
            long nonUnit = Arrays.stream(shape).filter(s -> s != 1).count();
            if (nonUnit > 1) {
                return false; // a vector (any order, any unit dimensions) is all the updater sees
            }
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] != 1 && stride[i] != 1) {
                    return false;
                }
            }
            return true;
        }

        private static long address(INDArray a) {
            return a.data().address() + a.offset() * a.dataType().width();
        }

        private static FloatBuffer floats(long address, long n) {
            FloatPointer p = new FloatPointer(new At(address));
            p.capacity(n);
            p.limit(n);
            return p.asBuffer();
        }
    }

    /** A JavaCPP pointer at an address ND4J owns (no deallocator). */
    private static final class At extends Pointer {
        At(long address) {
            this.address = address;
        }
    }
}
