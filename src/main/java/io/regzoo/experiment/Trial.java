package io.regzoo.experiment;

import java.io.Serializable;
import java.util.Objects;

/**
 * One cell of an experiment's grid: which zoo network, which variant, which training-set size, which seed.
 *
 * @param model zoo network name
 * @param variant variant name from the spec
 * @param trainSize the training-set size of this trial (one of the spec's {@code dataset.trainSizes}), or
 *     {@code null} when the spec has one size ({@code dataset.trainSize} or the source's default)
 * @param seed the seed of data split, initial weights and minibatch order

 * @serial exclude
 */
public record Trial(String model, String variant, Integer trainSize, long seed) implements Serializable {

    /**
     * Checks the names and the size.
     *
     * @param model zoo network name
     * @param variant variant name
     * @param trainSize training-set size, or null for the spec's one size
     * @param seed seed
     * @throws NullPointerException when a name is null
     * @throws IllegalArgumentException when the size is below 2
     */
    public Trial {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(variant, "variant");
        if (trainSize != null && trainSize < 2) {
            throw new IllegalArgumentException("training-set size must be >= 2, got " + trainSize);
        }
    }

    /**
     * A trial of a spec with one training-set size.
     *
     * @param model zoo network name
     * @param variant variant name
     * @param seed seed
     */
    public Trial(String model, String variant, long seed) {
        this(model, variant, null, seed);
    }

    /**
     * @return the stable id {@code model/variant/seed}, or {@code model/variant/n<size>/seed} on a data-size axis
     *     ({@link TrialResult#idOf})
     */
    public String id() {
        return TrialResult.idOf(model, variant, trainSize, seed);
    }
}
