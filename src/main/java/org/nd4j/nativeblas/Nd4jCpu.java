package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * regzoo's bridge for a stale class name in DL4J 1.0.0-M2.1 (not part of ND4J).
 *
 * <p>DL4J's oneDNN layer helpers ({@code MKLDNNConvHelper}, {@code MKLDNNSubsamplingHelper},
 * ...) decide whether they may run by loading {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and
 * calling {@code isUseMKLDNN()} ({@code BaseMKLDNNHelper.mklDnnEnabled()}). In 1.0.0-M2.1 that
 * class lives in {@code org.nd4j.linalg.cpu.nativecpu.bindings} and the method is called
 * {@code isUseONEDNN()}, so the lookup fails and the helpers never run, even on a oneDNN build of
 * nd4j-native. This class answers the lookup with the real environment's answer: true exactly when
 * the loaded native library was built with oneDNN and has it switched on. On a build without oneDNN,
 * or the CUDA backend, it answers false and DL4J's built-in layer code runs as before.
 *
 * <p>See {@code docs/PERFORMANCE.md}: with the helpers the MNIST CNN trains ≈ 3.5× faster on CPU.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {}

    /** The part of the native environment DL4J's helper check asks for. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private static final String REAL = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {}

        /**
         * @return the one instance
         */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * @return whether the loaded nd4j-native library runs oneDNN ({@code isUseONEDNN()} of the real
         *     environment); false when that class is absent (another backend) or cannot answer
         */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName(REAL);
                Object instance = env.getMethod("getInstance").invoke(null);
                Method use = env.getMethod("isUseONEDNN");
                return (Boolean) use.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return false;
            }
        }
    }
}
