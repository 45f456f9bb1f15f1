package io.regzoo.experiment;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.train.EarlyStopping;
import java.util.Objects;
import org.nd4j.linalg.activations.Activation;

/**
 * One arm of an experiment: a regularization spec, plus optional overrides of the experiment's
 * optimizer (with its schedule), the hidden activation and early stopping. In a spec file a
 * variant is one mapping whose keys are the {@link io.regzoo.regularize.Knob} keys of
 * {@link Regularization} plus {@code optimizer}, {@code activation} and {@code earlyStopping}:
 *
 * <pre>
 * variants:
 *   baseline: {}
 *   l2: {l2: 1.0e-4}
 *   early: {earlyStopping: {monitor: val_loss, patience: 2, restore_best_weights: true}}
 *   elu: {activation: elu}
 * </pre>
 */
public final class Variant {

    private final Regularization regularization;
    private final Optimizer optimizer;
    private final Activation activation;
    private final EarlyStopping earlyStopping;

    private Variant(Builder b) {
        this.regularization = b.regularization;
        this.optimizer = b.optimizer;
        this.activation = b.activation;
        this.earlyStopping = b.earlyStopping;
    }

    /**
     * A variant with only a regularization spec.
     *
     * @param regularization the spec
     * @return the variant
     */
    public static Variant of(Regularization regularization) {
        return builder().regularization(regularization).build();
    }

    /**
     * Starts a builder: no regularization, no overrides.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this variant's settings */
    public Builder toBuilder() {
        return builder().regularization(regularization).optimizer(optimizer).activation(activation).earlyStopping(earlyStopping);
    }

    /** @return the regularization spec */
    public Regularization regularization() {
        return regularization;
    }

    /** @return the optimizer override, or {@code null} to use the experiment's */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the hidden-activation override, or {@code null} for the model's default */
    public Activation activation() {
        return activation;
    }

    /** @return the early-stopping override, or {@code null} to use the experiment's */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Variant)) {
            return false;
        }
        Variant v = (Variant) o;
        return regularization.equals(v.regularization) && Objects.equals(optimizer, v.optimizer)
                && activation == v.activation && Objects.equals(earlyStopping, v.earlyStopping);
    }

    @Override
    public int hashCode() {
        return Objects.hash(regularization, optimizer, activation, earlyStopping);
    }

    @Override
    public String toString() {
        return regularization.describe() + (optimizer == null ? "" : ", optimizer=" + optimizer.describe())
                + (activation == null ? "" : ", activation=" + activation)
                + (earlyStopping == null ? "" : ", " + earlyStopping);
    }

    /** Builds a {@link Variant}. */
    public static final class Builder {
        private Regularization regularization = Regularization.none();
        private Optimizer optimizer;
        private Activation activation;
        private EarlyStopping earlyStopping;

        private Builder() {}

        /**
         * @param regularization the regularization spec
         * @return this builder
         */
        public Builder regularization(Regularization regularization) {
            this.regularization = Objects.requireNonNull(regularization, "regularization");
            return this;
        }

        /**
         * @param optimizer an optimizer override, or {@code null}
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * @param activation a hidden-activation override, or {@code null}
         * @return this builder
         */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /**
         * @param earlyStopping an early-stopping override, or {@code null}
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** @return the variant */
        public Variant build() {
            return new Variant(this);
        }
    }
}
