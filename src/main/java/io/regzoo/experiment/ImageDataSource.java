package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.data.ArrayDataset;
import io.regzoo.data.DataFetcher;
import io.regzoo.data.DatasetId;
import io.regzoo.data.ExpectedFile;
import io.regzoo.data.Mnist;
import io.regzoo.data.TrainTest;
import io.regzoo.data.TrainValidation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An IDX dataset ({@link DatasetId} entry: MNIST, Fashion-MNIST) as a {@link DataSource}: fetched
 * and verified by the data package (once per source), cut to the spec's {@code trainSize}/{@code testSize}
 * by stratified subsets, with a stratified validation split. Features have the entry's
 * {@link DatasetId#exampleShape()} ({@code [n, 1, 28, 28]} in [0, 1]); the runner reshapes them for
 * networks with flat input. Labels are one-hot over {@link DatasetId#numClasses()}.
 */
public final class ImageDataSource implements DataSource {

    private final DatasetId id;
    private final Supplier<TrainTest> loader;
    private TrainTest loaded;

    private ImageDataSource(DatasetId id, Supplier<TrainTest> loader) {
        this.id = id;
        this.loader = loader;
    }

    /**
     * A source that fetches the dataset through the default providers when first used.
     *
     * @param id the dataset entry
     * @return the source
     */
    public static ImageDataSource of(DatasetId id) {
        return new ImageDataSource(id, () -> Mnist.load(id, DataFetcher.defaults()));
    }

    /**
     * A source over already loaded data (tests, notebooks).
     *
     * @param id which dataset it is (for provenance)
     * @param data the train/test data
     * @return the source
     */
    public static ImageDataSource of(DatasetId id, TrainTest data) {
        return new ImageDataSource(id, () -> data);
    }

    private synchronized TrainTest data() {
        if (loaded == null) {
            loaded = loader.get();
        }
        return loaded;
    }

    @Override
    public Splits load(DatasetSpec spec, long seed) {
        TrainTest all = data();
        ArrayDataset train = cut(all.train(), spec.trainSize(), seed, "dataset.trainSize");
        ArrayDataset test = cut(all.test(), spec.testSize(), seed, "dataset.testSize");
        ArrayDataset fit = train;
        ArrayDataset val = null;
        if (spec.validationSplit() > 0) {
            TrainValidation tv = train.split(spec.validationSplit(), seed);
            fit = tv.train();
            val = tv.validation();
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put(Splits.TASK, "classification");
        prov.put("name", id.cliName());
        prov.put("source", all.source());
        for (ExpectedFile f : id.files()) {
            prov.put("md5." + f.fileName(), f.md5());
        }
        boolean cutOrSplit = train.size() < all.train().size() || test.size() < all.test().size() || val != null;
        prov.put("sizes", "train=" + fit.size() + ", validation=" + (val == null ? 0 : val.size()) + ", test=" + test.size()
                + (cutOrSplit ? " (stratified, seed " + seed + ")" : " (all of it)"));
        DataSet fitData = fit.toDataSet();
        return new Splits(fitData, val == null ? Splits.empty(fitData) : val.toDataSet(), test.toDataSet(), prov);
    }

    private static ArrayDataset cut(ArrayDataset d, Integer size, long seed, String field) {
        if (size == null || size >= d.size()) {
            if (size != null && size > d.size()) {
                throw new RegzooException(field + " " + size + " exceeds the " + d.size() + " examples available");
            }
            return d;
        }
        return d.subset(size, seed);
    }
}
