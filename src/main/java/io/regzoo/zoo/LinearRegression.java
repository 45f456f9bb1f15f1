package io.regzoo.zoo;

import io.regzoo.regularize.Optimizer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code linear-regression}: the first seed document's model, {@code ŷ = w·x + b}, one output with
 * identity activation and mean-squared-error loss; one layer named {@code linear}.
 *
 * <p>Unlike the document's model, it has a bias: without one, {@code y = 2x + 1} cannot be fitted
 * (the best bias-free line through the origin misses the intercept, whatever the penalty). As in
 * the document, penalties apply to the weight only; set {@code l2Bias} to penalize the bias too.
 *
 * <p>Loss convention: DL4J's MSE is {@code (1/n)·Σ(ŷ − y)²} (no ½), so with {@code l2(λ)} the
 * ridge solution is {@code w = (XcᵀXc + (nλ/2)·I)⁻¹Xcᵀyc} on centered data.
 *
 * <p>Default optimizer: SGD, learning rate 0.01 (the document's). Batch norm and dropout have no
 * place in a model without hidden layers; asking for them is an error (dropout on the input is
 * possible with {@code dropoutBeforeOutput}).
 */
public final class LinearRegression extends AbstractNetwork<LinearRegression.Builder> {

    /** The zoo name. */
    public static final String NAME = "linear-regression";

    /** The zoo entry: regression, default dataset {@code linear}. */
    public static final ZooEntry ENTRY = ZooEntry.builder(NAME, LinearRegression::builder)
            .description("ŷ = w·x + b, MSE (document 1; with a bias, which the document's model lacks)")
            .task(ZooEntry.Task.REGRESSION).defaultDataset("linear").build();

    private LinearRegression(Builder b) {
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
        return base().list()
                .layer(output(new OutputLayer.Builder(LossFunctions.LossFunction.MSE))
                        .name("linear").nIn(settings.inputs).nOut(1).activation(Activation.IDENTITY).build())
                .build();
    }

    /** Builds a {@link LinearRegression}. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private int inputs = 1;

        private Builder() {
            super(Optimizer.sgd(0.01));
        }

        /**
         * @param inputs number of input features, ≥ 1 (default 1)
         * @return this builder
         */
        public Builder inputs(int inputs) {
            this.inputs = inputs;
            return this;
        }

        @Override
        public Builder fitTo(long[] exampleShape, int labels) {
            return inputs(features(exampleShape, inputs));
        }

        @Override
        public LinearRegression build() {
            atLeast("inputs", inputs, 1);
            validate(NAME, 0, 0);
            return new LinearRegression(this);
        }
    }
}
