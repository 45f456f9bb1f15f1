package io.regzoo.regularize;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * What to regularize and how: an immutable spec of every knob the seed documents name, mapped onto
 * DL4J's own features by the zoo builders. Build one with {@link #builder()}, derive variants with
 * {@link #toBuilder()}; it round-trips through JSON ({@link SpecJson}).
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>{@code l2(λ)} adds {@code λ/2·Σw²} to the loss (gradient {@code λw}), as DL4J,
 *       {@code tf.contrib.layers.l2_regularizer} and the seed documents do. Keras's
 *       {@code regularizers.L2(λ)} adds {@code λ·Σw²}: use {@link Builder#l2Keras(double)}, which
 *       stores {@code 2λ}. {@code l1(λ)} adds {@code λ·Σ|w|}.</li>
 *   <li>{@code weightDecay(λ, applyLR)} is decoupled weight decay (DL4J {@link WeightDecay}):
 *       after the updater, each weight moves by {@code −λ·w} (times the learning rate when
 *       {@code applyLR}). With Adam this is AdamW. Under plain SGD it equals {@code l2(λ)}; under
 *       Adam it does not. Asking for L2 and weight decay on the same parameters is rejected
 *       (DL4J would silently keep only the last one).</li>
 *   <li>Penalties apply to every layer's weights. Biases are penalized only through the
 *       {@code *Bias} fields.</li>
 *   <li>{@code dropoutRate} is the fraction of activations <em>dropped</em> (Keras's
 *       {@code Dropout(rate)}); it becomes DL4J's retain probability {@code 1 − rate} on the input
 *       of each layer that follows a hidden block, but not on the output layer's input unless
 *       {@code dropoutBeforeOutput} is set.</li>
 *   <li>Batch norm goes after each hidden layer, before its activation. DL4J's defaults are kept:
 *       {@code momentum} (DL4J "decay") 0.9 and {@code epsilon} 1e-5; Keras's are 0.99 and 1e-3.</li>
 *   <li>{@code clipValue} clips each gradient element to {@code [−v, v]}; {@code clipNorm} rescales
 *       each layer's gradient to L2 norm at most {@code n} (DL4J {@code ClipL2PerLayer}). At most
 *       one of the two.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonPropertyOrder(alphabetic = false)
@JsonDeserialize(builder = Regularization.Builder.class)
public final class Regularization {

    /** DL4J's default batch-norm momentum ("decay"): 0.9 (Keras: 0.99). */
    public static final double DEFAULT_BN_MOMENTUM = 0.9;
    /** DL4J's default batch-norm epsilon: 1e-5 (Keras: 1e-3). */
    public static final double DEFAULT_BN_EPSILON = 1e-5;

    private static final Regularization NONE = builder().build();

    private final double l1;
    private final double l2;
    private final double l1Bias;
    private final double l2Bias;
    private final double weightDecay;
    private final double weightDecayBias;
    private final boolean weightDecayApplyLR;
    private final double dropoutRate;
    private final boolean dropoutBeforeOutput;
    private final boolean batchNorm;
    private final double batchNormMomentum;
    private final double batchNormEpsilon;
    private final Double clipValue;
    private final Double clipNorm;

    private Regularization(Builder b) {
        this.l1 = b.l1;
        this.l2 = b.l2;
        this.l1Bias = b.l1Bias;
        this.l2Bias = b.l2Bias;
        this.weightDecay = b.weightDecay;
        this.weightDecayBias = b.weightDecayBias;
        this.weightDecayApplyLR = b.weightDecayApplyLR;
        this.dropoutRate = b.dropoutRate;
        this.dropoutBeforeOutput = b.dropoutBeforeOutput;
        this.batchNorm = b.batchNorm;
        this.batchNormMomentum = b.batchNormMomentum;
        this.batchNormEpsilon = b.batchNormEpsilon;
        this.clipValue = b.clipValue;
        this.clipNorm = b.clipNorm;
    }

    /**
     * Starts a spec with everything off.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The spec with every regularizer off.
     *
     * @return the empty spec
     */
    public static Regularization none() {
        return NONE;
    }

    /**
     * A builder holding this spec's values, to derive a variant.
     *
     * @return a new builder initialized from this spec
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.l1 = l1;
        b.l2 = l2;
        b.l1Bias = l1Bias;
        b.l2Bias = l2Bias;
        b.weightDecay = weightDecay;
        b.weightDecayBias = weightDecayBias;
        b.weightDecayApplyLR = weightDecayApplyLR;
        b.dropoutRate = dropoutRate;
        b.dropoutBeforeOutput = dropoutBeforeOutput;
        b.batchNorm = batchNorm;
        b.batchNormMomentum = batchNormMomentum;
        b.batchNormEpsilon = batchNormEpsilon;
        b.clipValue = clipValue;
        b.clipNorm = clipNorm;
        return b;
    }

    /** @return the L1 coefficient for weights ({@code λ·Σ|w|}); 0 = off */
    @JsonProperty("l1")
    public double l1() {
        return l1;
    }

    /** @return the L2 coefficient for weights, DL4J convention {@code λ/2·Σw²}; 0 = off */
    @JsonProperty("l2")
    public double l2() {
        return l2;
    }

    /** @return the L1 coefficient for biases; 0 = off */
    @JsonProperty("l1Bias")
    public double l1Bias() {
        return l1Bias;
    }

    /** @return the L2 coefficient for biases ({@code λ/2·Σb²}); 0 = off */
    @JsonProperty("l2Bias")
    public double l2Bias() {
        return l2Bias;
    }

    /** @return the decoupled weight-decay coefficient for weights; 0 = off */
    @JsonProperty("weightDecay")
    public double weightDecay() {
        return weightDecay;
    }

    /** @return the decoupled weight-decay coefficient for biases; 0 = off */
    @JsonProperty("weightDecayBias")
    public double weightDecayBias() {
        return weightDecayBias;
    }

    /** @return whether weight decay is multiplied by the current learning rate (default true) */
    @JsonProperty("weightDecayApplyLR")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public boolean weightDecayApplyLR() {
        return weightDecayApplyLR;
    }

    /** @return the dropout rate, the fraction of activations dropped (Keras meaning); 0 = off */
    @JsonProperty("dropoutRate")
    public double dropoutRate() {
        return dropoutRate;
    }

    /** @return whether dropout also applies to the output layer's input */
    @JsonProperty("dropoutBeforeOutput")
    public boolean dropoutBeforeOutput() {
        return dropoutBeforeOutput;
    }

    /** @return whether batch normalization follows each hidden layer */
    @JsonProperty("batchNorm")
    public boolean batchNorm() {
        return batchNorm;
    }

    /** @return batch-norm momentum of the running statistics (DL4J "decay"; default 0.9) */
    @JsonProperty("batchNormMomentum")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public double batchNormMomentum() {
        return batchNormMomentum;
    }

    /** @return batch-norm epsilon (default 1e-5) */
    @JsonProperty("batchNormEpsilon")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public double batchNormEpsilon() {
        return batchNormEpsilon;
    }

    /** @return the element-wise gradient clip threshold, or {@code null} when off */
    @JsonProperty("clipValue")
    public Double clipValue() {
        return clipValue;
    }

    /** @return the per-layer gradient L2-norm clip threshold, or {@code null} when off */
    @JsonProperty("clipNorm")
    public Double clipNorm() {
        return clipNorm;
    }

    /** @return DL4J's retain probability for dropout, {@code 1 − dropoutRate}; 0 means off in DL4J */
    @JsonIgnore
    public double dropoutRetainProbability() {
        return dropoutRate == 0 ? 0.0 : 1.0 - dropoutRate;
    }

    /** @return whether any regularizer is switched on */
    @JsonIgnore
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * The DL4J regularizations for weights (everything but biases), in a list for
     * {@code NeuralNetConfiguration.Builder.regularization(List)}. Both L1 and L2 (or L1 and weight
     * decay) appear when both are set: nothing is silently replaced.
     *
     * @return a new mutable list, empty when no weight penalty is set
     */
    public List<org.nd4j.linalg.learning.regularization.Regularization> dl4jWeightRegularization() {
        return penalties(l1, l2, weightDecay);
    }

    /**
     * The DL4J regularizations for biases, for
     * {@code NeuralNetConfiguration.Builder.regularizationBias(List)}.
     *
     * @return a new mutable list, empty when no bias penalty is set
     */
    public List<org.nd4j.linalg.learning.regularization.Regularization> dl4jBiasRegularization() {
        return penalties(l1Bias, l2Bias, weightDecayBias);
    }

    private List<org.nd4j.linalg.learning.regularization.Regularization> penalties(double a, double b, double wd) {
        List<org.nd4j.linalg.learning.regularization.Regularization> list = new ArrayList<>();
        if (a > 0) {
            list.add(new L1Regularization(a));
        }
        if (b > 0) {
            list.add(new L2Regularization(b));
        }
        if (wd > 0) {
            list.add(new WeightDecay(wd, weightDecayApplyLR));
        }
        return list;
    }

    /** @return DL4J's gradient normalization for the clipping asked for ({@code None} when off) */
    @JsonIgnore
    public GradientNormalization dl4jGradientNormalization() {
        if (clipValue != null) {
            return GradientNormalization.ClipElementWiseAbsoluteValue;
        }
        if (clipNorm != null) {
            return GradientNormalization.ClipL2PerLayer;
        }
        return GradientNormalization.None;
    }

    /** @return the clipping threshold for DL4J, or 0 when clipping is off */
    @JsonIgnore
    public double dl4jGradientNormalizationThreshold() {
        return clipValue != null ? clipValue : clipNorm != null ? clipNorm : 0.0;
    }

    /**
     * A short human-readable description, e.g. {@code "l2=5e-4, dropout=0.25"}; {@code "none"} when off.
     *
     * @return the description
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "l1", l1);
        add(parts, "l2", l2);
        add(parts, "l1Bias", l1Bias);
        add(parts, "l2Bias", l2Bias);
        if (weightDecay > 0) {
            parts.add("weightDecay=" + fmt(weightDecay) + (weightDecayApplyLR ? "" : " (no LR)"));
        }
        add(parts, "weightDecayBias", weightDecayBias);
        if (dropoutRate > 0) {
            parts.add("dropoutRate=" + fmt(dropoutRate) + (dropoutBeforeOutput ? " (incl. output input)" : ""));
        }
        if (batchNorm) {
            parts.add("batchNorm(momentum=" + fmt(batchNormMomentum) + ", epsilon=" + fmt(batchNormEpsilon) + ")");
        }
        if (clipValue != null) {
            parts.add("clipValue=" + fmt(clipValue));
        }
        if (clipNorm != null) {
            parts.add("clipNorm=" + fmt(clipNorm));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, double v) {
        if (v > 0) {
            parts.add(name + "=" + fmt(v));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Regularization)) {
            return false;
        }
        Regularization r = (Regularization) o;
        return l1 == r.l1 && l2 == r.l2 && l1Bias == r.l1Bias && l2Bias == r.l2Bias
                && weightDecay == r.weightDecay && weightDecayBias == r.weightDecayBias
                && weightDecayApplyLR == r.weightDecayApplyLR && dropoutRate == r.dropoutRate
                && dropoutBeforeOutput == r.dropoutBeforeOutput && batchNorm == r.batchNorm
                && batchNormMomentum == r.batchNormMomentum && batchNormEpsilon == r.batchNormEpsilon
                && Objects.equals(clipValue, r.clipValue) && Objects.equals(clipNorm, r.clipNorm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(l1, l2, l1Bias, l2Bias, weightDecay, weightDecayBias, weightDecayApplyLR,
                dropoutRate, dropoutBeforeOutput, batchNorm, batchNormMomentum, batchNormEpsilon, clipValue, clipNorm);
    }

    @Override
    public String toString() {
        return "Regularization{" + describe() + "}";
    }

    /**
     * Builds a {@link Regularization}; {@link #build()} validates every field and names the one that
     * is wrong. Method names are the JSON keys.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private double l1;
        private double l2;
        private double l1Bias;
        private double l2Bias;
        private double weightDecay;
        private double weightDecayBias;
        private boolean weightDecayApplyLR = true;
        private double dropoutRate;
        private boolean dropoutBeforeOutput;
        private boolean batchNorm;
        private double batchNormMomentum = DEFAULT_BN_MOMENTUM;
        private double batchNormEpsilon = DEFAULT_BN_EPSILON;
        private Double clipValue;
        private Double clipNorm;

        private Builder() {}

        /**
         * L1 on weights: adds {@code λ·Σ|w|} to the loss.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l1(double lambda) {
            this.l1 = lambda;
            return this;
        }

        /**
         * L2 on weights, DL4J convention: adds {@code λ/2·Σw²} (gradient {@code λw}).
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l2(double lambda) {
            this.l2 = lambda;
            return this;
        }

        /**
         * L2 on weights, Keras convention: adds {@code λ·Σw²}; stored as DL4J {@code l2(2λ)}.
         *
         * @param kerasLambda Keras's λ ≥ 0
         * @return this builder
         */
        public Builder l2Keras(double kerasLambda) {
            this.l2 = 2 * kerasLambda;
            return this;
        }

        /**
         * L1 on biases.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l1Bias(double lambda) {
            this.l1Bias = lambda;
            return this;
        }

        /**
         * L2 on biases, DL4J convention {@code λ/2·Σb²}.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l2Bias(double lambda) {
            this.l2Bias = lambda;
            return this;
        }

        /**
         * Decoupled weight decay on weights, multiplied by the learning rate (AdamW with Adam).
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder weightDecay(double lambda) {
            this.weightDecay = lambda;
            return this;
        }

        /**
         * Decoupled weight decay on weights.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @param applyLR whether to multiply the decay by the current learning rate
         * @return this builder
         */
        public Builder weightDecay(double lambda, boolean applyLR) {
            this.weightDecay = lambda;
            this.weightDecayApplyLR = applyLR;
            return this;
        }

        /**
         * Decoupled weight decay on biases (uses the same {@code applyLR} as for weights).
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder weightDecayBias(double lambda) {
            this.weightDecayBias = lambda;
            return this;
        }

        /**
         * Whether weight decay is multiplied by the learning rate.
         *
         * @param applyLR true (default) to multiply
         * @return this builder
         */
        public Builder weightDecayApplyLR(boolean applyLR) {
            this.weightDecayApplyLR = applyLR;
            return this;
        }

        /**
         * Dropout, Keras meaning: the fraction of activations dropped at training time.
         *
         * @param rate in [0, 1); 0 = off
         * @return this builder
         */
        public Builder dropoutRate(double rate) {
            this.dropoutRate = rate;
            return this;
        }

        /**
         * Whether dropout also applies to the output layer's input (off by default).
         *
         * @param on true to drop the last hidden layer's activations too
         * @return this builder
         */
        public Builder dropoutBeforeOutput(boolean on) {
            this.dropoutBeforeOutput = on;
            return this;
        }

        /**
         * Batch normalization after each hidden layer, with DL4J's default momentum and epsilon.
         *
         * @param on true to add batch norm
         * @return this builder
         */
        public Builder batchNorm(boolean on) {
            this.batchNorm = on;
            return this;
        }

        /**
         * Batch-norm momentum of the running mean/variance (Keras name; DL4J calls it decay).
         *
         * @param momentum in (0, 1); DL4J default 0.9, Keras 0.99
         * @return this builder
         */
        public Builder batchNormMomentum(double momentum) {
            this.batchNormMomentum = momentum;
            return this;
        }

        /**
         * Batch-norm epsilon added to the variance.
         *
         * @param epsilon &gt; 0; DL4J default 1e-5, Keras 1e-3
         * @return this builder
         */
        public Builder batchNormEpsilon(double epsilon) {
            this.batchNormEpsilon = epsilon;
            return this;
        }

        /**
         * Clips each gradient element to {@code [−threshold, threshold]} (Keras {@code clipvalue}).
         *
         * @param threshold &gt; 0, or {@code null} for off
         * @return this builder
         */
        public Builder clipValue(Double threshold) {
            this.clipValue = threshold;
            return this;
        }

        /**
         * Rescales each layer's gradient to L2 norm at most {@code threshold} (DL4J
         * {@code ClipL2PerLayer}; Keras's {@code clipnorm} is per variable).
         *
         * @param threshold &gt; 0, or {@code null} for off
         * @return this builder
         */
        public Builder clipNorm(Double threshold) {
            this.clipNorm = threshold;
            return this;
        }

        /**
         * Validates and builds the spec.
         *
         * @return the immutable spec
         * @throws IllegalArgumentException naming the field, when a value is out of range or two
         *     fields contradict each other
         */
        public Regularization build() {
            nonNegative("l1", l1);
            nonNegative("l2", l2);
            nonNegative("l1Bias", l1Bias);
            nonNegative("l2Bias", l2Bias);
            nonNegative("weightDecay", weightDecay);
            nonNegative("weightDecayBias", weightDecayBias);
            if (!(dropoutRate >= 0 && dropoutRate < 1)) {
                throw new IllegalArgumentException("dropoutRate must be in [0, 1) (the fraction of activations dropped), got " + dropoutRate);
            }
            if (!(batchNormMomentum > 0 && batchNormMomentum < 1)) {
                throw new IllegalArgumentException("batchNormMomentum must be in (0, 1), got " + batchNormMomentum);
            }
            if (!(batchNormEpsilon > 0 && Double.isFinite(batchNormEpsilon))) {
                throw new IllegalArgumentException("batchNormEpsilon must be > 0, got " + batchNormEpsilon);
            }
            positiveOrNull("clipValue", clipValue);
            positiveOrNull("clipNorm", clipNorm);
            if (clipValue != null && clipNorm != null) {
                throw new IllegalArgumentException("clipValue and clipNorm: choose at most one gradient clipping, got both");
            }
            if (l2 > 0 && weightDecay > 0) {
                throw new IllegalArgumentException("l2 and weightDecay both set on the weights (" + l2 + ", " + weightDecay
                        + "): they are two forms of the same penalty; choose one");
            }
            if (l2Bias > 0 && weightDecayBias > 0) {
                throw new IllegalArgumentException("l2Bias and weightDecayBias both set on the biases (" + l2Bias + ", "
                        + weightDecayBias + "): choose one");
            }
            return new Regularization(this);
        }

        private static void nonNegative(String field, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + v);
            }
        }

        private static void positiveOrNull(String field, Double v) {
            if (v != null && !(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException(field + " must be > 0 (or absent for no clipping), got " + v);
            }
        }
    }
}
