package io.regzoo.experiment;

/**
 * Loads a dataset by spec: the seam through which the data package (MNIST, Fashion-MNIST) plugs
 * into the harness. Implementations must be deterministic in {@code seed}.
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
