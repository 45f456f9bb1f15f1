package io.regzoo.zoo;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * DL4J's oneDNN layer helpers: convolution, pooling, batch norm and a few more layers run through
 * oneDNN's kernels instead of DL4J's generic im2col code. The MNIST CNN trains ≈ 3.5× faster with
 * them on CPU (docs/PERFORMANCE.md), to the same numbers within float rounding.
 *
 * <p>DL4J 1.0.0-M2.1 ships them switched off (system property {@value #DISABLE_PROPERTY} defaults to
 * {@code true}) and, even when switched on, cannot find the native environment under the name it
 * looks for; regzoo bridges the name ({@code org.nd4j.nativeblas.Nd4jCpu}) and depends on the oneDNN
 * build of nd4j-native. Loading a zoo class calls {@link #enable()}: the helpers are on unless you set
 * the property yourself ({@code -D}{@value #DISABLE_PROPERTY}{@code =true} switches them off). The
 * property is read when a layer is created, so set it before building networks.
 */
public final class LayerHelpers {

    /** DL4J's system property; {@code true} disables the helpers. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private LayerHelpers() {}

    /**
     * Switches the helpers on for layers created from now on, unless {@value #DISABLE_PROPERTY} is
     * already set (the user's choice wins). Idempotent.
     */
    public static synchronized void enable() {
        if (System.getProperty(DISABLE_PROPERTY) == null) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
    }

    /**
     * @return whether layers created now get oneDNN helpers: the property allows them and the loaded
     *     native library runs oneDNN
     */
    public static boolean active() {
        return !Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "true")) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * @return {@code "oneDNN"} when {@link #active()}, else why not, e.g. {@code "off (-Dorg.eclipse...=true)"}
     */
    public static String describe() {
        if (Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "true"))) {
            return "off (" + DISABLE_PROPERTY + "=" + System.getProperty(DISABLE_PROPERTY, "true") + ")";
        }
        return BaseMKLDNNHelper.mklDnnEnabled() ? "oneDNN" : "off (the native backend has no oneDNN)";
    }
}
