package io.regzoo.zoo;

import io.regzoo.regularize.Optimizer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code mlp-regressor}: the second seed document's regressor, {@code Dense(10, relu) →
 * Dense(1, identity)} with mean-squared-error loss; layers {@code hidden} and {@code output}.
 * Inputs default to 10 features. Default optimizer: SGD, learning rate 0.01 (the document's).
 *
 * <p>Dropout's only site is the output layer's input, so {@code dropoutRate} needs
 * {@code dropoutBeforeOutput=true} here.
 */
public final class MlpRegressor extends AbstractNetwork {

    /** The zoo name. */
    public static final String NAME = "mlp-regressor";

    private final int inputs;
    private final int hiddenUnits;

    private MlpRegressor(Builder b) {
        super(b);
        this.inputs = b.inputs;
        this.hiddenUnits = b.hiddenUnits;
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
        return b;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return the number of input features */
    public int inputs() {
        return inputs;
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
        return 1;
    }

    @Override
    public boolean isClassifier() {
        return false;
    }

    @Override
    public MultiLayerConfiguration conf() {
        NeuralNetConfiguration.ListBuilder list = base().list();
        addHidden(list, new DenseLayer.Builder().nIn(inputs).nOut(hiddenUnits), "hidden", false);
        list.layer(output(new OutputLayer.Builder(LossFunctions.LossFunction.MSE))
                .name("output").nIn(hiddenUnits).nOut(1).activation(Activation.IDENTITY).build());
        return list.build();
    }

    /** Builds an {@link MlpRegressor}. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private int inputs = 10;
        private int hiddenUnits = 10;

        private Builder() {
            super(Optimizer.sgd(0.01));
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param inputs number of input features, ≥ 1 (default 10)
         * @return this builder
         */
        public Builder inputs(int inputs) {
            this.inputs = inputs;
            return this;
        }

        /**
         * @param hiddenUnits hidden layer width, ≥ 1 (default 10)
         * @return this builder
         */
        public Builder hiddenUnits(int hiddenUnits) {
            this.hiddenUnits = hiddenUnits;
            return this;
        }

        @Override
        public MlpRegressor build() {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
            }
            if (hiddenUnits < 1) {
                throw new IllegalArgumentException("hiddenUnits must be >= 1, got " + hiddenUnits);
            }
            validate(NAME, 1, 0);
            return new MlpRegressor(this);
        }
    }
}
