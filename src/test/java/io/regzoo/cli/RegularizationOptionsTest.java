package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.MlpClassifier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options generated from the knob table parse into the regularization they name. */
class RegularizationOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        RegularizationOptions options;
    }

    private static RegularizationOptions parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.options;
    }

    @Test
    void optionsBuildTheSpecFromNothing() {
        RegularizationOptions o = parse("--l1", "1e-5", "--weight-decay", "5e-4", "--weight-decay-apply-lr=false",
                "--dropout-rate", "0.25", "--dropout-before-output", "--batch-norm", "--batch-norm-momentum", "0.99",
                "--clip-value", "2");
        assertTrue(o.any());
        assertEquals(Regularization.builder().l1(1e-5).weightDecay(5e-4, false).dropoutRate(0.25).dropoutBeforeOutput(true)
                .batchNorm(true).batchNormMomentum(0.99).clipValue(2.0).build(), o.toRegularization(Regularization.none()));
        assertEquals(Regularization.builder().l2(0.01).build(),
                parse("--l2", "0.01").toRegularization(MlpClassifier.DOCUMENT_REGULARIZATION),
                "options replace the model's default rather than add to it");
    }

    @Test
    void withoutOptionsTheFallbackIsKept() {
        RegularizationOptions o = parse();
        assertFalse(o.any());
        assertEquals(MlpClassifier.DOCUMENT_REGULARIZATION, o.toRegularization(MlpClassifier.DOCUMENT_REGULARIZATION));
    }

    @Test
    void badValuesNameTheField() {
        RegzooException e = assertThrows(RegzooException.class,
                () -> parse("--clip-norm", "1", "--clip-value", "1").toRegularization(Regularization.none()));
        assertEquals("clipValue and clipNorm: choose at most one gradient clipping, got both", e.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--batch-norm=maybe"));
    }
}
