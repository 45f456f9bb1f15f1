package io.regzoo.data;

import java.util.Objects;

/**
 * A dataset's published train and test parts.
 *
 * @param train the training part
 * @param test the test part
 * @param source where the data came from (a directory, a cache, a classpath sample), for provenance
 */
public record TrainTest(ArrayDataset train, ArrayDataset test, String source) {
    /**
     * Validates the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(source, "source");
    }
}
