package io.regzoo.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Regularization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class SearchSpaceTest {

    @Test
    void listsRangesAndSamples() {
        assertEquals(List.of(0.0, 1e-4, 1e-3), Dimension.parseArg("l2=0,1e-4,1e-3", 1).values());
        assertEquals(List.of(1e-5, 1e-4, 1e-3, 1e-2), Dimension.parseArg("l2=log:1e-5:1e-2:4", 1).values());
        assertEquals(List.of(0.0, 0.25, 0.5), Dimension.parseArg("dropoutRate=lin:0:0.5:3", 1).values());
        assertEquals(List.of(Activation.RELU, Activation.ELU), Dimension.parseArg("activation=relu,elu", 1).values());
        List<Object> a = Dimension.parseArg("lr=loguniform:1e-4:1e-1:5", 7).values();
        assertEquals(a, Dimension.parseArg("lr=loguniform:1e-4:1e-1:5", 7).values(), "same seed, same samples");
        assertTrue(!a.equals(Dimension.parseArg("lr=loguniform:1e-4:1e-1:5", 8).values()), "another seed, others");
        for (Object o : a) {
            double v = (Double) o;
            assertTrue(v >= 1e-4 && v < 1e-1, "in range: " + v);
        }
    }

    @Test
    void productLastDimensionFastest() {
        SearchSpace s = new SearchSpace(List.of(Dimension.parseArg("l2=0,1e-3", 1),
                Dimension.parseArg("dropoutRate=0,0.2,0.5", 1)));
        assertEquals(6, s.settings().size());
        assertEquals("l2=0 dropoutRate=0.2", s.settings().get(1).label());
        assertEquals("l2=1e-3 dropoutRate=0", s.settings().get(3).label());
        Regularization r = SearchSpace.regularization(Regularization.none(), s.settings().get(5));
        assertEquals(1e-3, r.l2());
        assertEquals(0.5, r.dropoutRate());
    }

    @Test
    void badSpacesAreOneLineNamingTheField() {
        assertEquals("sweep.space: empty search space; give at least one knob with 2 or more values (e.g. --space "
                + "l2=0,1e-4,1e-3)", assertThrows(RegzooException.class, () -> new SearchSpace(List.of())).getMessage());
        assertTrue(assertThrows(RegzooException.class, () -> new SearchSpace(List.of(Dimension.parseArg("l2=1e-3", 1))))
                .getMessage().startsWith("sweep.space: one-point search space"));
        assertTrue(assertThrows(RegzooException.class, () -> Dimension.parseArg("momentum=1,2", 1)).getMessage()
                .startsWith("sweep.space: unknown knob 'momentum'"));
        assertTrue(assertThrows(RegzooException.class, () -> Dimension.parseArg("l2=log:0:1:3", 1)).getMessage()
                .startsWith("sweep.space.l2: a log range needs FROM > 0"));
        SearchSpace dropout = new SearchSpace(List.of(Dimension.parseArg("dropoutRate=0,0.5", 1)));
        String m = assertThrows(RegzooException.class, () -> dropout.checkFor("linear-regression", Regularization.none()))
                .getMessage();
        assertTrue(m.startsWith("sweep.space.dropoutRate: linear-regression has no place for dropoutRate=0.5"), m);
        dropout.checkFor("mlp-classifier", io.regzoo.regularize.Knob.DROPOUT_BEFORE_OUTPUT
                .applyTo(Regularization.none().toBuilder(), true).build());
    }

    @Test
    void configChecksEtaAndEpochs() {
        SearchSpace s = new SearchSpace(List.of(Dimension.parseArg("l2=0,1e-3", 1)));
        assertEquals("sweep.eta: the reduction factor must be >= 2, got 1", assertThrows(RegzooException.class,
                () -> new SweepConfig(s, "asha", 1, 1, 9, 3, Choice.BEST)).getMessage());
        assertEquals("sweep.minEpochs: 10 is more than sweep.maxEpochs 9", assertThrows(RegzooException.class,
                () -> new SweepConfig(s, "asha", 3, 10, 9, 3, Choice.BEST)).getMessage());
        assertTrue(assertThrows(RegzooException.class, () -> new SweepConfig(s, "hyperband", 3, 1, 9, 3, Choice.BEST))
                .getMessage().startsWith("sweep.scheduler"));
        assertTrue(assertThrows(RegzooException.class, () -> Choice.of("worst")).getMessage().startsWith("sweep.choose"));
    }

    @Test
    void specSectionErrorsNameFieldAndLine() {
        String spec = "name: x\nmodels: [mlp-classifier]\nsweep:\n  scheduler: asha\n  eta: 1\n  space:\n    l2: [0, 1e-3]\n";
        assertEquals("f.yaml: sweep.eta: the reduction factor must be >= 2, got 1 (line 5)",
                assertThrows(RegzooException.class, () -> SweepSection.parse(spec, "f.yaml", 9)).getMessage());
        String bad = "sweep:\n  space:\n    l2: [0, 1e-3]\n    dropoutRate: 'log:0:1:2'\n";
        assertEquals("f.yaml: sweep.space.dropoutRate: a log range needs FROM > 0, got 0.0 (line 4)",
                assertThrows(RegzooException.class, () -> SweepSection.parse(bad, "f.yaml", 9)).getMessage());
        String unknown = "sweep:\n  etta: 3\n";
        assertTrue(assertThrows(RegzooException.class, () -> SweepSection.parse(unknown, "f.yaml", 9)).getMessage()
                .startsWith("f.yaml: sweep.etta: unknown key"));
        String one = "a: 1\nsweep:\n  space: {l2: [1e-3]}\n";
        assertTrue(assertThrows(RegzooException.class, () -> SweepSection.parse(one, "f.yaml", 9)).getMessage()
                .matches("f\\.yaml: sweep\\.space: one-point search space.*\\(line 3\\)"));
        SweepConfig ok = SweepSection.parse(spec.replace("eta: 1", "eta: 3"), "f.yaml", 9);
        assertEquals(9, ok.maxEpochs());
        assertEquals(2, ok.space().size());
        assertEquals("name: x\nmodels: [mlp-classifier]\n\n\n\n\n\n", SweepSection.withoutSection(spec));
    }
}
