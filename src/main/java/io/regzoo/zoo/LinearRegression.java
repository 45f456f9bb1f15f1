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
public final class LinearRegression extends AbstractNetwork {

    /** The zoo name. */
    public static final String NAME = "linear-regression";

    private final int inputs;

    private LinearRegression(Builder b) {
        super(b);
        this.inputs = b.inputs;
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
        return base().list()
                .layer(output(new OutputLayer.Builder(LossFunctions.LossFunction.MSE))
                        .name("linear").nIn(inputs).nOut(1).activation(Activation.IDENTITY).build())
                .build();
    }

    /** Builds a {@link LinearRegression}. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private int inputs = 1;

        private Builder() {
            super(Optimizer.sgd(0.01));
        }

        @Override
        Builder self() {
            return this;
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
        public LinearRegression build() {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
            }
            validate(NAME, 0, 0);
            return new LinearRegression(this);
        }
    }
}
