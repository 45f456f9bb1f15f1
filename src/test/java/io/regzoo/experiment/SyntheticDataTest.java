package io.regzoo.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.data.ArrayDataset;
import io.regzoo.data.DatasetId;
import io.regzoo.data.Synthetic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The harness trains on the data the Java API (and the README) shows: one generator table. */
class SyntheticDataTest {

    /** Training, validation and test examples, in that order, as one float array per part. */
    private static float[][] concatenated(Splits s) {
        DataSet all = DataSet.merge(List.of(s.train(), s.validation(), s.test()));
        return new float[][] {all.getFeatures().dup('c').data().asFloat(), all.getLabels().dup('c').data().asFloat()};
    }

    /**
     * The README's {@code Synthetic.linear(42)} is bit for bit the 100 points the first document's
     * spec ({@code doc1-linear-l2}: linear, 80 training of which 20% validation, 20 test) uses for seed
     * 42, and likewise for the spec's own seeds.
     */
    @Test
    void readmeLinearIsWhatTheDoc1SpecTrainsOn() {
        ExperimentSpec doc1 = ExperimentSpec.load("doc1-linear-l2");
        DataSource source = DataSources.defaults().get(doc1.dataset().name());
        List<Long> seeds = new java.util.ArrayList<>(doc1.seeds());
        seeds.add(0, 42L);
        for (long seed : seeds) {
            Splits s = source.load(doc1.dataset(), seed);
            assertEquals(64, s.train().numExamples());
            assertEquals(16, s.validation().numExamples());
            assertEquals(20, s.test().numExamples());
            ArrayDataset readme = Synthetic.linear(seed);
            float[][] harness = concatenated(s);
            assertArrayEquals(readme.features(), harness[0], "features, seed " + seed);
            assertArrayEquals(readme.targets(), harness[1], "targets, seed " + seed);
            assertEquals("regression", s.provenance().get(Splits.TASK));
        }
    }

    /** Every synthetic dataset, default sizes: the harness's splits are the table's generate(train + test, seed). */
    @Test
    void everySyntheticSpecTrainsOnTheTablesData() {
        for (Synthetic t : Synthetic.values()) {
            Splits s = new SyntheticData().load(DatasetSpec.builder(t.cliName()).build(), 3);
            DataSet want = t.generate(t.defaultTrainSize() + t.defaultTestSize(), 3).toDataSet();
            float[][] got = concatenated(s);
            assertArrayEquals(want.getFeatures().data().asFloat(), got[0], t.cliName());
            assertArrayEquals(want.getLabels().data().asFloat(), got[1], t.cliName());
            assertEquals(t.defaultTestSize(), s.test().numExamples(), t.cliName());
            assertEquals(t.task() == Synthetic.Task.CLASSIFICATION, s.isClassification(), t.cliName());
        }
    }

    @Test
    void registryIsBuiltFromBothTables() {
        DataSources d = DataSources.defaults();
        for (Synthetic t : Synthetic.values()) {
            assertTrue(d.names().contains(t.cliName()), t.cliName());
        }
        for (DatasetId id : DatasetId.values()) {
            assertTrue(d.names().contains(id.cliName()), id.cliName());
            assertTrue(DataSources.FROM_DATA_PACKAGE.contains(id.cliName()), id.cliName());
        }
        assertEquals(Synthetic.values().length + DatasetId.values().length, d.names().size());
        RegzooException e = assertThrows(RegzooException.class,
                () -> new SyntheticData().load(DatasetSpec.builder("mnist").build(), 1));
        assertTrue(e.getMessage().startsWith("dataset 'mnist' is not synthetic"), e.getMessage());
        Splits noValidation = new SyntheticData().load(DatasetSpec.builder("linear").validationSplit(0).build(), 1);
        assertEquals(80, noValidation.train().numExamples());
        assertEquals(0, noValidation.validation().numExamples());
        assertArrayEquals(new long[] {0, 1}, noValidation.validation().getFeatures().shape());
    }
}
