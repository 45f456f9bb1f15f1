package io.regzoo.zoo;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * DL4J's oneDNN layer helpers: convolution, pooling, batch norm and a few more layers run through
 * oneDNN's kernels instead of DL4J's generic im2col code. The MNIST CNN trains ≈ 3.5× faster with
 * them on CPU (docs/PERFORMANCE.md), to the same numbers within float rounding.
 *
 * <p><b>Off unless you switch them on.</b> DL4J 1.0.0-M2.1 ships them switched off (system property
 * {@value #DISABLE_PROPERTY} defaults to {@code true}). Building or loading a zoo network does not
 * change that: call {@link #enable()} once, before building networks (the property is read when a
 * layer is created; it is JVM-wide, as DL4J defines it). The {@code regzoo} command line calls it
 * first thing, so its commands and the child JVMs they start (which inherit the property) run the
 * helpers; {@code -D}{@value #DISABLE_PROPERTY}{@code =true} (e.g. in {@code REGZOO_JAVA_OPTS})
 * switches them off there. A program using regzoo as a library decides for itself:
 *
 * <pre>{@code
 * LayerHelpers.enable();                       // oneDNN kernels for the layers built from now on
 * MultiLayerNetwork cnn = MnistCnn.builder().build().init();
 * System.out.println(LayerHelpers.describe()); // "oneDNN"
 * }</pre>
 *
 * <p>Even when switched on, DL4J 1.0.0-M2.1 looks for the native environment under a stale class
 * name; regzoo answers that lookup with its one class outside {@code io.regzoo},
 * {@code org.nd4j.nativeblas.Nd4jCpu} (see that package's documentation for why it cannot live
 * elsewhere), and depends on the oneDNN build of nd4j-native.
 */
public final class LayerHelpers {

    /** DL4J's system property; {@code true} disables the helpers. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private LayerHelpers() {}

    /**
     * Switches the helpers on for layers created from now on (sets the JVM-wide system property
     * {@value #DISABLE_PROPERTY} to {@code false}), unless that property is already set: a
     * {@code -D} on the command line, or an earlier {@code System.setProperty}, wins. Idempotent.
     * Nothing in regzoo calls it except the command line ({@code io.regzoo.cli.Main}).
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

    /**
     * What runs the zoo's layers, for provenance and the benchmark: regzoo's own oneDNN convolution,
     * pooling and dense layers ({@link io.regzoo.zoo.onednn.OneDnn#describe()}) and DL4J's helpers for the
     * other layers ({@link #describe()}).
     *
     * @return e.g. {@code "conv/pool/dense: regzoo's oneDNN 2.5.2 layers; DL4J helpers: oneDNN"}, or with
     *     {@code off (...)} naming the switch for either part that is off, e.g. {@code "conv/pool/dense: DL4J's
     *     layers, regzoo's oneDNN layers off (regzoo.onednn.disable=true); DL4J helpers: oneDNN"}
     */
    public static String summary() {
        String own = io.regzoo.zoo.onednn.OneDnn.describe();
        return "conv/pool/dense: " + (own.startsWith("off") ? "DL4J's layers, regzoo's oneDNN layers " + own : "regzoo's " + own + " layers")
                + "; DL4J helpers: " + describe();
    }
}
