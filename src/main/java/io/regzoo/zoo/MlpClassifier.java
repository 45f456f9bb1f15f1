package io.regzoo.zoo;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.onednn.OneDnnDense;
import io.regzoo.zoo.onednn.OneDnnOutput;
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
 *
 * <p>The hidden layer is regzoo's oneDNN dense layer ({@link OneDnnDense}: DL4J's {@code DenseLayer}
 * running regzoo's own oneDNN inner-product primitives in training, without the input gradient
 * nothing uses) and the output layer regzoo's one-pass softmax + cross-entropy layer
 * ({@link OneDnnOutput}: DL4J's {@code OutputLayer} computing pre-output, softmax, loss and score
 * once per training step) unless {@link Builder#oneDnn(boolean) oneDnn(false)} asks for DL4J's
 * {@code DenseLayer} and {@code OutputLayer}; same layer names, parameters and results within
 * float rounding.
 */
public final class MlpClassifier extends AbstractNetwork<MlpClassifier.Builder> {

    /** The zoo name. */
    public static final String NAME = "mlp-classifier";

    /** The zoo entry: classification, default dataset {@code blobs}. */
    public static final ZooEntry ENTRY = ZooEntry.builder(NAME, MlpClassifier::builder)
            .description("Dense(128, relu) → softmax 10, L2 0.01 on kernel and bias (document 5)")
            .task(ZooEntry.Task.CLASSIFICATION).defaultDataset("blobs").build();

    /** The document's setting: L2 0.01 on weights and biases. */
    public static final Regularization DOCUMENT_REGULARIZATION = Regularization.builder().l2(0.01).l2Bias(0.01).build();

    private MlpClassifier(Builder b) {
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
        return settings.classes;
    }

    @Override
    public MultiLayerConfiguration conf() {
        NeuralNetConfiguration.ListBuilder list = base().list();
        DenseLayer.Builder hidden = settings.oneDnn ? new OneDnnDense.Builder().inputGradient(false) : new DenseLayer.Builder();
        addHidden(list, hidden.nIn(settings.inputs).nOut(settings.hiddenUnits), "hidden", false);
        OutputLayer.Builder out = settings.oneDnn ? new OneDnnOutput.Builder(LossFunctions.LossFunction.MCXENT)
                : new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT);
        list.layer(output(out)
                .name("output").nIn(settings.hiddenUnits).nOut(settings.classes).activation(Activation.SOFTMAX).build());
        return list.build();
    }

    /** Builds an {@link MlpClassifier}. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private int inputs = 784;
        private int hiddenUnits = 128;
        private int classes = 10;
        private boolean oneDnn = true;

        private Builder() {
            super(Optimizer.adam(1e-3));
            regularization(DOCUMENT_REGULARIZATION);
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

        /**
         * Whether the hidden layer is regzoo's oneDNN dense layer ({@link OneDnnDense}: own oneDNN
         * inner-product primitives, no input gradient, as it is the first layer) and the output
         * layer regzoo's one-pass softmax + cross-entropy layer ({@link OneDnnOutput}), or DL4J's
         * {@code DenseLayer} and {@code OutputLayer}. Both train to the same parameters within
         * float rounding; regzoo's layers are faster (docs/PERFORMANCE.md, "Dense layers on
         * oneDNN"). A model saved with them needs regzoo on the class path to load
         * ({@code OneDnnLayers.toDl4j} converts it).
         *
         * @param oneDnn {@code true} (default) for the oneDNN layer, {@code false} for DL4J's own
         * @return this builder
         */
        public Builder oneDnn(boolean oneDnn) {
            this.oneDnn = oneDnn;
            return this;
        }

        @Override
        public Builder fitTo(long[] exampleShape, int labels) {
            return inputs(features(exampleShape, inputs)).classes(labels > 0 ? labels : classes);
        }

        @Override
        public MlpClassifier build() {
            atLeast("inputs", inputs, 1);
            atLeast("hiddenUnits", hiddenUnits, 1);
            atLeast("classes", classes, 2);
            validate(NAME, 1, 0);
            return new MlpClassifier(this);
        }
    }
}
