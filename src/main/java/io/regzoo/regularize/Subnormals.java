package io.regzoo.regularize;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps subnormal floats (nonzero, below {@link Float#MIN_NORMAL}, about {@code 1.2e-38}) out of a
 * network's parameters and Adam's moments, storing 0 instead.
 *
 * <p>Why: an input that is 0 in every example (MNIST's border pixels) gives its weights no data
 * gradient, so L2 or weight decay shrinks them geometrically, and Adam's moments decay with them,
 * into the subnormal range, where x86 processors compute each operation through a microcode assist
 * many times slower. After about 1,500 steps of the MLP at batch 64 a tenth of its weights and Adam's
 * state are subnormal and the step runs 35% slower; Java and JavaCPP offer no way to set the
 * processor's flush-to-zero mode, so regzoo stores 0 itself (docs/PERFORMANCE.md). A weight below
 * {@code 1.2e-38} changes no output a float can hold, so training results are the same for every
 * practical purpose, but not bit for bit with DL4J's own Adam once such values occur.
 * {@code -D}{@value #KEEP_PROPERTY}{@code =true} keeps them.
 */
public final class Subnormals {

    /** System property; {@code true} keeps subnormal values (DL4J's behaviour). */
    public static final String KEEP_PROPERTY = "regzoo.subnormals.keep";

    private static final boolean KEEP = Boolean.getBoolean(KEEP_PROPERTY);

    /**
     * Steps between two flushes of the parameters ({@code InPlaceUpdater}) and of Adam's moments
     * ({@code FusedAdam}): a value enters the subnormal range once, on its way to 0, so flushing every
     * few dozen steps keeps it there briefly at a fraction of the cost of flushing every step.
     */
    static final int EVERY = 32;

    private long cachedAddress = -1;
    private FloatBuffer floats;
    private final float[] chunk = new float[8192];

    /** For one array that is flushed again and again (its native buffer cached between calls). */
    Subnormals() {}

    /** @return whether subnormal values are stored as 0 (the default) */
    static boolean flushing() {
        return !KEEP;
    }

    /**
     * Stores 0 for every subnormal element of a contiguous float array (nothing for other arrays,
     * or when {@value #KEEP_PROPERTY} is set).
     *
     * @param a the array, changed in place
     * @return how many elements were set to 0
     */
    int flush(INDArray a) {
        if (KEEP || a == null || a.dataType() != DataType.FLOAT || a.length() > Integer.MAX_VALUE || a.isEmpty()
                || a.elementWiseStride() != 1 || !a.isVectorOrScalar() && !(a.rank() == 2 && a.size(0) == 1)) {
            return 0;
        }
        long address = a.data().address() + a.offset() * 4L;
        int n = (int) a.length();
        if (address != cachedAddress || floats.capacity() != n) {
            FloatPointer p = new FloatPointer(new At(address));
            p.capacity(n);
            p.limit(n);
            floats = p.asBuffer();
            cachedAddress = address;
        }
        FloatBuffer f = floats;
        int flushed = 0;
        for (int from = 0; from < n; from += chunk.length) { // bulk copies: a plain array loop the JIT compiles well
            int len = Math.min(chunk.length, n - from);
            f.get(from, chunk, 0, len);
            for (int i = 0; i < len; i++) {
                float x = chunk[i];
                if (Math.abs(x) < Float.MIN_NORMAL && x != 0f) {
                    f.put(from + i, 0f);
                    flushed++;
                }
            }
        }
        return flushed;
    }

    /** A JavaCPP pointer at an address ND4J owns (no deallocator). */
    private static final class At extends Pointer {
        At(long address) {
            this.address = address;
        }
    }
}
