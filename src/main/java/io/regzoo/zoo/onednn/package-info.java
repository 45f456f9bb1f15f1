/**
 * Convolution, max pooling, dense and softmax output layers for DL4J's {@code MultiLayerNetwork} through oneDNN
 * primitives that regzoo creates and caches itself (JavaCPP's oneDNN 2.5 presets), instead of the
 * calls libnd4j makes to the oneDNN 2.3 it links statically (or, for dense layers, OpenBLAS).
 *
 * <p>Both oneDNN builds live in one process: libnd4j exports no {@code dnnl_*} C symbol and both use
 * the one OpenMP runtime nd4j-native loads (docs/PERFORMANCE.md, "Speed round two: CNN", and its
 * part "Dense layers on oneDNN"). The layers are DL4J layers — {@link io.regzoo.zoo.onednn.OneDnnConvolution},
 * {@link io.regzoo.zoo.onednn.OneDnnMaxPooling}, {@link io.regzoo.zoo.onednn.OneDnnDense} and
 * {@link io.regzoo.zoo.onednn.OneDnnOutput} extend DL4J's {@code ConvolutionLayer},
 * {@code SubsamplingLayer}, {@code DenseLayer} and {@code OutputLayer} configurations —
 * so updaters, regularization, dropout on their input and serialization are DL4J's. What differs is how the arithmetic runs:
 * <ul>
 *   <li>activations between these layers stay in one memory layout (NHWC, seen by DL4J as NCHW-shaped
 *       views), so no format conversion runs between them;</li>
 *   <li>direct convolution algorithm (no Winograd), {@code forward_training}, ReLU fused as a
 *       post-op, the ReLU derivative taken from the forward output (on the pooled output when a max
 *       pooling follows: exact, and a quarter of the work);</li>
 *   <li>no input gradient for a layer built with {@code inputGradient(false)} (the first layer);</li>
 *   <li>max-pooling backward from the forward pass's workspace instead of a second forward pass;</li>
 *   <li>dense layers as oneDNN inner products (ReLU fused as a post-op) that read the weights and
 *       write their gradient in DL4J's own parameter memory (DL4J's 'f'-order {@code [nIn, nOut]}
 *       view is oneDNN's {@code oi} layout), without DL4J's second forward pass in backprop;</li>
 *   <li>a softmax output with cross-entropy loss ({@code MCXENT}) trained in one pass per step: the
 *       pre-output once (a oneDNN inner product in float, {@code Nd4j.gemm} in double), softmax, loss
 *       and its gradient in one loop, and the step's score from that pass (DL4J's layer computes the
 *       pre-output and softmax twice, in backprop and again in the score). Its inference, the
 *       scores of other data and any other activation or loss are DL4J's code;</li>
 *   <li>the regularization score DL4J computes every step: L2 and weight decay's {@code 0.5·c·‖w‖²}
 *       from one BLAS dot product per array instead of libnd4j's {@code norm2} (same sum to float
 *       rounding).</li>
 * </ul>
 * Anything else (double precision, another activation or pooling type, NHWC configuration, dilation,
 * {@code Same} mode, layer norm, weight noise, masks, loss weights, inference, a missing native library,
 * {@code -Dregzoo.onednn.disable=true}) runs DL4J's own layer code, unchanged.
 *
 * <p>A saved model names these classes, so loading it needs regzoo on the class path;
 * {@link io.regzoo.zoo.onednn.OneDnnLayers#toDl4j(org.deeplearning4j.nn.multilayer.MultiLayerNetwork)}
 * converts a network to DL4J's own layers (same parameters and updater state) for a plain DL4J program.
 */
package io.regzoo.zoo.onednn;
