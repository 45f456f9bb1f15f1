package io.regzoo.zoo.onednn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J {@link DenseLayer} configuration whose layer runs on regzoo's own oneDNN inner-product
 * primitives ({@link OneDnnDenseImpl}); every setting, the parameters and their layout are
 * {@code DenseLayer}'s. One setting is added: {@link Builder#inputGradient(boolean)}, off for a
 * network's first layer, whose input gradient nothing uses.
 *
 * <p>Saved in a model's JSON under this class name: loading such a model needs regzoo on the class
 * path (the layer then runs DL4J's own code wherever oneDNN is not available);
 * {@link OneDnnLayers#toDl4j(org.deeplearning4j.nn.multilayer.MultiLayerNetwork)} converts it to
 * DL4J's {@code DenseLayer}.
 */
public class OneDnnDense extends DenseLayer {

    private boolean inputGradient = true;

    /** For Jackson (DL4J's JSON configuration); {@link Builder} builds configured layers. */
    public OneDnnDense() {
        super();
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
    public OneDnnDense clone() {
        return (OneDnnDense) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OneDnnDense", getLayerName(), layerIndex, getNIn(), getNOut());
        return OneDnn.instantiate(new OneDnnDenseImpl(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof OneDnnDense && ((OneDnnDense) o).inputGradient == inputGradient;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
    }

    /**
     * Builds a {@link OneDnnDense}: DL4J's {@code DenseLayer.Builder} plus one switch. (DL4J's
     * {@code DenseLayer} has no constructor a subclass can pass a builder to, so {@link #build()}
     * lets DL4J build its layer and copies every setting of it.)
     */
    public static class Builder extends DenseLayer.Builder {
        private boolean inputGradient = true;

        /** A builder with DL4J's {@code DenseLayer.Builder} defaults and the input gradient on. */
        public Builder() {
            super();
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
        public OneDnnDense build() {
            DenseLayer dl4j = super.build();
            OneDnnDense ret = new OneDnnDense();
            copyFields(dl4j, ret);
            ret.inputGradient = inputGradient;
            return ret;
        }

        private static void copyFields(DenseLayer from, OneDnnDense to) {
            for (Class<?> c = DenseLayer.class; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        f.set(to, f.get(from));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot copy DenseLayer." + f.getName(), e);
                    }
                }
            }
        }
    }
}
