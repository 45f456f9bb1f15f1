package io.regzoo.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.regzoo.RegzooException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which data an experiment trains on: a dataset name (a {@link DataSources} name: the synthetic
 * {@code linear}, {@code regression10}, {@code sparse20}, {@code blobs} of
 * {@link io.regzoo.data.Synthetic}, or the IDX datasets {@code mnist}, {@code fashion-mnist} of
 * {@link io.regzoo.data.DatasetId}), the sizes of the training and test sets ({@code null} = the
 * source's default: the table's for synthetic data, all of it for IDX data), and the fraction of the
 * training set held out for validation (Keras's {@code validation_split}: taken from the end for
 * synthetic data, a stratified random part for IDX data).
 *
 * <p>{@code trainSizes} (instead of {@code trainSize}) puts the experiment on a data-size axis: every
 * model × variant × seed is trained once per listed size, so the report can show how a regularizer's
 * benefit changes with the amount of training data. {@link #forSize(Integer)} gives the spec one
 * such trial loads its data with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DatasetSpec {

    private final String name;
    private final Integer trainSize;
    private final Integer testSize;
    private final double validationSplit;
    private final List<Integer> trainSizes;

    private DatasetSpec(Builder b) {
        this.name = b.name;
        this.trainSize = b.trainSize;
        this.trainSizes = b.trainSizes == null ? null : List.copyOf(b.trainSizes);
        this.testSize = b.testSize;
        this.validationSplit = b.validationSplit;
    }

    @JsonCreator
    static DatasetSpec fromJson(@JsonProperty("name") String name, @JsonProperty("trainSize") Integer trainSize,
            @JsonProperty("testSize") Integer testSize, @JsonProperty("validationSplit") Double validationSplit,
            @JsonProperty("trainSizes") List<Integer> trainSizes) {
        Builder b = builder(name).trainSize(trainSize).testSize(testSize).trainSizes(trainSizes);
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
        return builder(name).trainSize(trainSize).testSize(testSize).validationSplit(validationSplit)
                .trainSizes(trainSizes);
    }

    /**
     * The training-set sizes of the data-size axis, smallest first, or {@code null} when the experiment
     * has one size ({@link #trainSize()}).
     *
     * @return the sizes, or null
     */
    @JsonProperty("trainSizes")
    public List<Integer> trainSizes() {
        return trainSizes;
    }

    /**
     * The sizes a grid iterates over: the listed {@link #trainSizes()}, or a one-element list holding
     * {@code null} (meaning "this spec's one size") when there is no data-size axis.
     *
     * @return the sizes, never empty
     */
    public List<Integer> gridSizes() {
        return trainSizes == null ? Collections.singletonList(null) : trainSizes;
    }

    /**
     * The data one trial of the data-size axis loads: this spec with {@code trainSize} set to
     * {@code size} and no {@code trainSizes}.
     *
     * @param size a training-set size, or {@code null} for this spec unchanged
     * @return the spec
     */
    public DatasetSpec forSize(Integer size) {
        if (size == null) {
            return this;
        }
        return builder(name).trainSize(size).testSize(testSize).validationSplit(validationSplit).build();
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
                && validationSplit == d.validationSplit && Objects.equals(trainSizes, d.trainSizes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, trainSize, testSize, validationSplit, trainSizes);
    }

    @Override
    public String toString() {
        return name + "(train=" + (trainSizes != null ? trainSizes.toString() : trainSize == null ? "default" : trainSize)
                + ", test="
                + (testSize == null ? "default" : testSize) + ", validationSplit=" + validationSplit + ")";
    }

    /** Builds a {@link DatasetSpec}; {@link #build()} validates. */
    public static final class Builder {
        private final String name;
        private Integer trainSize;
        private Integer testSize;
        private double validationSplit = 0.2;
        private List<Integer> trainSizes;

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
         * @param sizes training-set sizes of a data-size axis (each ≥ 2, distinct; kept smallest first), or
         *     {@code null} for none; exclusive with {@link #trainSize(Integer)}
         * @return this builder
         */
        public Builder trainSizes(List<Integer> sizes) {
            this.trainSizes = sizes == null ? null : new ArrayList<>(sizes);
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
            if (trainSizes != null) {
                if (trainSize != null) {
                    throw new RegzooException("dataset: give trainSize or trainSizes, not both");
                }
                if (trainSizes.isEmpty()) {
                    throw new RegzooException("dataset.trainSizes must list at least one size");
                }
                for (Integer n : trainSizes) {
                    if (n == null || n < 2) {
                        throw new RegzooException("dataset.trainSizes: every size must be >= 2, got " + n);
                    }
                }
                if (new HashSet<>(trainSizes).size() != trainSizes.size()) {
                    throw new RegzooException("dataset.trainSizes lists a size twice: " + trainSizes);
                }
                Collections.sort(trainSizes);
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
