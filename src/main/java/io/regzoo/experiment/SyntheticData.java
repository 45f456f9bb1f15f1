package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.data.Synthetic;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The synthetic datasets of {@link Synthetic}'s table as a {@link DataSource}: one instance serves
 * every name in {@link Synthetic#names()}. Sizes the spec leaves unset come from the table. The
 * seed draws {@code trainSize + testSize} examples with one {@link Synthetic#generate(int, long)}
 * call; the first {@code trainSize} are the training set, whose last {@code validationSplit} is the
 * validation set, and the rest are the test set. So the harness trains on exactly the data the Java
 * API gives for the same seed and total size.
 */
public final class SyntheticData implements DataSource {

    /** Creates the source (stateless). */
    public SyntheticData() {}

    @Override
    public Splits load(DatasetSpec spec, long seed) {
        Synthetic table = Synthetic.fromName(spec.name());
        int nTrain = spec.trainSize() == null ? table.defaultTrainSize() : spec.trainSize();
        int nTest = spec.testSize() == null ? table.defaultTestSize() : spec.testSize();
        int nVal = (int) Math.round(nTrain * spec.validationSplit());
        if (nTrain - nVal < 1) {
            throw new RegzooException("dataset.validationSplit " + spec.validationSplit() + " leaves no training examples of "
                    + nTrain);
        }
        DataSet all = table.generate(nTrain + nTest, seed).toDataSet();
        DataSet fit = (DataSet) all.getRange(0, nTrain - nVal);
        DataSet val = nVal == 0 ? Splits.empty(all) : (DataSet) all.getRange(nTrain - nVal, nTrain);
        DataSet test = (DataSet) all.getRange(nTrain, nTrain + nTest);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("source", "synthetic:" + table.cliName());
        prov.put(Splits.TASK, table.task().label());
        prov.put("dataSeed", Long.toString(seed));
        prov.put("sizes", "train=" + fit.numExamples() + ", validation=" + val.numExamples() + ", test=" + nTest);
        prov.put("sha256.train", Splits.checksum(fit));
        prov.put("sha256.test", Splits.checksum(test));
        return new Splits(fit, val, test, prov);
    }
}
