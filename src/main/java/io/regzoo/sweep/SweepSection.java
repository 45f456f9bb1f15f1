package io.regzoo.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.regzoo.RegzooException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code sweep:} section of a spec file into a {@link SweepConfig}; the rest of the file
 * is an ordinary experiment spec ({@link #withoutSection(String)} hands it on with its line numbers
 * kept). Keys, with their defaults:
 *
 * <pre>
 * sweep:
 *   scheduler: asha        # or grid
 *   eta: 3                 # reduction factor, >= 2
 *   minEpochs: 1           # bottom rung
 *   maxEpochs: 27          # top rung and refit (default: the spec's epochs)
 *   folds: 3               # stratified for classifiers
 *   choose: best           # or 1se
 *   sampleSeed: 1          # seed of loguniform samples
 *   space:                 # one entry per knob: a list, or "lin:FROM:TO:N", "log:FROM:TO:N", "loguniform:FROM:TO:N"
 *     l2: [0, 1.0e-4, 1.0e-3]
 *     dropoutRate: lin:0:0.5:3
 * </pre>
 *
 * Errors are one line naming the field and its line, like the spec's: {@code FILE: sweep.eta: the
 * reduction factor must be >= 2, got 1 (line 12)}.
 */
public final class SweepSection {

    /** The keys of the {@code sweep:} section. */
    public static final Set<String> KEYS = Set.of("scheduler", "eta", "minEpochs", "maxEpochs", "folds", "choose",
            "sampleSeed", "space");
    private static final YAMLMapper YAML = new YAMLMapper();

    private SweepSection() {}

    /**
     * Whether a spec text has a top-level {@code sweep:} section.
     *
     * @param text the spec file's text
     * @return true when it does
     */
    public static boolean present(String text) {
        return Pattern.compile("(?m)^sweep\\s*:").matcher(text).find();
    }

    /**
     * The spec text with the {@code sweep:} section's lines blanked (so that the experiment spec's
     * errors keep their line numbers).
     *
     * @param text the spec file's text
     * @return the text without the section
     */
    public static String withoutSection(String text) {
        String[] lines = text.split("\\R", -1);
        boolean in = false;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.matches("^sweep\\s*:.*")) {
                in = true;
            } else if (in && !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")) {
                in = false;
            }
            sb.append(in ? "" : l);
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Reads the section.
     *
     * @param text the spec file's text
     * @param source the file's name, for messages
     * @param defaultMaxEpochs the spec's epochs (the default of {@code maxEpochs})
     * @return the sweep's settings
     * @throws RegzooException one line naming the file, the field and its line
     */
    public static SweepConfig parse(String text, String source, int defaultMaxEpochs) {
        String[] lines = text.split("\\R", -1);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RegzooException(source + ": bad YAML/JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        JsonNode s = root == null ? null : root.get("sweep");
        if (s == null || !s.isObject()) {
            throw new RegzooException(source + ": sweep: a sweep spec needs a 'sweep:' mapping with keys "
                    + new TreeSet<>(KEYS) + line(lines, List.of("sweep")));
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new RegzooException(source + ": sweep." + k + ": unknown key; known: "
                        + String.join(", ", new TreeSet<>(KEYS)) + line(lines, List.of("sweep", k)));
            }
        }
        String at = "sweep";
        try {
            at = "sampleSeed";
            long seed = integer(s, "sampleSeed", 1);
            at = "space";
            JsonNode sp = s.get("space");
            List<Dimension> dims = new ArrayList<>();
            if (sp != null && !sp.isObject()) {
                throw new RegzooException("sweep.space: must be a mapping of knob to values");
            }
            if (sp != null) {
                for (Iterator<String> it = sp.fieldNames(); it.hasNext();) {
                    String k = it.next();
                    at = "space." + k;
                    JsonNode v = sp.get(k);
                    if (v.isArray()) {
                        List<String> raw = new ArrayList<>();
                        v.forEach(n -> raw.add(n.asText()));
                        dims.add(Dimension.ofList(k, raw));
                    } else {
                        dims.add(Dimension.parse(k, v.asText(), seed));
                    }
                }
            }
            at = "space";
            SearchSpace space = new SearchSpace(dims);
            at = "scheduler";
            String scheduler = s.hasNonNull("scheduler") ? s.get("scheduler").asText() : "asha";
            at = "eta";
            int eta = (int) integer(s, "eta", 3);
            at = "minEpochs";
            int min = (int) integer(s, "minEpochs", 1);
            at = "maxEpochs";
            int max = (int) integer(s, "maxEpochs", defaultMaxEpochs);
            at = "folds";
            int folds = (int) integer(s, "folds", 3);
            at = "choose";
            Choice choose = s.hasNonNull("choose") ? Choice.of(s.get("choose").asText()) : Choice.BEST;
            at = null;
            return new SweepConfig(space, scheduler, eta, min, max, folds, choose);
        } catch (RegzooException e) {
            String field = e.getMessage().startsWith("sweep.") ? e.getMessage().substring(6, e.getMessage().indexOf(':'))
                    : at == null ? "sweep" : at;
            List<String> path = new ArrayList<>();
            path.add("sweep");
            path.addAll(List.of(field.split("\\.")));
            String msg = e.getMessage().startsWith("sweep") ? e.getMessage() : "sweep." + field + ": " + e.getMessage();
            throw new RegzooException(source + ": " + msg + line(lines, path), e);
        }
    }

    private static long integer(JsonNode s, String key, long dflt) {
        JsonNode n = s.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new RegzooException("sweep." + key + ": must be a whole number, got '" + n.asText() + "'");
        }
        return n.asLong();
    }

    /** {@code " (line N)"} for the last key of the path, searching each key after the previous one's line. */
    private static String line(String[] lines, List<String> path) {
        int from = 0;
        int found = -1;
        for (String key : path) {
            Pattern p = Pattern.compile("(^|[\\s{,])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
            for (int i = from; i < lines.length; i++) {
                if (p.matcher(lines[i].replaceFirst("#.*$", "")).find()) {
                    found = i;
                    from = i;
                    break;
                }
            }
        }
        return found < 0 ? "" : " (line " + (found + 1) + ")";
    }
}
