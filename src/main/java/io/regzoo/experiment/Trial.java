package io.regzoo.experiment;

import java.io.Serializable;
import java.util.Objects;

/**
 * One cell of an experiment's grid: which zoo network, which variant, which seed.
 *
 * @param model zoo network name
 * @param variant variant name from the spec
 * @param seed the seed of data split, initial weights and minibatch order

 * @serial exclude
 */
public record Trial(String model, String variant, long seed) implements Serializable {

    /**
     * Checks the names.
     *
     * @param model zoo network name
     * @param variant variant name
     * @param seed seed
     * @throws NullPointerException when a name is null
     */
    public Trial {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(variant, "variant");
    }

    /** @return the stable id {@code model/variant/seed} ({@link TrialResult#idOf}) */
    public String id() {
        return TrialResult.idOf(model, variant, seed);
    }
}
