package io.regzoo.train;

/**
 * Receives training progress from a {@link Trainer}: one call per finished epoch and, optionally,
 * one per minibatch. Called on the training thread; keep it quick.
 */
@FunctionalInterface
public interface EpochListener {

    /** A listener that ignores everything. */
    EpochListener NONE = m -> { };

    /**
     * Called after each epoch with its metrics.
     *
     * @param metrics the epoch's metrics
     */
    void onEpoch(EpochMetrics metrics);

    /**
     * Called after each minibatch update.
     *
     * @param epoch 1-based epoch
     * @param iteration 1-based minibatch index within the epoch
     * @param iterationsPerEpoch minibatches per epoch, or 0 when unknown (training from a
     *     {@link org.nd4j.linalg.dataset.api.iterator.DataSetIterator})
     * @param score the minibatch's data loss (DL4J's score minus its penalty terms, as
     *     {@link EpochMetrics#trainLoss()} averages it)
     */
    default void onIteration(int epoch, int iteration, int iterationsPerEpoch, double score) {}
}
