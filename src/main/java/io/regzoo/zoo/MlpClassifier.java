package io.regzoo.zoo;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code mlp-classifier}: the fifth seed document's network, {@code Dense(128, relu) →
 * Dense(10, softmax)} on flat 784-pixel MNIST, cross-entropy loss; layers {@code hidden} and
 * {@code output}. Default optimizer: Adam, learning rate 1e-3.
 *
 * <p>Default regularization is the document's: L2 with scale 0.01 on kernel <em>and</em> bias
 * ({@code tf.contrib.layers.l2_regularizer(0.01)} is {@code 0.01·Σw²/2}, i.e. DL4J {@code l2(0.01)}
 * and {@code l2Bias(0.01)}; see {@link #DOCUMENT_REGULARIZATION}). regzoo applies it to both
 * layers; the document penalizes the hidden layer only. Pass {@link Regularization#none()} for
 * the unregularized baseline.
 *
 * <p>Dropout's only site is the output layer's input, so {@code dropoutRate} needs
 * {@code dropoutBeforeOutput=true} here.
 */
public final class MlpClassifier extends AbstractNetwork {

    /** The zoo name. */
    public static final String NAME = "mlp-classifier";

    /** The document's setting: L2 0.01 on weights and biases. */
    public static final Regularization DOCUMENT_REGULARIZATION = Regularization.builder().l2(0.01).l2Bias(0.01).build();

    private final int inputs;
    private final int hiddenUnits;
    private final int classes;

    private MlpClassifier(Builder b) {
        super(b);
        this.inputs = b.inputs;
        this.hiddenUnits = b.hiddenUnits;
        this.classes = b.classes;
    }

    /**
     * Starts a builder with the document's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Builder toBuilder() {
        Builder b = new Builder();
        b.copyFrom(this);
        b.inputs = inputs;
        b.hiddenUnits = hiddenUnits;
        b.classes = classes;
        return b;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return the hidden layer's width */
    public int hiddenUnits() {
        return hiddenUnits;
    }

    @Override
    public long[] inputShape() {
        return new long[] {inputs};
    }

    @Override
    public int numOutputs() {
        return classes;
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    @Override
    public MultiLayerConfiguration conf() {
        NeuralNetConfiguration.ListBuilder list = base().list();
        addHidden(list, new DenseLayer.Builder().nIn(inputs).nOut(hiddenUnits), "hidden", false);
        list.layer(output(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT))
                .name("output").nIn(hiddenUnits).nOut(classes).activation(Activation.SOFTMAX).build());
        return list.build();
    }

    /** Builds an {@link MlpClassifier}. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private int inputs = 784;
        private int hiddenUnits = 128;
        private int classes = 10;

        private Builder() {
            super(Optimizer.adam(1e-3));
            regularization(DOCUMENT_REGULARIZATION);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param inputs number of input features, ≥ 1 (default 784)
         * @return this builder
         */
        public Builder inputs(int inputs) {
            this.inputs = inputs;
            return this;
        }

        /**
         * @param hiddenUnits hidden layer width, ≥ 1 (default 128)
         * @return this builder
         */
        public Builder hiddenUnits(int hiddenUnits) {
            this.hiddenUnits = hiddenUnits;
            return this;
        }

        /**
         * @param classes number of classes, ≥ 2 (default 10)
         * @return this builder
         */
        public Builder classes(int classes) {
            this.classes = classes;
            return this;
        }

        @Override
        public MlpClassifier build() {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
            }
            if (hiddenUnits < 1) {
                throw new IllegalArgumentException("hiddenUnits must be >= 1, got " + hiddenUnits);
            }
            if (classes < 2) {
                throw new IllegalArgumentException("classes must be >= 2, got " + classes);
            }
            validate(NAME, 1, 0);
            return new MlpClassifier(this);
        }
    }
}
