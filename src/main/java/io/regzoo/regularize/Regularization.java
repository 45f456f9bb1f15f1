package io.regzoo.regularize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.regularization.WeightDecay;
/**
 * What to regularize and how: an immutable spec of every knob the seed documents name, mapped onto
 * DL4J's own features by the zoo builders. Build one with {@link #builder()}, derive variants with
 * {@link #toBuilder()}; it round-trips through JSON ({@link SpecJson}). Each setting is a
 * {@link Knob}: that table says its JSON key, default, range, DL4J mapping and report convention,
 * and this class reads it for storage, validation, equality, JSON and {@link #describe()}.
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
@JsonSerialize(using = Regularization.Json.Writer.class)
@JsonDeserialize(using = Regularization.Json.Reader.class)
public final class Regularization {

    /** DL4J's default batch-norm momentum ("decay"): 0.9 (Keras: 0.99). */
    public static final double DEFAULT_BN_MOMENTUM = 0.9;
    /** DL4J's default batch-norm epsilon: 1e-5 (Keras: 1e-3). */
    public static final double DEFAULT_BN_EPSILON = 1e-5;

    private static final Regularization NONE = builder().build();

    /** Every knob's value, in stored form ({@link Knob#convert(Object)}). */
    private final EnumMap<Knob, Object> values;

    private Regularization(Builder b) {
        this.values = new EnumMap<>(b.values);
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
        b.values.putAll(values);
        return b;
    }

    /**
     * One knob's value.
     *
     * @param knob the knob
     * @return a {@link Double}, a {@link Boolean}, or {@code null} for an optional number that is off
     */
    public Object get(Knob knob) {
        return values.get(knob);
    }

    private double number(Knob k) {
        return (Double) values.get(k);
    }

    private boolean flag(Knob k) {
        return (Boolean) values.get(k);
    }

    /** @return the L1 coefficient for weights ({@code λ·Σ|w|}); 0 = off */
    public double l1() {
        return number(Knob.L1);
    }

    /** @return the L2 coefficient for weights, DL4J convention {@code λ/2·Σw²}; 0 = off */
    public double l2() {
        return number(Knob.L2);
    }

    /** @return the L1 coefficient for biases; 0 = off */
    public double l1Bias() {
        return number(Knob.L1_BIAS);
    }

    /** @return the L2 coefficient for biases ({@code λ/2·Σb²}); 0 = off */
    public double l2Bias() {
        return number(Knob.L2_BIAS);
    }

    /** @return the decoupled weight-decay coefficient for weights; 0 = off */
    public double weightDecay() {
        return number(Knob.WEIGHT_DECAY);
    }

    /** @return the decoupled weight-decay coefficient for biases; 0 = off */
    public double weightDecayBias() {
        return number(Knob.WEIGHT_DECAY_BIAS);
    }

    /** @return whether weight decay is multiplied by the current learning rate (default true) */
    public boolean weightDecayApplyLR() {
        return flag(Knob.WEIGHT_DECAY_APPLY_LR);
    }

    /** @return the dropout rate, the fraction of activations dropped (Keras meaning); 0 = off */
    public double dropoutRate() {
        return number(Knob.DROPOUT_RATE);
    }

    /** @return whether dropout also applies to the output layer's input */
    public boolean dropoutBeforeOutput() {
        return flag(Knob.DROPOUT_BEFORE_OUTPUT);
    }

    /** @return whether batch normalization follows each hidden layer */
    public boolean batchNorm() {
        return flag(Knob.BATCH_NORM);
    }

    /** @return batch-norm momentum of the running statistics (DL4J "decay"; default 0.9) */
    public double batchNormMomentum() {
        return number(Knob.BATCH_NORM_MOMENTUM);
    }

    /** @return batch-norm epsilon (default 1e-5) */
    public double batchNormEpsilon() {
        return number(Knob.BATCH_NORM_EPSILON);
    }

    /** @return the element-wise gradient clip threshold, or {@code null} when off */
    public Double clipValue() {
        return (Double) values.get(Knob.CLIP_VALUE);
    }

    /** @return the per-layer gradient L2-norm clip threshold, or {@code null} when off */
    public Double clipNorm() {
        return (Double) values.get(Knob.CLIP_NORM);
    }

    /** @return DL4J's retain probability for dropout, {@code 1 − dropoutRate}; 0 means off in DL4J */
    public double dropoutRetainProbability() {
        return dropoutRate() == 0 ? 0.0 : 1.0 - dropoutRate();
    }

    /** @return whether any regularizer is switched on */
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * The DL4J regularizations for weights (everything but biases), in a list for
     * {@code BaseLayer.Builder.regularization(List)}: each knob's {@link Knob#weightPenalty}, in
     * table order. Both L1 and L2 (or L1 and weight decay) appear when both are set: nothing is
     * silently replaced.
     *
     * @return a new mutable list, empty when no weight penalty is set
     */
    public List<org.nd4j.linalg.learning.regularization.Regularization> dl4jWeightRegularization() {
        List<org.nd4j.linalg.learning.regularization.Regularization> list = new ArrayList<>();
        for (Knob k : Knob.values()) {
            org.nd4j.linalg.learning.regularization.Regularization p = k.weightPenalty(this);
            if (p != null) {
                list.add(p);
            }
        }
        return list;
    }

    /**
     * The DL4J regularizations for biases ({@link Knob#biasPenalty}), for
     * {@code BaseLayer.Builder.regularizationBias(List)}.
     *
     * @return a new mutable list, empty when no bias penalty is set
     */
    public List<org.nd4j.linalg.learning.regularization.Regularization> dl4jBiasRegularization() {
        List<org.nd4j.linalg.learning.regularization.Regularization> list = new ArrayList<>();
        for (Knob k : Knob.values()) {
            org.nd4j.linalg.learning.regularization.Regularization p = k.biasPenalty(this);
            if (p != null) {
                list.add(p);
            }
        }
        return list;
    }

    /**
     * The dropout on a layer's input ({@link Knob#inputDropout}); {@link Builder#build()} makes sure
     * at most one knob asks for one.
     *
     * @param outputLayer true for the output layer's input, false for a hidden block's
     * @return the dropout, or {@code null} for none
     */
    public IDropout dl4jInputDropout(boolean outputLayer) {
        for (Knob k : Knob.values()) {
            IDropout d = k.inputDropout(this, outputLayer);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /**
     * Applies the global knobs ({@link Knob#configureGlobal}, e.g. gradient clipping) to DL4J's
     * global builder; gradient normalization is {@code None} unless a knob sets it.
     *
     * @param global the global builder
     * @return the same builder
     */
    public NeuralNetConfiguration.Builder configure(NeuralNetConfiguration.Builder global) {
        global.gradientNormalization(GradientNormalization.None).gradientNormalizationThreshold(0.0);
        for (Knob k : Knob.values()) {
            k.configureGlobal(this, global);
        }
        return global;
    }

    /**
     * Sets this spec's weight and bias penalties on one parametrized layer (each exactly once),
     * then each knob's {@link Knob#configureLayer}.
     *
     * @param layer the layer builder
     */
    public void penalize(BaseLayer.Builder<?> layer) {
        layer.regularization(dl4jWeightRegularization());
        layer.regularizationBias(dl4jBiasRegularization());
        for (Knob k : Knob.values()) {
            k.configureLayer(this, layer);
        }
    }

    /**
     * A short human-readable description, e.g. {@code "l2=5e-4, dropoutRate=0.25"}; {@code "none"} when off.
     *
     * @return the description
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Knob k : Knob.values()) {
            String d = k.describe(this);
            if (d != null) {
                parts.add(d);
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Regularization && values.equals(((Regularization) o).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Regularization{" + describe() + "}";
    }

    /**
     * Builds a {@link Regularization}; {@link #build()} validates every knob and names the one that
     * is wrong. Method names are the JSON keys; {@link #set(Knob, Object)} sets any knob.
     */
    public static final class Builder {
        private final EnumMap<Knob, Object> values = new EnumMap<>(Knob.class);

        private Builder() {
            for (Knob k : Knob.values()) {
                values.put(k, k.defaultValue());
            }
        }

        /**
         * Sets one knob.
         *
         * @param knob the knob
         * @param value a number for a numeric knob, a boolean for a switch; {@code null} for its
         *     default (off, for an optional number)
         * @return this builder
         * @throws IllegalArgumentException when the value has the wrong type (ranges are checked by
         *     {@link #build()})
         */
        public Builder set(Knob knob, Object value) {
            values.put(knob, knob.convert(value));
            return this;
        }

        /**
         * L1 on weights: adds {@code λ·Σ|w|} to the loss.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l1(double lambda) {
            return set(Knob.L1, lambda);
        }

        /**
         * L2 on weights, DL4J convention: adds {@code λ/2·Σw²} (gradient {@code λw}).
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l2(double lambda) {
            return set(Knob.L2, lambda);
        }

        /**
         * L2 on weights, Keras convention: adds {@code λ·Σw²}; stored as DL4J {@code l2(2λ)}.
         *
         * @param kerasLambda Keras's λ ≥ 0
         * @return this builder
         */
        public Builder l2Keras(double kerasLambda) {
            return set(Knob.L2, 2 * kerasLambda);
        }

        /**
         * L1 on biases.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l1Bias(double lambda) {
            return set(Knob.L1_BIAS, lambda);
        }

        /**
         * L2 on biases, DL4J convention {@code λ/2·Σb²}.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder l2Bias(double lambda) {
            return set(Knob.L2_BIAS, lambda);
        }

        /**
         * Decoupled weight decay on weights, multiplied by the learning rate (AdamW with Adam).
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder weightDecay(double lambda) {
            return set(Knob.WEIGHT_DECAY, lambda);
        }

        /**
         * Decoupled weight decay on weights.
         *
         * @param lambda λ ≥ 0; 0 = off
         * @param applyLR whether to multiply the decay by the current learning rate
         * @return this builder
         */
        public Builder weightDecay(double lambda, boolean applyLR) {
            return set(Knob.WEIGHT_DECAY, lambda).set(Knob.WEIGHT_DECAY_APPLY_LR, applyLR);
        }

        /**
         * Decoupled weight decay on biases (uses the same {@code applyLR} as for weights).
         *
         * @param lambda λ ≥ 0; 0 = off
         * @return this builder
         */
        public Builder weightDecayBias(double lambda) {
            return set(Knob.WEIGHT_DECAY_BIAS, lambda);
        }

        /**
         * Whether weight decay is multiplied by the learning rate.
         *
         * @param applyLR true (default) to multiply
         * @return this builder
         */
        public Builder weightDecayApplyLR(boolean applyLR) {
            return set(Knob.WEIGHT_DECAY_APPLY_LR, applyLR);
        }

        /**
         * Dropout, Keras meaning: the fraction of activations dropped at training time.
         *
         * @param rate in [0, 1); 0 = off
         * @return this builder
         */
        public Builder dropoutRate(double rate) {
            return set(Knob.DROPOUT_RATE, rate);
        }

        /**
         * Whether dropout also applies to the output layer's input (off by default).
         *
         * @param on true to drop the last hidden layer's activations too
         * @return this builder
         */
        public Builder dropoutBeforeOutput(boolean on) {
            return set(Knob.DROPOUT_BEFORE_OUTPUT, on);
        }

        /**
         * Batch normalization after each hidden layer, with DL4J's default momentum and epsilon.
         *
         * @param on true to add batch norm
         * @return this builder
         */
        public Builder batchNorm(boolean on) {
            return set(Knob.BATCH_NORM, on);
        }

        /**
         * Batch-norm momentum of the running mean/variance (Keras name; DL4J calls it decay).
         *
         * @param momentum in (0, 1); DL4J default 0.9, Keras 0.99
         * @return this builder
         */
        public Builder batchNormMomentum(double momentum) {
            return set(Knob.BATCH_NORM_MOMENTUM, momentum);
        }

        /**
         * Batch-norm epsilon added to the variance.
         *
         * @param epsilon &gt; 0; DL4J default 1e-5, Keras 1e-3
         * @return this builder
         */
        public Builder batchNormEpsilon(double epsilon) {
            return set(Knob.BATCH_NORM_EPSILON, epsilon);
        }

        /**
         * Clips each gradient element to {@code [−threshold, threshold]} (Keras {@code clipvalue}).
         *
         * @param threshold &gt; 0, or {@code null} for off
         * @return this builder
         */
        public Builder clipValue(Double threshold) {
            return set(Knob.CLIP_VALUE, threshold);
        }

        /**
         * Rescales each layer's gradient to L2 norm at most {@code threshold} (DL4J
         * {@code ClipL2PerLayer}; Keras's {@code clipnorm} is per variable).
         *
         * @param threshold &gt; 0, or {@code null} for off
         * @return this builder
         */
        public Builder clipNorm(Double threshold) {
            return set(Knob.CLIP_NORM, threshold);
        }

        /**
         * Validates and builds the spec: each knob's range in table order, then the combinations
         * DL4J would get wrong.
         *
         * @return the immutable spec
         * @throws IllegalArgumentException naming the field, when a value is out of range or two
         *     fields contradict each other
         */
        public Regularization build() {
            for (Map.Entry<Knob, Object> e : values.entrySet()) {
                e.getKey().validate(e.getValue());
            }
            Regularization r = new Regularization(this);
            if (r.clipValue() != null && r.clipNorm() != null) {
                throw new IllegalArgumentException("clipValue and clipNorm: choose at most one gradient clipping, got both");
            }
            if (r.l2() > 0 && r.weightDecay() > 0) {
                throw new IllegalArgumentException("l2 and weightDecay both set on the weights (" + r.l2() + ", "
                        + r.weightDecay() + "): they are two forms of the same penalty; choose one");
            }
            if (r.l2Bias() > 0 && r.weightDecayBias() > 0) {
                throw new IllegalArgumentException("l2Bias and weightDecayBias both set on the biases (" + r.l2Bias() + ", "
                        + r.weightDecayBias() + "): choose one");
            }
            List<Knob> dropouts = new ArrayList<>();
            for (Knob k : Knob.values()) {
                if (k.inputDropout(r, false) != null || k.inputDropout(r, true) != null) {
                    dropouts.add(k);
                }
            }
            if (dropouts.size() > 1) {
                throw new IllegalArgumentException(dropouts.stream().map(Knob::key).toList()
                        + " all set a dropout on the same layers' input; DL4J keeps one per layer: choose one");
            }
            return r;
        }
    }

    /** The JSON form: one key per knob, in table order; see {@link Knob#alwaysInJson()}. */
    static final class Json {
        private Json() {}

        /** Writes a knob when it differs from its default or is always written. */
        static final class Writer extends StdSerializer<Regularization> {
            private static final long serialVersionUID = 1L;

            Writer() {
                super(Regularization.class);
            }

            @Override
            public void serialize(Regularization r, JsonGenerator g, SerializerProvider provider) throws IOException {
                g.writeStartObject();
                for (Knob k : Knob.values()) {
                    Object v = r.get(k);
                    if (v == null || !k.alwaysInJson() && v.equals(k.defaultValue())) {
                        continue;
                    }
                    g.writeFieldName(k.key());
                    if (v instanceof Boolean) {
                        g.writeBoolean((Boolean) v);
                    } else {
                        g.writeNumber((Double) v);
                    }
                }
                g.writeEndObject();
            }
        }

        /** Reads the knobs' keys; an unknown key is Jackson's {@code UnrecognizedPropertyException}. */
        static final class Reader extends StdDeserializer<Regularization> {
            private static final long serialVersionUID = 1L;

            Reader() {
                super(Regularization.class);
            }

            @Override
            public Regularization deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonToken t = p.currentToken();
                if (t == JsonToken.START_OBJECT) {
                    t = p.nextToken();
                } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
                    return (Regularization) ctxt.handleUnexpectedToken(Regularization.class, p);
                }
                Builder b = builder();
                for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    p.nextToken();
                    Knob k = Knob.byKey(name);
                    if (k == null) {
                        ctxt.handleUnknownProperty(p, this, Regularization.class, name);
                        continue;
                    }
                    Object v = p.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, k.type());
                    try {
                        b.set(k, v);
                    } catch (IllegalArgumentException e) {
                        throw ValueInstantiationException.from(p, e.getMessage(), ctxt.constructType(Regularization.class), e);
                    }
                }
                try {
                    return b.build();
                } catch (IllegalArgumentException e) {
                    throw ValueInstantiationException.from(p, e.getMessage(), ctxt.constructType(Regularization.class), e);
                }
            }

            @Override
            public Collection<Object> getKnownPropertyNames() {
                return new ArrayList<>(Knob.keys());
            }
        }
    }
}
