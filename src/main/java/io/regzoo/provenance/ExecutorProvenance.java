package io.regzoo.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a trial ran when an engine other than this JVM ran it (the Spark engine): the engine, the
 * executor's host and id, and which attempt of its task produced the recorded result. A trial run by
 * the local engine has none. The machine itself is the trial's {@link EnvironmentProvenance}, taken
 * where the trial ran.
 *
 * @param engine the engine, e.g. {@code spark}
 * @param master the cluster it ran on, e.g. {@code spark://127.0.0.1:7077} or {@code local[2]}
 * @param host the executor's host name
 * @param executorId the engine's executor id ({@code driver} in Spark's local mode)
 * @param attempt 0 for the task's first attempt, 1 after one retry, …
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutorProvenance(String engine, String master, String host, String executorId, Integer attempt) {

    /** @return the fields that are set, by name, as text (for tables) */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "engine", engine);
        put(m, "master", master);
        put(m, "host", host);
        put(m, "executorId", executorId);
        put(m, "attempt", attempt);
        return m;
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }
}
