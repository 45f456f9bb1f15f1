package io.regzoo.zoo;

import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.conf.CacheMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network of the zoo, fully specified: architecture, regularization, optimizer, seed. It is a
 * recipe, not a trained model: {@link #conf()} gives the plain DL4J configuration and
 * {@link #init()} a freshly initialized {@link MultiLayerNetwork}. Variants are derived with
 * {@link #toBuilder()}.
 */
public interface ZooNetwork {

    /** @return the zoo name, e.g. {@code mnist-cnn} */
    String name();

    /** @return the zoo entry this network belongs to: description, task, default dataset */
    ZooEntry entry();

    /**
     * The DL4J configuration: named layers, regularization, updater, seed.
     *
     * @return a new configuration
     */
    MultiLayerConfiguration conf();

    /**
     * A new network built from {@link #conf()} and initialized (same seed, same initial weights).
     *
     * @return the initialized network
     */
    MultiLayerNetwork init();

    /** @return the shape of one input example, e.g. {@code [1, 28, 28]} (NCHW) or {@code [784]} */
    long[] inputShape();

    /** @return the number of outputs (classes, or regression targets) */
    int numOutputs();

    /** @return true for a classifier (softmax + cross-entropy), false for a regressor (MSE) */
    boolean isClassifier();

    /** @return the regularization spec */
    Regularization regularization();

    /** @return the optimizer */
    Optimizer optimizer();

    /** @return the hidden-layer activation */
    Activation activation();

    /** @return the parameter data type (FLOAT by default; DOUBLE for gradient checks) */
    DataType dataType();

    /** @return the seed for weight initialization (and dropout masks) */
    long seed();

    /**
     * @return what DL4J keeps from the forward pass for backprop ({@code HOST} by default; see
     *     {@link Builder#cacheMode(CacheMode)})
     */
    CacheMode cacheMode();

    /** @return the number of trainable parameters (and batch-norm statistics) */
    long numParams();

    /**
     * Checks that a batch of features has this network's input shape.
     *
     * @param features a batch, first dimension the examples
     * @throws io.regzoo.RegzooException naming expected and actual shapes
     */
    void checkInput(INDArray features);

    /**
     * A builder holding this network's settings, to derive a variant.
     *
     * @return a new builder
     */
    Builder<?> toBuilder();

    /**
     * The settings every zoo builder has. Concrete builders add architecture knobs.
     *
     * @param <B> the concrete builder type
     */
    interface Builder<B extends Builder<B>> {
        /**
         * @param seed the seed for weight initialization and dropout
         * @return this builder
         */
        B seed(long seed);

        /**
         * @param regularization the regularization spec ({@link Regularization#none()} for none)
         * @return this builder
         */
        B regularization(Regularization regularization);

        /**
         * @param optimizer the optimizer and learning rate
         * @return this builder
         */
        B optimizer(Optimizer optimizer);

        /**
         * @param activation the hidden-layer activation (e.g. RELU, ELU)
         * @return this builder
         */
        B activation(Activation activation);

        /**
         * @param dataType FLOAT (default) or DOUBLE
         * @return this builder
         */
        B dataType(DataType dataType);

        /**
         * What DL4J keeps from the forward pass for backprop. {@code HOST} (the default) keeps a
         * convolution's im2col matrix and pre-activations from the forward pass so that backprop does
         * not compute them again; it trains the CNN about 1.5× faster than DL4J's own default
         * {@code NONE} at the cost of one im2col matrix per convolution (tens of MB at batch 256),
         * and gives the same numbers. It changes nothing for dense-only networks.
         * {@code cacheMode(CacheMode.NONE)} switches back. See {@code docs/PERFORMANCE.md}.
         *
         * @param cacheMode NONE, HOST or DEVICE
         * @return this builder
         */
        B cacheMode(CacheMode cacheMode);

        /**
         * Fits the input and output sizes to the data: the input to the shape of one example (a
         * dense network takes the product of its dimensions; the CNN takes a {@code [channels,
         * height, width]} shape and keeps its default for a flat one, which the harness reshapes),
         * the number of classes of a classifier to {@code labels}. Regressors ignore
         * {@code labels}. Sizes are checked by {@link #build()}.
         *
         * @param exampleShape the shape of one example, e.g. {@code [20]} or {@code [1, 28, 28]};
         *     {@code null} or empty to keep the input as it is
         * @param labels number of classes, or ≤ 0 to keep it as it is
         * @return this builder
         */
        B fitTo(long[] exampleShape, int labels);

        /**
         * Validates and builds.
         *
         * @return the network recipe
         * @throws IllegalArgumentException naming the field when a setting is invalid or a
         *     regularizer has no place in this architecture
         */
        ZooNetwork build();
    }
}
