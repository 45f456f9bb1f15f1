package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.data.DatasetId;
import io.regzoo.data.Synthetic;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The registry of dataset name → {@link DataSource}. Immutable: {@link #with(String, DataSource)}
 * returns an extended (or overriding) copy, e.g. tests put the shipped MNIST sample in place of the
 * full data with {@code DataSources.defaults().with("mnist", ImageDataSource.of(DatasetId.MNIST, sample))}.
 *
 * <p>{@link #defaults()} is built from the two tables of the data package: every
 * {@link Synthetic} entry (generated in memory) and every {@link DatasetId} entry (fetched and
 * verified when first used), so a dataset added there is known here without an edit.
 */
public final class DataSources {

    /**
     * The names of the datasets read from files ({@link DatasetId} entries: {@code mnist},
     * {@code fashion-mnist}), as opposed to the synthetic ones generated in memory.
     */
    public static final Set<String> FROM_DATA_PACKAGE = Collections.unmodifiableSet(Arrays.stream(DatasetId.values())
            .map(DatasetId::cliName).collect(Collectors.<String, Set<String>>toCollection(java.util.LinkedHashSet::new)));

    private final Map<String, DataSource> sources;

    private DataSources(Map<String, DataSource> sources) {
        this.sources = Collections.unmodifiableMap(sources);
    }

    /**
     * The synthetic datasets ({@link Synthetic#names()}: {@code linear}, {@code regression10},
     * {@code sparse20}, {@code blobs}) plus the IDX datasets ({@link DatasetId}: {@code mnist},
     * {@code fashion-mnist}, fetched and verified through the data package when first used).
     *
     * @return the registry
     */
    public static DataSources defaults() {
        Map<String, DataSource> m = new LinkedHashMap<>();
        SyntheticData s = new SyntheticData();
        for (String n : Synthetic.names()) {
            m.put(n, s);
        }
        for (DatasetId id : DatasetId.values()) {
            m.put(id.cliName(), ImageDataSource.of(id));
        }
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
     * @throws RegzooException when the dataset is not registered (listing the registered names, or
     *     all known names for a name that is not known at all)
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
     * Whether a dataset name is known at all (registered, or an IDX dataset of the data package).
     *
     * @param name the dataset name
     * @return true when known
     */
    public boolean isKnown(String name) {
        return sources.containsKey(name) || FROM_DATA_PACKAGE.contains(name);
    }
}
