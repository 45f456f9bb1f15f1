package io.regzoo.zoo.onednn;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A DL4J {@link OutputLayer} configuration whose layer ({@link OneDnnOutputImpl}) trains a softmax
 * output with cross-entropy loss (DL4J's {@code MCXENT}) in one pass per step: the pre-output once
 * (a oneDNN inner product in float), softmax, loss and its gradient in one loop, the score from the
 * same pass. Every setting, the parameters and their layout are {@code OutputLayer}'s; any other
 * activation or loss runs DL4J's own code.
 *
 * <p>Saved in a model's JSON under this class name: loading such a model needs regzoo on the class
 * path; {@link OneDnnLayers#toDl4j(org.deeplearning4j.nn.multilayer.MultiLayerNetwork)} converts it
 * to DL4J's {@code OutputLayer}.
 */
public class OneDnnOutput extends OutputLayer {

    /** For Jackson (DL4J's JSON configuration); {@link Builder} builds configured layers. */
    public OneDnnOutput() {
        super();
    }

    /**
     * @param builder DL4J's {@code OutputLayer} settings
     */
    protected OneDnnOutput(Builder builder) {
        super(builder);
    }

    @Override
    public OneDnnOutput clone() {
        return (OneDnnOutput) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OneDnnOutput", getLayerName(), layerIndex, getNIn(), getNOut());
        return OneDnn.instantiate(new OneDnnOutputImpl(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneDnnOutput && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof OneDnnOutput;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    /** Builds a {@link OneDnnOutput}: DL4J's {@code OutputLayer.Builder}, same settings and defaults. */
    public static class Builder extends OutputLayer.Builder {

        /** A builder with DL4J's defaults (softmax, {@code MCXENT}). */
        public Builder() {
            super();
        }

        /**
         * @param lossFunction the loss function (softmax activation by default, as DL4J's)
         */
        public Builder(LossFunctions.LossFunction lossFunction) {
            super(lossFunction);
        }

        @Override
        public OneDnnOutput build() {
            return new OneDnnOutput(this);
        }
    }
}
