package io.regzoo.zoo.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link SubsamplingLayer} configuration (max pooling) whose layer runs on regzoo's own
 * oneDNN primitives ({@link OneDnnMaxPoolingImpl}): backprop uses the forward pass's workspace.
 * Every setting is {@code SubsamplingLayer}'s; a configuration the layer cannot run (another pooling
 * type, NHWC, dilation) runs DL4J's own code.
 *
 * <p>Saved in a model's JSON under this class name: loading such a model needs regzoo on the class path.
 */
public class OneDnnMaxPooling extends SubsamplingLayer {

    /** For Jackson (DL4J's JSON configuration). */
    protected OneDnnMaxPooling() {
        super();
    }

    private OneDnnMaxPooling(Builder b) {
        super(b);
    }

    @Override
    public OneDnnMaxPooling clone() {
        return (OneDnnMaxPooling) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return OneDnn.instantiate(new OneDnnMaxPoolingImpl(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** Builds a {@link OneDnnMaxPooling}: DL4J's {@code SubsamplingLayer.Builder}, max pooling. */
    public static class Builder extends SubsamplingLayer.Builder {
        /** Max pooling; set kernel size and stride as on DL4J's builder. */
        public Builder() {
            super(SubsamplingLayer.PoolingType.MAX);
        }

        @Override
        public OneDnnMaxPooling build() {
            super.build(); // DL4J's validation
            return new OneDnnMaxPooling(this);
        }
    }
}
