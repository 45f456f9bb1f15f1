package io.regzoo.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a model was trained on. Fields an older record did not have are {@code null}.
 *
 * @param dl4j DL4J version
 * @param java Java version and vendor
 * @param os operating system name, version and architecture
 * @param cpu CPU model
 * @param cores available processors
 * @param backend ND4J backend class
 * @param threads ND4J's native threads (e.g. from {@code OMP_NUM_THREADS})
 * @param layerHelpers what ran the layers: regzoo's oneDNN convolution/pooling layers and DL4J's layer
 *     helpers, each on or off ({@code io.regzoo.zoo.LayerHelpers#summary()})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentProvenance(String dl4j, String java, String os, String cpu, Integer cores, String backend,
        Integer threads, String layerHelpers) {

    /** The names of the fields, in order: the keys of {@link #asMap()}. */
    public static final List<String> KEYS = List.of("dl4j", "java", "os", "cpu", "cores", "backend",
            "threads", "layerHelpers");

    /**
     * Reads the flat form ({@link #asMap()}; also the keys older trial files kept among others).
     *
     * @param m values by field name; other keys are ignored
     * @return the environment
     * @throws NumberFormatException when {@code cores} or {@code threads} is not a number
     */
    public static EnvironmentProvenance of(Map<String, String> m) {
        return new EnvironmentProvenance(m.get("dl4j"), m.get("java"), m.get("os"), m.get("cpu"), intOrNull(m.get("cores")),
                m.get("backend"), intOrNull(m.get("threads")), m.get("layerHelpers"));
    }

    private static Integer intOrNull(String s) {
        return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
    }

    /** @return the fields that are set, by name, as text (for tables) */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "dl4j", dl4j);
        put(m, "java", java);
        put(m, "os", os);
        put(m, "cpu", cpu);
        put(m, "cores", cores);
        put(m, "backend", backend);
        put(m, "threads", threads);
        put(m, "layerHelpers", layerHelpers);
        return m;
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }
}
