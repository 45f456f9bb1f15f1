package io.regzoo.train;

import io.regzoo.provenance.EnvironmentProvenance;
import io.regzoo.zoo.LayerHelpers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The environment part of a trial's provenance ({@link EnvironmentProvenance}): DL4J, Java, OS,
 * CPU and ND4J backend. Computed once per JVM.
 */
public final class Provenance {

    /** The DL4J version regzoo is built on (used when the jar manifest does not say). */
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    private static EnvironmentProvenance env;

    private Provenance() {}

    /**
     * The environment of this JVM: DL4J, Java, OS, CPU, cores, ND4J backend, ND4J's native threads
     * (e.g. from {@code OMP_NUM_THREADS}) and what runs the layers ({@link LayerHelpers#summary()}).
     *
     * @return the environment
     */
    public static synchronized EnvironmentProvenance environment() {
        if (env == null) {
            String v = MultiLayerNetwork.class.getPackage().getImplementationVersion();
            env = new EnvironmentProvenance(v == null ? DL4J_VERSION : v,
                    System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    cpuModel(), Runtime.getRuntime().availableProcessors(), Nd4j.getBackend().getClass().getSimpleName(),
                    Nd4j.getEnvironment().maxMasterThreads(), LayerHelpers.summary());
        }
        return env;
    }

    private static String cpuModel() {
        Path p = Path.of("/proc/cpuinfo");
        if (Files.isReadable(p)) {
            try {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (String l : lines) {
                    if (l.startsWith("model name")) {
                        return l.substring(l.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                return System.getProperty("os.arch") + " (/proc/cpuinfo unreadable: " + e.getMessage() + ")";
            }
        }
        return System.getProperty("os.arch");
    }
}
