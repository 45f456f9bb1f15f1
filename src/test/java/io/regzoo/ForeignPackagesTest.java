package io.regzoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * regzoo's jar holds classes in {@code io.regzoo} only, except the one bridge whose package
 * documentation ({@code org/nd4j/nativeblas/package-info.java}) says why DL4J needs it under ND4J's name.
 */
class ForeignPackagesTest {

    @Test
    void theOnlyClassesOutsideIoRegzooAreTheDocumentedBridge() throws IOException, java.net.URISyntaxException {
        Path classes = Path.of(RegzooException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> foreign;
        try (Stream<Path> all = Files.walk(classes)) {
            foreign = all.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("io/regzoo/"))
                    .sorted().toList();
        }
        assertEquals(List.of("org/nd4j/nativeblas/Nd4jCpu$Environment.class", "org/nd4j/nativeblas/Nd4jCpu.class",
                "org/nd4j/nativeblas/package-info.class"), foreign);
    }
}
