package io.regzoo.zoo;

import io.regzoo.regularize.Optimizer;
import io.regzoo.zoo.onednn.OneDnnConvolution;
import io.regzoo.zoo.onednn.OneDnnDense;
import io.regzoo.zoo.onednn.OneDnnMaxPooling;
import io.regzoo.zoo.onednn.OneDnnOutput;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code mnist-cnn}: the third seed document's CNN, {@code Conv(32, 3×3, relu) → MaxPool 2×2 →
 * Conv(64, 3×3, relu) → MaxPool 2×2 → Dense(64, relu) → Dense(10, softmax)}, input 28×28×1 (NCHW:
 * {@code [batch, 1, 28, 28]}), cross-entropy loss; 121,930 parameters. Layers are named
 * {@code conv1, pool1, conv2, pool2, dense, output}. Convolutions are "valid" (no padding) with
 * stride 1, as Keras's defaults. Default optimizer: Adam, learning rate 1e-3 (the document's).
 *
 * <p>The convolutions, poolings, the dense and the output layer are regzoo's oneDNN layers
 * ({@link OneDnnConvolution}, {@link OneDnnMaxPooling}, {@link OneDnnDense}, {@link OneDnnOutput};
 * DL4J layers running regzoo's own oneDNN primitives in training, the output layer's softmax,
 * cross-entropy and score in one pass) unless {@link Builder#oneDnn(boolean) oneDnn(false)} asks
 * for DL4J's {@code ConvolutionLayer}, {@code SubsamplingLayer}, {@code DenseLayer} and
 * {@code OutputLayer}; same layer names, parameters and results within float rounding.
 *
 * <p>Dropout sites (Keras's {@code Dropout} after a block): after {@code pool1} and {@code pool2},
 * and, with {@code dropoutBeforeOutput}, after {@code dense}. Batch norm follows {@code conv1},
 * {@code conv2} and {@code dense}, before their activation.
 *
 * <pre>{@code
 * MultiLayerNetwork net = MnistCnn.builder()
 *         .regularization(Regularization.builder().weightDecay(5e-4).dropoutRate(0.25).build())
 *         .build()
 *         .init();
 * }</pre>
 */
public final class MnistCnn extends AbstractNetwork<MnistCnn.Builder> {

    /** The zoo name. */
    public static final String NAME = "mnist-cnn";

    /** The zoo entry: classification, default dataset {@code mnist}. */
    public static final ZooEntry ENTRY = ZooEntry.builder(NAME, MnistCnn::builder)
            .description("Conv(32,3×3) → MaxPool 2 → Conv(64,3×3) → MaxPool 2 → Dense(64) → softmax 10, Adam 1e-3 (document 3)")
            .task(ZooEntry.Task.CLASSIFICATION).defaultDataset("mnist").build();

    private MnistCnn(Builder b) {
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

    @Override
    public long[] inputShape() {
        return new long[] {settings.channels, settings.height, settings.width};
    }

    @Override
    public int numOutputs() {
        return settings.classes;
    }

    @Override
    public MultiLayerConfiguration conf() {
        Builder s = settings;
        NeuralNetConfiguration.ListBuilder list = base().list();
        addHidden(list, conv(s.oneDnn, false).stride(1, 1).nOut(s.filters1), "conv1", false);
        list.layer(pool(s.oneDnn).name("pool1").kernelSize(2, 2).stride(2, 2).build());
        addHidden(list, conv(s.oneDnn, true).stride(1, 1).nOut(s.filters2), "conv2", true);
        list.layer(pool(s.oneDnn).name("pool2").kernelSize(2, 2).stride(2, 2).build());
        DenseLayer.Builder dense = s.oneDnn ? new OneDnnDense.Builder() : new DenseLayer.Builder();
        addHidden(list, dense.nOut(s.denseUnits), "dense", true);
        OutputLayer.Builder out = s.oneDnn ? new OneDnnOutput.Builder(LossFunctions.LossFunction.MCXENT)
                : new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT);
        list.layer(output(out)
                .name("output").nOut(s.classes).activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutional(s.height, s.width, s.channels));
        return list.build();
    }

    /** A 3×3 convolution: regzoo's oneDNN layer, or DL4J's own. */
    private static ConvolutionLayer.Builder conv(boolean oneDnn, boolean inputGradient) {
        return oneDnn ? new OneDnnConvolution.Builder(3, 3).inputGradient(inputGradient) : new ConvolutionLayer.Builder(3, 3);
    }

    /** Max pooling: regzoo's oneDNN layer, or DL4J's own. */
    private static SubsamplingLayer.Builder pool(boolean oneDnn) {
        return oneDnn ? new OneDnnMaxPooling.Builder() : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX);
    }

    /** Builds an {@link MnistCnn}. The size knobs exist for tiny gradient checks and other images. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private int height = 28;
        private int width = 28;
        private int channels = 1;
        private int filters1 = 32;
        private int filters2 = 64;
        private int denseUnits = 64;
        private int classes = 10;
        private boolean oneDnn = true;

        private Builder() {
            super(Optimizer.adam(1e-3));
        }

        /**
         * @param height image height (default 28; at least 10)
         * @param width image width (default 28; at least 10)
         * @param channels image channels (default 1)
         * @return this builder
         */
        public Builder inputSize(int height, int width, int channels) {
            this.height = height;
            this.width = width;
            this.channels = channels;
            return this;
        }

        /**
         * @param conv1 filters of the first convolution (default 32)
         * @param conv2 filters of the second convolution (default 64)
         * @return this builder
         */
        public Builder filters(int conv1, int conv2) {
            this.filters1 = conv1;
            this.filters2 = conv2;
            return this;
        }

        /**
         * @param units width of the dense layer (default 64)
         * @return this builder
         */
        public Builder denseUnits(int units) {
            this.denseUnits = units;
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
         * Whether the convolutions, poolings, the dense and the output layer are regzoo's oneDNN
         * layers ({@link OneDnnConvolution}, {@link OneDnnMaxPooling}, {@link OneDnnDense},
         * {@link OneDnnOutput}: own oneDNN primitives, the first layer without input gradient, the
         * output's softmax and loss in one pass) or DL4J's {@code ConvolutionLayer},
         * {@code SubsamplingLayer}, {@code DenseLayer} and {@code OutputLayer}. Both train to the same
         * parameters within float rounding; the oneDNN layers are faster (docs/PERFORMANCE.md, "Speed
         * round two: CNN"). A model saved with them needs regzoo on the class path to load.
         *
         * @param oneDnn {@code true} (default) for the oneDNN layers, {@code false} for DL4J's own
         * @return this builder
         */
        public Builder oneDnn(boolean oneDnn) {
            this.oneDnn = oneDnn;
            return this;
        }

        /**
         * Takes {@code [channels, height, width]} (NCHW) as the input size; a flat or other shape
         * keeps the input size (the harness reshapes flat images of the right size).
         */
        @Override
        public Builder fitTo(long[] exampleShape, int labels) {
            if (exampleShape != null && exampleShape.length == 3) {
                inputSize(Math.toIntExact(exampleShape[1]), Math.toIntExact(exampleShape[2]), Math.toIntExact(exampleShape[0]));
            }
            return classes(labels > 0 ? labels : classes);
        }

        @Override
        public MnistCnn build() {
            if (height < 10 || width < 10) {
                throw new IllegalArgumentException("inputSize must be at least 10x10 for two 3x3 conv + 2x2 pool blocks, got "
                        + height + "x" + width);
            }
            atLeast("channels", channels, 1);
            if (filters1 < 1 || filters2 < 1) {
                throw new IllegalArgumentException("filters must be >= 1, got " + filters1 + ", " + filters2);
            }
            atLeast("denseUnits", denseUnits, 1);
            atLeast("classes", classes, 2);
            validate(NAME, 3, 2);
            return new MnistCnn(this);
        }
    }
}
