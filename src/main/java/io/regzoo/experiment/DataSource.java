package io.regzoo.experiment;

/**
 * Loads a dataset by spec: the seam through which the data package's datasets (the
 * {@link io.regzoo.data.Synthetic} table: {@link SyntheticData}; the {@link io.regzoo.data.DatasetId}
 * entries: {@link ImageDataSource}) plug into the harness, registered by name in {@link DataSources}.
 * Implementations must be deterministic in {@code seed}.
 */
@FunctionalInterface
public interface DataSource {

    /**
     * Loads and splits the data.
     *
     * @param spec the dataset spec (name, sizes, validation split)
     * @param seed the seed for sampling and splitting
     * @return the three splits with provenance
     * @throws io.regzoo.RegzooException when the data cannot be loaded (missing file, bad size)
     */
    Splits load(DatasetSpec spec, long seed);
}
