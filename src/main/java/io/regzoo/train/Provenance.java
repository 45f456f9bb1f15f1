package io.regzoo.train;

import io.regzoo.zoo.LayerHelpers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The environment part of a trial's provenance: DL4J, Java, OS, CPU and ND4J backend. Computed
 * once per JVM.
 */
public final class Provenance {

    /** The DL4J version regzoo is built on (used when the jar manifest does not say). */
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    private static Map<String, String> env;

    private Provenance() {}

    /**
     * The environment: keys {@code dl4j}, {@code java}, {@code os}, {@code cpu}, {@code cores},
     * {@code backend}, {@code threads} (ND4J's native threads, e.g. from {@code OMP_NUM_THREADS}),
     * {@code layerHelpers} ({@link LayerHelpers#describe()}).
     *
     * @return an unmodifiable map
     */
    public static synchronized Map<String, String> environment() {
        if (env == null) {
            Map<String, String> m = new LinkedHashMap<>();
            String v = MultiLayerNetwork.class.getPackage().getImplementationVersion();
            m.put("dl4j", v == null ? DL4J_VERSION : v);
            m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            m.put("cpu", cpuModel());
            m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
            m.put("backend", Nd4j.getBackend().getClass().getSimpleName());
            m.put("threads", Integer.toString(Nd4j.getEnvironment().maxMasterThreads()));
            m.put("layerHelpers", LayerHelpers.describe());
            env = Map.copyOf(m);
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
