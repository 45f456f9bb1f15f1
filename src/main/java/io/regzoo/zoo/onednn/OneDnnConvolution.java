package io.regzoo.zoo.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link ConvolutionLayer} configuration whose layer runs on regzoo's own oneDNN primitives
 * ({@link OneDnnConvolutionImpl}); every setting, the parameters and their layout are
 * {@code ConvolutionLayer}'s. One setting is added: {@link Builder#inputGradient(boolean)}, off for
 * a network's first layer, whose input gradient nothing uses.
 *
 * <p>Saved in a model's JSON under this class name: loading such a model needs regzoo on the class
 * path (the layer then runs DL4J's own code wherever oneDNN is not available).
 */
public class OneDnnConvolution extends ConvolutionLayer {

    private boolean inputGradient = true;

    /** For Jackson (DL4J's JSON configuration). */
    protected OneDnnConvolution() {
        super();
    }

    private OneDnnConvolution(Builder b) {
        super(b);
        this.inputGradient = b.inputGradient;
    }

    /**
     * @return whether backprop computes the gradient with respect to the layer's input
     */
    public boolean isInputGradient() {
        return inputGradient;
    }

    /**
     * @param inputGradient whether backprop computes the gradient with respect to the input
     */
    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    @Override
    public OneDnnConvolution clone() {
        return (OneDnnConvolution) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OneDnnConvolution", getLayerName(), layerIndex, getNIn(), getNOut());
        return OneDnn.instantiate(new OneDnnConvolutionImpl(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof OneDnnConvolution && ((OneDnnConvolution) o).inputGradient == inputGradient;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
    }

    /** Builds a {@link OneDnnConvolution}: DL4J's {@code ConvolutionLayer.Builder} plus one switch. */
    public static class Builder extends ConvolutionLayer.Builder {
        private boolean inputGradient = true;

        /**
         * @param kernelSize kernel height and width
         */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        /**
         * @param inputGradient {@code false} to skip the input gradient (a network's first layer); default {@code true}
         * @return this builder
         */
        public Builder inputGradient(boolean inputGradient) {
            this.inputGradient = inputGradient;
            return this;
        }

        @Override
        public OneDnnConvolution build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new OneDnnConvolution(this);
        }
    }
}
