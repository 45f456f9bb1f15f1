package io.regzoo.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.regzoo.RegzooException;
import java.util.Objects;

/**
 * Which data an experiment trains on: a dataset name (a {@link DataSources} name: the synthetic
 * {@code linear}, {@code regression10}, {@code sparse20}, {@code blobs} of
 * {@link io.regzoo.data.Synthetic}, or the IDX datasets {@code mnist}, {@code fashion-mnist} of
 * {@link io.regzoo.data.DatasetId}), the sizes of the training and test sets ({@code null} = the
 * source's default: the table's for synthetic data, all of it for IDX data), and the fraction of the
 * training set held out for validation (Keras's {@code validation_split}: taken from the end for
 * synthetic data, a stratified random part for IDX data).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DatasetSpec {

    private final String name;
    private final Integer trainSize;
    private final Integer testSize;
    private final double validationSplit;

    private DatasetSpec(Builder b) {
        this.name = b.name;
        this.trainSize = b.trainSize;
        this.testSize = b.testSize;
        this.validationSplit = b.validationSplit;
    }

    @JsonCreator
    static DatasetSpec fromJson(@JsonProperty("name") String name, @JsonProperty("trainSize") Integer trainSize,
            @JsonProperty("testSize") Integer testSize, @JsonProperty("validationSplit") Double validationSplit) {
        Builder b = builder(name).trainSize(trainSize).testSize(testSize);
        if (validationSplit != null) {
            b.validationSplit(validationSplit);
        }
        return b.build();
    }

    /**
     * Starts a spec for the named dataset; validation split 0.2, default sizes.
     *
     * @param name the dataset name
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return builder(name).trainSize(trainSize).testSize(testSize).validationSplit(validationSplit);
    }

    /** @return the dataset name */
    @JsonProperty("name")
    public String name() {
        return name;
    }

    /** @return the training-set size before the validation split, or {@code null} for the default */
    @JsonProperty("trainSize")
    public Integer trainSize() {
        return trainSize;
    }

    /** @return the test-set size, or {@code null} for the default */
    @JsonProperty("testSize")
    public Integer testSize() {
        return testSize;
    }

    /** @return the fraction of the training set held out for validation, in [0, 1) */
    @JsonProperty("validationSplit")
    public double validationSplit() {
        return validationSplit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DatasetSpec)) {
            return false;
        }
        DatasetSpec d = (DatasetSpec) o;
        return name.equals(d.name) && Objects.equals(trainSize, d.trainSize) && Objects.equals(testSize, d.testSize)
                && validationSplit == d.validationSplit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, trainSize, testSize, validationSplit);
    }

    @Override
    public String toString() {
        return name + "(train=" + (trainSize == null ? "default" : trainSize) + ", test="
                + (testSize == null ? "default" : testSize) + ", validationSplit=" + validationSplit + ")";
    }

    /** Builds a {@link DatasetSpec}; {@link #build()} validates. */
    public static final class Builder {
        private final String name;
        private Integer trainSize;
        private Integer testSize;
        private double validationSplit = 0.2;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param n training-set size before the validation split, ≥ 2, or {@code null} for the default
         * @return this builder
         */
        public Builder trainSize(Integer n) {
            this.trainSize = n;
            return this;
        }

        /**
         * @param n test-set size, ≥ 1, or {@code null} for the default
         * @return this builder
         */
        public Builder testSize(Integer n) {
            this.testSize = n;
            return this;
        }

        /**
         * @param fraction fraction of the training set held out for validation, in [0, 1) (default 0.2)
         * @return this builder
         */
        public Builder validationSplit(double fraction) {
            this.validationSplit = fraction;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the spec
         * @throws RegzooException naming the field that is missing or out of range
         */
        public DatasetSpec build() {
            if (name == null || name.isBlank()) {
                throw new RegzooException("dataset.name is required");
            }
            if (trainSize != null && trainSize < 2) {
                throw new RegzooException("dataset.trainSize must be >= 2, got " + trainSize);
            }
            if (testSize != null && testSize < 1) {
                throw new RegzooException("dataset.testSize must be >= 1, got " + testSize);
            }
            if (!(validationSplit >= 0 && validationSplit < 1)) {
                throw new RegzooException("dataset.validationSplit must be in [0, 1), got " + validationSplit);
            }
            return new DatasetSpec(this);
        }
    }
}
