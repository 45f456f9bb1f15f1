package io.regzoo.train;

/**
 * What one epoch of training measured. Accuracies are {@code NaN} for regressors; validation
 * values are {@code NaN} when there is no validation set.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training data loss over the epoch's minibatches, in training mode at the
 *     weights before each update: DL4J's minibatch score minus the L1/L2/weight-decay penalty terms it
 *     adds ({@code calcRegularizationScore(true)}), see {@link Trainer}
 * @param trainAccuracy training accuracy in [0, 1] at the epoch's end, measured without dropout on
 *     up to 10,000 training examples (classifiers), else NaN
 * @param valLoss validation loss (data loss, without penalty) at the epoch's end, or NaN
 * @param valAccuracy validation accuracy in [0, 1] at the epoch's end, or NaN
 * @param learningRate the learning rate in force at the epoch's end
 * @param weightNorm L2 norm of all weights (biases and batch-norm statistics excluded)
 * @param nearZeroFraction fraction of weights with {@code |w| < 1e-3}
 * @param seconds wall time of the epoch, in seconds
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
        double learningRate, double weightNorm, double nearZeroFraction, double seconds) {}
