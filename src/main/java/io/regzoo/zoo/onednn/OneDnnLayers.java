package io.regzoo.zoo.onednn;

import io.regzoo.regularize.FusedAdam;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Converts networks with regzoo's oneDNN layers (and its {@link FusedAdam} updater) into networks of
 * DL4J's own classes with the same parameters and updater state, for a program without regzoo on its
 * class path:
 *
 * <pre>{@code
 * ModelSerializer.writeModel(OneDnnLayers.toDl4j(net), file, true); // loads in plain DL4J
 * }</pre>
 */
public final class OneDnnLayers {

    private OneDnnLayers() {}

    /**
     * @param conf a configuration, with or without {@link OneDnnConvolution} / {@link OneDnnMaxPooling} /
     *     {@link OneDnnDense} / {@link OneDnnOutput} layers
     * @return the same configuration with DL4J's {@code ConvolutionLayer} / {@code SubsamplingLayer} /
     *     {@code DenseLayer} / {@code OutputLayer} in their place, and DL4J's {@code Adam} for regzoo's {@link FusedAdam}
     */
    public static MultiLayerConfiguration toDl4j(MultiLayerConfiguration conf) {
        String json = conf.toJson()
                .replace("\"" + OneDnnConvolution.class.getName() + "\"", "\"" + ConvolutionLayer.class.getName() + "\"")
                .replace("\"" + OneDnnMaxPooling.class.getName() + "\"", "\"" + SubsamplingLayer.class.getName() + "\"")
                .replace("\"" + OneDnnDense.class.getName() + "\"", "\"" + DenseLayer.class.getName() + "\"")
                .replace("\"" + OneDnnOutput.class.getName() + "\"", "\"" + OutputLayer.class.getName() + "\"")
                .replace("\"" + FusedAdam.class.getName() + "\"", "\"" + Adam.class.getName() + "\"");
        // DL4J's JSON reader ignores the one extra property, inputGradient
        return MultiLayerConfiguration.fromJson(json);
    }

    /**
     * Whether a layer's regularization score is DL4J's {@code BaseLayer} definition (every
     * regularization of every parameter array): true for DL4J's own layers that do not override it and
     * for regzoo's oneDNN layers, which compute the same sum faster. regzoo's penalty bookkeeping
     * ({@code io.regzoo.train}) may then score such layers' parameters itself.
     *
     * @param layer a layer of an initialised network
     * @return whether {@code layer.calcRegularizationScore} follows {@code BaseLayer}'s definition
     */
    public static boolean scoresPenaltyLikeBaseLayer(org.deeplearning4j.nn.api.Layer layer) {
        if (layer instanceof OneDnnDenseImpl || layer instanceof OneDnnConvolutionImpl || layer instanceof OneDnnOutputImpl) {
            return true;
        }
        try {
            return layer instanceof org.deeplearning4j.nn.layers.BaseLayer<?>
                    && layer.getClass().getMethod("calcRegularizationScore", boolean.class).getDeclaringClass()
                            == org.deeplearning4j.nn.layers.BaseLayer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * @param net an initialised network
     * @return a new network of DL4J's own layers with a copy of {@code net}'s parameters and updater state
     */
    public static MultiLayerNetwork toDl4j(MultiLayerNetwork net) {
        MultiLayerNetwork plain = new MultiLayerNetwork(toDl4j(net.getLayerWiseConfigurations()), net.params().dup());
        plain.init();
        INDArray state = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
        if (state != null) {
            plain.getUpdater().getStateViewArray().assign(state);
        }
        return plain;
    }
}
