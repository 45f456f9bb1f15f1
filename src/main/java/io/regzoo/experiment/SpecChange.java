package io.regzoo.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regzoo.RegzooException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed between the spec an output folder was started with ({@code spec.json}) and the spec of
 * a run that resumes it. A resume skips the trials already recorded by id, so only changes that leave
 * the meaning of a recorded trial alone are allowed: which seeds, models and variants run (a subset or
 * more of them: {@code seeds}, {@code models}, variants added or left out, the data-size axis
 * {@code dataset.trainSizes}), how many seeds ({@code sequential}), the report's {@code margin}, and the
 * {@code name} and {@code description}. Anything else (the dataset, epochs, batch size, optimizer, early
 * stopping, the settings of a variant both specs have) would mix trials trained one way with trials
 * trained another under the same ids; {@link #check} refuses it, naming every key that differs.
 *
 * <p>Both specs are compared in their resolved form ({@link ExperimentSpec#toJson()} of the parsed
 * file), so a default written out by a newer regzoo is not a change.
 */
final class SpecChange {

    /** Top-level keys whose change does not change a recorded trial. */
    private static final Set<String> FREE = Set.of("name", "description", "seeds", "models", "sequential", "margin");
    /** Keys under {@code dataset} that only choose which trials run. */
    private static final Set<String> FREE_IN_DATASET = Set.of("trainSizes");
    /** How many changes the message lists before it says how many more. */
    private static final int SHOWN = 6;

    private SpecChange() {}

    /**
     * Refuses a resume whose spec changes what a recorded trial means.
     *
     * @param file the folder's {@code spec.json}, for the message
     * @param oldJson its content
     * @param now the spec of this run
     * @throws RegzooException naming each changed key with its old and new value, when such a key changed
     */
    static void check(java.nio.file.Path file, String oldJson, ExperimentSpec now) {
        ExperimentSpec was;
        try {
            was = ExperimentSpec.parse(oldJson, file.toString());
        } catch (RegzooException e) {
            throw new RegzooException(file + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "), so this run cannot check that it continues the same experiment; move the file away to "
                    + "start afresh in this folder, or use another --out", e);
        }
        List<String> changes = changes(was.toTree(), now.toTree());
        if (changes.isEmpty()) {
            return;
        }
        String shown = String.join("; ", changes.subList(0, Math.min(SHOWN, changes.size())))
                + (changes.size() > SHOWN ? "; and " + (changes.size() - SHOWN) + " more" : "");
        throw new RegzooException(file + ": this folder's trials were run with a different spec (" + shown
                + "); resuming would mix them under the same trial ids. Put " + (changes.size() == 1 ? "that value"
                : "those values") + " back, or use another --out for the new spec");
    }

    /**
     * The changes that matter, each as {@code KEY: OLD → NEW} (a missing key is {@code (none)}).
     *
     * @param was the folder's resolved spec
     * @param now this run's resolved spec
     * @return the changes, in key order; empty when the run may resume
     */
    static List<String> changes(ObjectNode was, ObjectNode now) {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        flatten("", strip(was, now), a);
        flatten("", strip(now, was), b);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(keys)) {
            String x = a.getOrDefault(k, "(none)");
            String y = b.getOrDefault(k, "(none)");
            if (!x.equals(y)) {
                out.add(k + ": " + x + " → " + y);
            }
        }
        return out;
    }

    /** A copy of {@code spec} without the free keys and without the variants {@code other} does not have. */
    private static ObjectNode strip(ObjectNode spec, ObjectNode other) {
        ObjectNode s = spec.deepCopy();
        s.remove(FREE);
        if (s.get("dataset") instanceof ObjectNode d) {
            d.remove(FREE_IN_DATASET);
        }
        if (s.get("variants") instanceof ObjectNode v) {
            JsonNode ov = other.get("variants");
            for (Iterator<String> it = v.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (ov == null || !ov.has(name)) {
                    it.remove(); // a variant added or left out only changes which trials run
                }
            }
        }
        return s;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, n.isTextual() ? n.asText() : n.toString());
        }
    }
}
