package io.regzoo.data;

import java.util.Objects;

/**
 * A split of one dataset into a part to train on and a held-out part to validate on (a
 * train/validation split or one fold of a k-fold split). The two parts are disjoint and together
 * are the whole dataset.
 *
 * @param train the part to train on
 * @param validation the held-out part
 */
public record TrainValidation(ArrayDataset train, ArrayDataset validation) {
    /**
     * Validates the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public TrainValidation {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }
}
