package io.regzoo.experiment;

import io.regzoo.RegzooException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of dataset name → {@link DataSource}. Immutable: {@link #with(String, DataSource)}
 * returns an extended copy. {@link #defaults()} holds the synthetic datasets; the data package
 * plugs in MNIST and Fashion-MNIST with
 * {@code DataSources.defaults().with("mnist", mnistSource).with("fashion-mnist", fashionSource)}.
 */
public final class DataSources {

    /** Datasets that come from the data package once it is wired in. */
    public static final Set<String> FROM_DATA_PACKAGE = Set.of("mnist", "fashion-mnist");

    private final Map<String, DataSource> sources;

    private DataSources(Map<String, DataSource> sources) {
        this.sources = Collections.unmodifiableMap(sources);
    }

    /**
     * The synthetic datasets ({@link SyntheticData#NAMES}) plus {@code mnist} and
     * {@code fashion-mnist} (fetched and verified through the data package when first used).
     *
     * @return the registry
     */
    public static DataSources defaults() {
        Map<String, DataSource> m = new LinkedHashMap<>();
        SyntheticData s = new SyntheticData();
        for (String n : SyntheticData.NAMES) {
            m.put(n, s);
        }
        m.put("mnist", ImageDataSource.of(io.regzoo.data.DatasetId.MNIST));
        m.put("fashion-mnist", ImageDataSource.of(io.regzoo.data.DatasetId.FASHION_MNIST));
        return new DataSources(m);
    }

    /**
     * This registry plus (or with a replaced) source.
     *
     * @param name the dataset name
     * @param source the source
     * @return a new registry
     */
    public DataSources with(String name, DataSource source) {
        Map<String, DataSource> m = new LinkedHashMap<>(sources);
        m.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(source, "source"));
        return new DataSources(m);
    }

    /** @return the registered dataset names, in order */
    public Set<String> names() {
        return sources.keySet();
    }

    /**
     * The source for a dataset.
     *
     * @param name the dataset name
     * @return its source
     * @throws RegzooException when the dataset is not registered (naming the data package for
     *     MNIST and Fashion-MNIST)
     */
    public DataSource get(String name) {
        DataSource s = sources.get(name);
        if (s != null) {
            return s;
        }
        if (FROM_DATA_PACKAGE.contains(name)) {
            throw new RegzooException("dataset '" + name + "' is not registered here (available: "
                    + String.join(", ", sources.keySet()) + ")");
        }
        Set<String> known = new TreeSet<>(sources.keySet());
        known.addAll(FROM_DATA_PACKAGE);
        throw new RegzooException("unknown dataset '" + name + "'; known: " + String.join(", ", known));
    }

    /**
     * Whether a dataset name is known at all (registered or expected from the data package).
     *
     * @param name the dataset name
     * @return true when known
     */
    public boolean isKnown(String name) {
        return sources.containsKey(name) || FROM_DATA_PACKAGE.contains(name);
    }
}
