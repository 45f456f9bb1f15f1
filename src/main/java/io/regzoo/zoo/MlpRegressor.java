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
public final class MlpRegressor extends AbstractNetwork<MlpRegressor.Builder> {

    /** The zoo name. */
    public static final String NAME = "mlp-regressor";

    /** The zoo entry: regression, default dataset {@code regression10}. */
    public static final ZooEntry ENTRY = ZooEntry.builder(NAME, MlpRegressor::builder)
            .description("Dense(10, relu) → Dense(1), MSE (document 2)")
            .task(ZooEntry.Task.REGRESSION).defaultDataset("regression10").build();

    private MlpRegressor(Builder b) {
        super(ENTRY, b);
    }

    /**
     * Starts a builder with the document's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of input features */
    public int inputs() {
        return settings.inputs;
    }

    /** @return the hidden layer's width */
    public int hiddenUnits() {
        return settings.hiddenUnits;
    }

    @Override
    public long[] inputShape() {
        return new long[] {settings.inputs};
    }

    @Override
    public int numOutputs() {
        return 1;
    }

    @Override
    public MultiLayerConfiguration conf() {
        NeuralNetConfiguration.ListBuilder list = base().list();
        addHidden(list, new DenseLayer.Builder().nIn(settings.inputs).nOut(settings.hiddenUnits), "hidden", false);
        list.layer(output(new OutputLayer.Builder(LossFunctions.LossFunction.MSE))
                .name("output").nIn(settings.hiddenUnits).nOut(1).activation(Activation.IDENTITY).build());
        return list.build();
    }

    /** Builds an {@link MlpRegressor}. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private int inputs = 10;
        private int hiddenUnits = 10;

        private Builder() {
            super(Optimizer.sgd(0.01));
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
        public Builder fitTo(long[] exampleShape, int labels) {
            return inputs(features(exampleShape, inputs));
        }

        @Override
        public MlpRegressor build() {
            atLeast("inputs", inputs, 1);
            atLeast("hiddenUnits", hiddenUnits, 1);
            validate(NAME, 1, 0);
            return new MlpRegressor(this);
        }
    }
}
