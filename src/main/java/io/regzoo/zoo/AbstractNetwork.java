package io.regzoo.zoo;

import io.regzoo.RegzooException;
import io.regzoo.regularize.InPlaceUpdater;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every zoo network shares: the entry, the settings (a snapshot of its builder, so
 * {@link #toBuilder()} needs no per-network code), the DL4J base configuration, hidden-block
 * assembly and the shared argument checks.
 *
 * @param <B> the network's builder
 */
abstract class AbstractNetwork<B extends AbstractNetwork.AbstractBuilder<B>> implements ZooNetwork {

    /** Hidden activations the zoo offers (the documents compare relu and elu). */
    static final Set<Activation> HIDDEN_ACTIVATIONS = Set.of(Activation.RELU, Activation.ELU,
            Activation.LEAKYRELU, Activation.TANH, Activation.SIGMOID, Activation.SELU, Activation.IDENTITY);

    private final ZooEntry entry;
    /** The builder's settings when {@code build()} was called; never handed out (copies are). */
    final B settings;
    final Regularization regularization;

    AbstractNetwork(ZooEntry entry, B builder) {
        this.entry = entry;
        this.settings = builder.copy();
        this.regularization = settings.regularization;
    }

    @Override
    public final ZooEntry entry() {
        return entry;
    }

    @Override
    public final String name() {
        return entry.name();
    }

    @Override
    public final boolean isClassifier() {
        return entry.task() == ZooEntry.Task.CLASSIFICATION;
    }

    @Override
    public final B toBuilder() {
        return settings.copy();
    }

    @Override
    public final long seed() {
        return settings.seed;
    }

    @Override
    public final Regularization regularization() {
        return regularization;
    }

    @Override
    public final Optimizer optimizer() {
        return settings.optimizer;
    }

    @Override
    public final Activation activation() {
        return settings.activation;
    }

    @Override
    public final DataType dataType() {
        return settings.dataType;
    }

    @Override
    public final CacheMode cacheMode() {
        return settings.cacheMode;
    }

    @Override
    public final MultiLayerNetwork init() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        return InPlaceUpdater.install(net);
    }

    @Override
    public long numParams() {
        MultiLayerConfiguration c = conf();
        long n = 0;
        for (int i = 0; i < c.getConfs().size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer l = c.getConf(i).getLayer();
            n += l.initializer().numParams(c.getConf(i));
        }
        return n;
    }

    @Override
    public void checkInput(INDArray features) {
        long[] want = inputShape();
        long[] got = features.shape();
        boolean ok = got.length == want.length + 1;
        for (int i = 0; ok && i < want.length; i++) {
            ok = got[i + 1] == want[i];
        }
        if (!ok) {
            throw new RegzooException(name() + " expects input of shape [batch, "
                    + Arrays.toString(want).replace("[", "").replace("]", "") + "]"
                    + (want.length == 3 ? " (NCHW)" : "") + ", got " + Arrays.toString(got));
        }
    }

    /**
     * The global DL4J settings: seed, data type, updater, weight init, and the global knobs
     * ({@link Regularization#configure}: clipping). Penalties are set per layer ({@link #penalize}):
     * in DL4J 1.0.0-M2.1 a global {@code weightDecay} (or any regularization other than L1/L2 in
     * the global list) ends up twice in every layer's list, doubling the decay.
     *
     * @return a builder for the layer list
     */
    final NeuralNetConfiguration.Builder base() {
        return regularization.configure(new NeuralNetConfiguration.Builder()
                .seed(settings.seed)
                .dataType(settings.dataType)
                .cacheMode(settings.cacheMode)
                .updater(settings.optimizer.toUpdater())
                .weightInit(WeightInit.XAVIER)
                .activation(settings.activation))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /**
     * Adds a hidden block: the layer itself, and when batch norm is on, the layer with identity
     * activation followed by {@code NAME-bn} and {@code NAME-act}. Dropout (when asked and
     * {@code dropoutOnInput}) goes on the block's input.
     */
    final void addHidden(NeuralNetConfiguration.ListBuilder list, FeedForwardLayer.Builder<?> layer, String name,
            boolean dropoutOnInput) {
        IDropout dropout = regularization.dl4jInputDropout(false);
        if (dropoutOnInput && dropout != null) {
            layer.dropOut(dropout);
        }
        layer.name(name);
        penalize(layer);
        if (!regularization.batchNorm()) {
            layer.activation(settings.activation);
            list.layer(layer.build());
            return;
        }
        layer.activation(Activation.IDENTITY);
        list.layer(layer.build());
        list.layer(new BatchNormalization.Builder()
                .name(name + "-bn")
                .decay(regularization.batchNormMomentum())
                .eps(regularization.batchNormEpsilon())
                .build());
        list.layer(new ActivationLayer.Builder().name(name + "-act").activation(settings.activation).build());
    }

    /** Sets the spec's weight and bias penalties on one layer (each exactly once) and its per-layer knobs. */
    final void penalize(BaseLayer.Builder<?> layer) {
        regularization.penalize(layer);
    }

    /**
     * Prepares the output layer: its penalties, and dropout on its input when the spec asks for
     * dropout there.
     */
    final <T extends FeedForwardLayer.Builder<?>> T output(T output) {
        penalize(output);
        IDropout dropout = regularization.dl4jInputDropout(true);
        if (dropout != null) {
            output.dropOut(dropout);
        }
        return output;
    }

    @Override
    public String toString() {
        return name() + "{optimizer=" + settings.optimizer.describe() + ", regularization=" + regularization.describe()
                + ", activation=" + settings.activation + ", seed=" + settings.seed + "}";
    }

    /**
     * Builder fields shared by all zoo networks. A builder holds only immutable values, so a
     * shallow copy ({@link #copy()}) is a full one: networks keep a copy of the builder that made
     * them and {@code toBuilder()} hands out another.
     *
     * @param <B> the concrete builder
     */
    abstract static class AbstractBuilder<B extends AbstractBuilder<B>> implements ZooNetwork.Builder<B>, Cloneable {
        long seed = 42;
        Regularization regularization = Regularization.none();
        Optimizer optimizer;
        Activation activation = Activation.RELU;
        DataType dataType = DataType.FLOAT;
        CacheMode cacheMode = CacheMode.HOST;

        AbstractBuilder(Optimizer defaultOptimizer) {
            this.optimizer = defaultOptimizer;
        }

        @SuppressWarnings("unchecked")
        final B self() {
            return (B) this;
        }

        /** @return a copy of this builder (its fields are immutable values) */
        @SuppressWarnings("unchecked")
        final B copy() {
            try {
                return (B) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public final B seed(long seed) {
            this.seed = seed;
            return self();
        }

        @Override
        public final B regularization(Regularization regularization) {
            this.regularization = Objects.requireNonNull(regularization, "regularization");
            return self();
        }

        @Override
        public final B optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return self();
        }

        @Override
        public final B activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return self();
        }

        @Override
        public final B dataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            return self();
        }

        @Override
        public final B cacheMode(CacheMode cacheMode) {
            this.cacheMode = Objects.requireNonNull(cacheMode, "cacheMode");
            return self();
        }

        /**
         * The number of inputs of a dense first layer for one example's shape.
         *
         * @param exampleShape the shape of one example
         * @return the product of its dimensions, or {@code fallback} when the shape is {@code null} or empty
         */
        static int features(long[] exampleShape, int fallback) {
            if (exampleShape == null || exampleShape.length == 0) {
                return fallback;
            }
            long n = 1;
            for (long d : exampleShape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }

        /**
         * The shared argument check of the size knobs.
         *
         * @throws IllegalArgumentException {@code "<field> must be >= <min>, got <value>"}
         */
        static void atLeast(String field, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(field + " must be >= " + min + ", got " + value);
            }
        }

        /**
         * Common validation; {@code hiddenBlocksBeforeLast} is how many hidden blocks feed another
         * hidden layer (dropout sites that are not the output's input), {@code hiddenBlocks} how many
         * hidden blocks there are (batch-norm sites).
         */
        final void validate(String name, int hiddenBlocks, int dropoutSitesBeforeOutput) {
            if (!HIDDEN_ACTIVATIONS.contains(activation)) {
                throw new IllegalArgumentException("activation " + activation + " is not offered for hidden layers; use one of "
                        + HIDDEN_ACTIVATIONS);
            }
            if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
                throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, got " + dataType);
            }
            if (regularization.batchNorm() && hiddenBlocks == 0) {
                throw new IllegalArgumentException("batchNorm has no place in " + name + ": it has no hidden layer");
            }
            if (regularization.dropoutRate() > 0 && dropoutSitesBeforeOutput == 0 && !regularization.dropoutBeforeOutput()) {
                throw new IllegalArgumentException("dropoutRate " + regularization.dropoutRate() + " has no place in " + name
                        + ": its only dropout site is the output layer's input; set dropoutBeforeOutput=true to use it");
            }
        }
    }
}
