package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.regzoo.zoo.LayerHelpers;
import org.junit.jupiter.api.Test;

/** The command line switches DL4J's oneDNN layer helpers on explicitly (the library leaves them alone). */
class MainLayerHelpersTest {

    @Test
    void theCommandLineSwitchesTheHelpersOnUnlessTheUserSetTheProperty() {
        String before = System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
        try {
            Main.commandLine();
            assertEquals("false", System.getProperty(LayerHelpers.DISABLE_PROPERTY), "on by default");
            System.setProperty(LayerHelpers.DISABLE_PROPERTY, "true");
            Main.commandLine();
            assertEquals("true", System.getProperty(LayerHelpers.DISABLE_PROPERTY), "-D...helpers.disable=true wins");
        } finally {
            if (before == null) {
                System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
            } else {
                System.setProperty(LayerHelpers.DISABLE_PROPERTY, before);
            }
        }
    }
}
