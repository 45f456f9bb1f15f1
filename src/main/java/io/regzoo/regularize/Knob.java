package io.regzoo.regularize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * The regularization knobs: one constant per setting of {@link Regularization}, and the one place
 * that says, for each, its name in spec files, JSON and on the command line (Keras-familiar
 * camelCase, {@code --kebab-case} as an option), its default, how a value is checked (one shared
 * validator, {@link Check}), how it applies to a DL4J configuration, the convention the report
 * states for it, and whether a sweep can vary it.
 *
 * <p>Everything else reads this table: {@link Regularization}'s storage, {@code equals}, JSON,
 * validation and {@link Regularization#describe()}; the spec parser (through the JSON); the
 * command line's regularization options; the sweep's parameters; the report's conventions.
 *
 * <p>To add a regularizer, add a constant here (its position is its place in JSON and in
 * {@link Regularization#describe()}; add it at the end to keep old files' order) and override the
 * hook that applies it: {@link #weightPenalty}, {@link #biasPenalty}, {@link #inputDropout},
 * {@link #configureGlobal} or {@link #configureLayer}. A knob that changes the layer structure
 * (as {@link #BATCH_NORM} does) is applied by the zoo's {@code AbstractNetwork}. A typed getter and
 * builder method in {@link Regularization} are optional: {@link Regularization#get(Knob)} and
 * {@link Regularization.Builder#set(Knob, Object)} work for every knob.
 */
public enum Knob {

    /** L1 on weights, {@code λ·Σ|w|}. */
    L1(number("l1").label("λ").check(Check.finiteAtLeastZero()).sweepable()
            .help("L1 on weights: adds λ·Σ|w| to the loss.")
            .convention("L1: `l1(λ)` adds `λ·Σ|w|` to the loss.")) {
        @Override
        public org.nd4j.linalg.learning.regularization.Regularization weightPenalty(Regularization r) {
            return r.l1() > 0 ? new L1Regularization(r.l1()) : null;
        }
    },

    /** L2 on weights, DL4J convention {@code λ/2·Σw²}. */
    L2(number("l2").label("λ").check(Check.finiteAtLeastZero()).sweepable()
            .help("L2 on weights (DL4J convention: λ/2·Σw²).")
            .convention("L2: `l2(λ)` adds `λ/2·Σw²` to the loss (gradient `λw`), as DL4J does. Keras's `L2(λ)` adds "
                    + "`λ·Σw²`, so Keras `L2(λ)` = regzoo `l2Keras(λ)` = regzoo `l2(2λ)`.")) {
        @Override
        public org.nd4j.linalg.learning.regularization.Regularization weightPenalty(Regularization r) {
            return r.l2() > 0 ? new L2Regularization(r.l2()) : null;
        }
    },

    /** L1 on biases. */
    L1_BIAS(number("l1Bias").label("λ").check(Check.finiteAtLeastZero())
            .help("L1 on biases.")
            .convention("Penalties apply to every layer's weights; biases are penalized only through `l1Bias`, `l2Bias` "
                    + "and `weightDecayBias`.")) {
        @Override
        public org.nd4j.linalg.learning.regularization.Regularization biasPenalty(Regularization r) {
            return r.l1Bias() > 0 ? new L1Regularization(r.l1Bias()) : null;
        }
    },

    /** L2 on biases, {@code λ/2·Σb²}. */
    L2_BIAS(number("l2Bias").label("λ").check(Check.finiteAtLeastZero())
            .help("L2 on biases (λ/2·Σb²).")) {
        @Override
        public org.nd4j.linalg.learning.regularization.Regularization biasPenalty(Regularization r) {
            return r.l2Bias() > 0 ? new L2Regularization(r.l2Bias()) : null;
        }
    },

    /** Decoupled weight decay on weights (AdamW with Adam). */
    WEIGHT_DECAY(number("weightDecay").label("λ").check(Check.finiteAtLeastZero()).sweepable()
            .help("Decoupled weight decay (AdamW with adam).")
            .convention("Weight decay: `weightDecay(λ)` is decoupled (applied after the updater, DL4J `WeightDecay`; with "
                    + "Adam that is AdamW). It equals L2 only under plain SGD; with Adam they differ.")) {
        @Override
        public org.nd4j.linalg.learning.regularization.Regularization weightPenalty(Regularization r) {
            return r.weightDecay() > 0 ? new WeightDecay(r.weightDecay(), r.weightDecayApplyLR()) : null;
        }

        @Override
        String describe(Regularization r) {
            String d = super.describe(r);
            return d == null || r.weightDecayApplyLR() ? d : d + " (no LR)";
        }
    },

    /** Decoupled weight decay on biases. */
    WEIGHT_DECAY_BIAS(number("weightDecayBias").label("λ").check(Check.finiteAtLeastZero())
            .help("Decoupled weight decay on biases.")) {
        @Override
        public org.nd4j.linalg.learning.regularization.Regularization biasPenalty(Regularization r) {
            return r.weightDecayBias() > 0 ? new WeightDecay(r.weightDecayBias(), r.weightDecayApplyLR()) : null;
        }
    },

    /** Whether weight decay is multiplied by the learning rate; part of {@link #WEIGHT_DECAY}'s description. */
    WEIGHT_DECAY_APPLY_LR(flag("weightDecayApplyLR", true).alwaysInJson()
            .help("Multiply weight decay by the current learning rate (default true).")) {
        @Override
        String describe(Regularization r) {
            return null;
        }
    },

    /** Dropout rate, the fraction of activations dropped (Keras meaning). */
    DROPOUT_RATE(number("dropoutRate").label("RATE").check(Check.fractionBelowOne("the fraction of activations dropped"))
            .sweepable().actsOnHiddenLayers("dropout drops a hidden layer's activations")
            .help("Fraction of activations dropped (Keras rate).")
            .convention("Dropout: `rate` is the fraction of activations dropped (Keras `Dropout(rate)`); DL4J's `dropOut(p)` "
                    + "takes the retain probability `p = 1 − rate`.")) {
        @Override
        public IDropout inputDropout(Regularization r, boolean outputLayer) {
            boolean here = !outputLayer || r.dropoutBeforeOutput();
            return here && r.dropoutRate() > 0 ? new Dropout(r.dropoutRetainProbability()) : null;
        }

        @Override
        String describe(Regularization r) {
            String d = super.describe(r);
            return d == null || !r.dropoutBeforeOutput() ? d : d + " (incl. output input)";
        }
    },

    /** Whether dropout also applies to the output layer's input; part of {@link #DROPOUT_RATE}'s description. */
    DROPOUT_BEFORE_OUTPUT(flag("dropoutBeforeOutput", false).help("Also drop the output layer's input.")) {
        @Override
        String describe(Regularization r) {
            return null;
        }
    },

    /** Batch normalization after each hidden layer (applied by the zoo's network builders). */
    BATCH_NORM(flag("batchNorm", false).help("Batch normalization after each hidden layer.")
            .actsOnHiddenLayers("batch normalization normalizes a hidden layer's activations")
            .convention("Batch normalization defaults: DL4J decay (momentum) 0.9 and epsilon 1e-5; Keras uses 0.99 and 1e-3.")) {
        @Override
        String describe(Regularization r) {
            return r.batchNorm() ? "batchNorm(momentum=" + fmt(r.batchNormMomentum()) + ", epsilon="
                    + fmt(r.batchNormEpsilon()) + ")" : null;
        }
    },

    /** Batch-norm momentum of the running statistics (DL4J "decay"); part of {@link #BATCH_NORM}'s description. */
    BATCH_NORM_MOMENTUM(number("batchNormMomentum", Regularization.DEFAULT_BN_MOMENTUM).label("M")
            .check(Check.openUnitInterval()).alwaysInJson()
            .help("Batch-norm momentum of the running statistics (DL4J decay; default 0.9, Keras 0.99).")) {
        @Override
        String describe(Regularization r) {
            return null;
        }
    },

    /** Batch-norm epsilon; part of {@link #BATCH_NORM}'s description. */
    BATCH_NORM_EPSILON(number("batchNormEpsilon", Regularization.DEFAULT_BN_EPSILON).label("EPS")
            .check(Check.positive()).alwaysInJson()
            .help("Batch-norm epsilon added to the variance (default 1e-5, Keras 1e-3).")) {
        @Override
        String describe(Regularization r) {
            return null;
        }
    },

    /** Element-wise gradient clipping (Keras {@code clipvalue}); absent = off. */
    CLIP_VALUE(optionalNumber("clipValue").label("V").check(Check.positiveOrAbsent("no clipping"))
            .help("Element-wise gradient clip (Keras clipvalue).")
            .convention("Gradient clipping: `clipValue(v)` clips each gradient element to `[−v, v]` (Keras `clipvalue`).")) {
        @Override
        public void configureGlobal(Regularization r, NeuralNetConfiguration.Builder global) {
            if (r.clipValue() != null) {
                global.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                        .gradientNormalizationThreshold(r.clipValue());
            }
        }
    },

    /** Per-layer gradient L2-norm clipping (DL4J {@code ClipL2PerLayer}); absent = off. */
    CLIP_NORM(optionalNumber("clipNorm").label("N").check(Check.positiveOrAbsent("no clipping"))
            .help("Per-layer gradient L2-norm clip (Keras clipnorm).")
            .convention("`clipNorm(n)` rescales each layer's gradient to L2 norm at most `n` (DL4J `ClipL2PerLayer`; "
                    + "Keras's `clipnorm` is per variable). At most one of the two clippings.")) {
        @Override
        public void configureGlobal(Regularization r, NeuralNetConfiguration.Builder global) {
            if (r.clipNorm() != null) {
                global.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(r.clipNorm());
            }
        }
    };

    private final Def def;

    Knob(Def def) {
        this.def = def;
    }

    /** @return the name in spec files, JSON and {@link Regularization.Builder}, e.g. {@code weightDecay} */
    public String key() {
        return def.key;
    }

    /** @return the command-line option, the key in kebab case, e.g. {@code --weight-decay} */
    public String option() {
        return "--" + kebab(def.key);
    }

    /**
     * A camelCase spec key in kebab case, as the command line spells it.
     *
     * @param camelCase e.g. {@code weightDecayApplyLR}
     * @return e.g. {@code weight-decay-apply-lr}
     */
    public static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** @return the option's parameter label, e.g. {@code λ} */
    public String label() {
        return def.label;
    }

    /** @return {@code Double.class} for numbers, {@code Boolean.class} for switches */
    public Class<?> type() {
        return def.type;
    }

    /** @return the default value ({@code null} for an optional number: off) */
    public Object defaultValue() {
        return def.defaultValue;
    }

    /** @return whether the value may be {@code null} (absent: off) */
    public boolean optional() {
        return def.optional;
    }

    /** @return one line of help for the command line */
    public String help() {
        return def.help;
    }

    /**
     * The convention the report states for this knob, as Markdown-ish text ({@code `code`} is the
     * only markup).
     *
     * @return the text, empty when this knob has none of its own
     */
    public Optional<String> convention() {
        return Optional.ofNullable(def.convention);
    }

    /** @return whether {@code regzoo sweep --param} can vary this knob */
    public boolean sweepable() {
        return def.sweepable;
    }

    /**
     * What this knob does to hidden layers, when that is all it acts on: a network without a hidden
     * layer has no place for it (as regularization; {@code dropoutBeforeOutput} can still drop a
     * model's inputs when asked for explicitly). Read by {@code ZooEntry.notApplicable}.
     *
     * @return e.g. {@code dropout drops a hidden layer's activations}; empty for knobs that act on
     *     any network (penalties, clipping)
     */
    public Optional<String> hiddenLayerRole() {
        return Optional.ofNullable(def.hiddenLayerRole);
    }

    /**
     * Whether a spec turns this knob on, i.e. holds a value other than its default.
     *
     * @param r the spec
     * @return true when {@code r}'s value differs from {@link #defaultValue()}
     */
    public boolean isSetIn(Regularization r) {
        return !Objects.equals(r.get(this), def.defaultValue);
    }

    /** @return whether JSON always carries this knob (else only when it differs from its default) */
    public boolean alwaysInJson() {
        return def.alwaysInJson;
    }

    /**
     * Converts a value to stored form: numbers as {@link Double} (−0 as 0), switches as
     * {@link Boolean}; {@code null} stands for the default. The range is checked by
     * {@link #validate(Object)}, which {@link Regularization.Builder#build()} calls.
     *
     * @param value the value, or {@code null} for the default
     * @return the value to store
     * @throws IllegalArgumentException naming this knob when the value has the wrong type
     */
    public Object convert(Object value) {
        if (value == null) {
            return def.defaultValue;
        }
        if (def.type == Double.class) {
            if (!(value instanceof Number)) {
                throw new IllegalArgumentException(def.key + " must be a number, got " + value);
            }
            double d = ((Number) value).doubleValue();
            return d == 0 ? 0.0 : d;
        }
        if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException(def.key + " must be true or false, got " + value);
        }
        return value;
    }

    /**
     * Checks a stored-form value's range.
     *
     * @param value the value, as {@link #convert(Object)} returns it
     * @throws IllegalArgumentException naming this knob and the value, e.g.
     *     {@code l2 must be a finite number >= 0, got -0.1}
     */
    public void validate(Object value) {
        def.check.check(def.key, value);
    }

    /**
     * Sets this knob on a builder: what a sweep does for each value it tries.
     *
     * @param builder the builder to change
     * @param value the value
     * @return the builder
     * @throws IllegalArgumentException when the value has the wrong type (the range is checked by
     *     {@link Regularization.Builder#build()})
     */
    public Regularization.Builder applyTo(Regularization.Builder builder, Object value) {
        return builder.set(this, value);
    }

    /**
     * The DL4J penalty this knob puts on every parametrized layer's weights.
     *
     * @param r the spec holding this knob's value
     * @return the penalty, or {@code null} when this knob adds none
     */
    public org.nd4j.linalg.learning.regularization.Regularization weightPenalty(Regularization r) {
        return null;
    }

    /**
     * The DL4J penalty this knob puts on every parametrized layer's biases.
     *
     * @param r the spec holding this knob's value
     * @return the penalty, or {@code null} when this knob adds none
     */
    public org.nd4j.linalg.learning.regularization.Regularization biasPenalty(Regularization r) {
        return null;
    }

    /**
     * The DL4J dropout this knob puts on a layer's input (a layer holds at most one).
     *
     * @param r the spec holding this knob's value
     * @param outputLayer true for the output layer's input, false for the input of a hidden block
     *     that follows another block
     * @return the dropout, or {@code null} for none
     */
    public IDropout inputDropout(Regularization r, boolean outputLayer) {
        return null;
    }

    /**
     * Applies this knob to the global DL4J configuration (seed, updater and the like are set
     * already). Penalties belong on the layers ({@link #weightPenalty}): a global weight decay lands
     * twice in every layer in DL4J 1.0.0-M2.1.
     *
     * @param r the spec holding this knob's value
     * @param global the global builder
     */
    public void configureGlobal(Regularization r, NeuralNetConfiguration.Builder global) {
        // most knobs act on layers
    }

    /**
     * Applies this knob to one parametrized layer, after its penalties are set.
     *
     * @param r the spec holding this knob's value
     * @param layer the layer builder
     */
    public void configureLayer(Regularization r, BaseLayer.Builder<?> layer) {
        // most knobs use the penalty and dropout hooks
    }

    /**
     * This knob's part of {@link Regularization#describe()}.
     *
     * @param r the spec
     * @return e.g. {@code l2=0.01}, or {@code null} when the knob is at its default (or is described
     *     by another knob)
     */
    String describe(Regularization r) {
        Object v = r.get(this);
        if (v == null || v.equals(def.defaultValue)) {
            return null;
        }
        return v instanceof Boolean ? def.key : def.key + "=" + fmt((Double) v);
    }

    /**
     * Finds a knob by its key.
     *
     * @param key e.g. {@code l2}
     * @return the knob, or {@code null} when there is none of that name
     */
    public static Knob byKey(String key) {
        for (Knob k : values()) {
            if (k.def.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Finds a knob by either of its names: the spec key ({@code weightDecay}) or the option's
     * kebab-case name, with or without its dashes ({@code weight-decay}, {@code --weight-decay}).
     *
     * @param name the name
     * @return the knob, or {@code null} when no knob has that name
     */
    public static Knob byName(String name) {
        if (name == null) {
            return null;
        }
        Knob k = byKey(name);
        if (k != null) {
            return k;
        }
        for (Knob c : values()) {
            if (c.option().equals(name) || c.option().equals("--" + name)) {
                return c;
            }
        }
        return null;
    }

    /** @return every knob's key, in table order */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Knob::key).toList();
    }

    /** @return the knobs a sweep can vary, in table order */
    public static List<Knob> sweepables() {
        return Arrays.stream(values()).filter(Knob::sweepable).toList();
    }

    /**
     * Finds a knob a sweep can vary, by its spec key or its option's name ({@link #byName}).
     *
     * @param key e.g. {@code weightDecay} or {@code weight-decay}
     * @return the knob
     * @throws IllegalArgumentException when no sweepable knob has that name; the message lists them
     */
    public static Knob sweepable(String key) {
        Knob k = byName(key);
        if (k == null || !k.sweepable()) {
            throw new IllegalArgumentException("param '" + key + "' cannot be swept; use one of "
                    + sweepables().stream().map(Knob::key).toList());
        }
        return k;
    }

    /** @return the report's convention lines of every knob that has one, in table order */
    public static List<String> conventions() {
        List<String> out = new ArrayList<>();
        for (Knob k : values()) {
            k.convention().ifPresent(out::add);
        }
        return out;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static Def number(String key) {
        return new Def(key, Double.class, 0.0, false);
    }

    private static Def number(String key, double defaultValue) {
        return new Def(key, Double.class, defaultValue, false);
    }

    private static Def optionalNumber(String key) {
        return new Def(key, Double.class, null, true);
    }

    private static Def flag(String key, boolean defaultValue) {
        return new Def(key, Boolean.class, defaultValue, false).label("true|false");
    }

    /** A knob's static facts, set fluently in the table. */
    private static final class Def {
        final String key;
        final Class<?> type;
        final Object defaultValue;
        final boolean optional;
        String label = "X";
        Check check = (k, v) -> { };
        boolean sweepable;
        boolean alwaysInJson;
        String help = "";
        String convention;
        String hiddenLayerRole;

        Def(String key, Class<?> type, Object defaultValue, boolean optional) {
            this.key = key;
            this.type = type;
            this.defaultValue = defaultValue;
            this.optional = optional;
        }

        Def label(String l) {
            this.label = l;
            return this;
        }

        Def check(Check c) {
            this.check = c;
            return this;
        }

        Def sweepable() {
            this.sweepable = true;
            return this;
        }

        Def alwaysInJson() {
            this.alwaysInJson = true;
            return this;
        }

        Def help(String h) {
            this.help = h;
            return this;
        }

        Def convention(String c) {
            this.convention = c;
            return this;
        }

        Def actsOnHiddenLayers(String role) {
            this.hiddenLayerRole = role;
            return this;
        }
    }

    /**
     * The shared argument validator (Keras's regularizers share one): each rule names the knob and
     * the value it got, e.g. {@code l2 must be a finite number >= 0, got -0.1}.
     */
    @FunctionalInterface
    interface Check {
        /**
         * @param key the knob's key, for the message
         * @param value the stored-form value ({@code Double} or {@code Boolean}, possibly {@code null})
         * @throws IllegalArgumentException naming the knob when the value is out of range
         */
        void check(String key, Object value);

        /** @return a rule for penalties: finite and ≥ 0 */
        static Check finiteAtLeastZero() {
            return (k, v) -> {
                double d = (Double) v;
                if (!(d >= 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException(k + " must be a finite number >= 0, got " + d);
                }
            };
        }

        /** @return a rule for a fraction in [0, 1), with what it means in the message */
        static Check fractionBelowOne(String meaning) {
            return (k, v) -> {
                double d = (Double) v;
                if (!(d >= 0 && d < 1)) {
                    throw new IllegalArgumentException(k + " must be in [0, 1) (" + meaning + "), got " + d);
                }
            };
        }

        /** @return a rule for a value in (0, 1) */
        static Check openUnitInterval() {
            return (k, v) -> {
                double d = (Double) v;
                if (!(d > 0 && d < 1)) {
                    throw new IllegalArgumentException(k + " must be in (0, 1), got " + d);
                }
            };
        }

        /** @return a rule for a finite value &gt; 0 */
        static Check positive() {
            return (k, v) -> {
                double d = (Double) v;
                if (!(d > 0 && Double.isFinite(d))) {
                    throw new IllegalArgumentException(k + " must be > 0, got " + d);
                }
            };
        }

        /** @return a rule for a finite value &gt; 0, or {@code null} meaning {@code absentMeans} */
        static Check positiveOrAbsent(String absentMeans) {
            return (k, v) -> {
                if (v != null && !((Double) v > 0 && Double.isFinite((Double) v))) {
                    throw new IllegalArgumentException(k + " must be > 0 (or absent for " + absentMeans + "), got " + v);
                }
            };
        }
    }
}
