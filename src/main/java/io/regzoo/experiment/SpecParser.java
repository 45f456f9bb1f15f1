package io.regzoo.experiment;

import static io.regzoo.experiment.SpecKeys.DATASET;
import static io.regzoo.experiment.SpecKeys.EARLY_STOPPING;
import static io.regzoo.experiment.SpecKeys.MARGIN;
import static io.regzoo.experiment.SpecKeys.OPTIMIZER;
import static io.regzoo.experiment.SpecKeys.SCHEDULE;
import static io.regzoo.experiment.SpecKeys.SEEDS;
import static io.regzoo.experiment.SpecKeys.TOP;
import static io.regzoo.experiment.SpecKeys.VARIANT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import io.regzoo.train.EarlyStopping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.nd4j.linalg.activations.Activation;

/**
 * Reads an {@link ExperimentSpec} from YAML or JSON (YAML is a superset). A variant's keys are the
 * {@link Knob} table's plus {@code optimizer}, {@code activation} and {@code earlyStopping}. Every
 * error is one line naming the source, the field path and the line: SnakeYAML's position for syntax
 * errors, else the line where the key appears.
 *
 * <p>The keys each mapping accepts are in one place, {@link SpecKeys} (section → sorted keys): the
 * parser checks every mapping against it before reading it, and an unknown key's message lists the
 * section's keys from it.
 */
final class SpecParser {

    /** The keys a variant accepts besides the {@link Knob} table's. */
    private static final List<String> VARIANT_EXTRA = SpecKeys.VARIANT_EXTRA;

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The {@link SpecKeys} section of each type read by Jackson, for the message when a value is not a mapping. */
    private static final Map<Class<?>, String> SECTION_OF = Map.of(DatasetSpec.class, DATASET, Optimizer.class, OPTIMIZER,
            EarlyStopping.class, EARLY_STOPPING, Regularization.class, VARIANT);

    private final String text;
    private final String source;
    private final String[] lines;

    SpecParser(String text, String source) {
        this.text = text;
        this.source = source;
        this.lines = text.split("\\R", -1);
    }

    ExperimentSpec parse() {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RegzooException(syntaxError(source, lines, e), e);
        }
        if (root == null || !root.isObject()) {
            throw new RegzooException(source + ": a spec must be a mapping with keys " + String.join(", ", SpecKeys.of(TOP)));
        }
        checkKeys(root, TOP, List.of());
        String name = root.hasNonNull("name") ? root.get("name").asText() : null;
        ExperimentSpec.Builder b = ExperimentSpec.builder(name);
        if (root.has("dataset")) {
            checkKeys(root.get("dataset"), DATASET, List.of("dataset"));
            b.dataset(read(root.get("dataset"), DatasetSpec.class, List.of("dataset")));
        }
        if (root.has("models")) {
            JsonNode ms = root.get("models");
            if (!ms.isArray()) {
                throw fail(List.of("models"), "must be a list of zoo names");
            }
            List<String> names = new ArrayList<>();
            ms.forEach(n -> names.add(n.asText()));
            b.models(names);
        }
        if (root.has("variants")) {
            JsonNode vs = root.get("variants");
            if (!vs.isObject()) {
                throw fail(List.of("variants"), "must be a mapping of variant name to settings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = vs.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                b.variant(e.getKey(), variant(e.getKey(), e.getValue()));
            }
        }
        if (root.has("seeds")) {
            JsonNode ss = root.get("seeds");
            List<Long> seeds = new ArrayList<>();
            if (ss.isArray()) {
                for (JsonNode s : ss) {
                    if (!s.canConvertToLong() || !s.isIntegralNumber()) {
                        throw fail(List.of("seeds"), "seeds must be integers, got " + s);
                    }
                    seeds.add(s.asLong());
                }
            } else if (ss.isIntegralNumber()) {
                seeds.add(ss.asLong());
            } else if (ss.isObject()) {
                b.autoSeeds(autoSeeds(ss));
            } else {
                throw fail(List.of("seeds"), "must be a list of integers, or {auto: true, min: 3, max: 20, "
                        + "timeBudget: 30m}");
            }
            if (!ss.isObject()) {
                b.seeds(seeds);
            }
        }
        if (root.has("epochs")) {
            b.epochs(integer(root.get("epochs"), "epochs"));
        }
        if (root.has("batchSize")) {
            b.batchSize(integer(root.get("batchSize"), "batchSize"));
        }
        if (root.hasNonNull("optimizer")) {
            b.optimizer(optimizer(root.get("optimizer"), List.of("optimizer")));
        }
        if (root.hasNonNull("earlyStopping")) {
            checkKeys(root.get("earlyStopping"), EARLY_STOPPING, List.of("earlyStopping"));
            b.earlyStopping(read(root.get("earlyStopping"), EarlyStopping.class, List.of("earlyStopping")));
        }
        if (root.hasNonNull("margin")) {
            b.margin(margin(root.get("margin")));
        }
        try {
            return b.build();
        } catch (RegzooException e) {
            String msg = e.getMessage();
            String field = msg.split("[ .:]", 2)[0];
            List<String> path = new ArrayList<>();
            if (msg.startsWith("variants.")) {
                path.add("variants");
                path.add(msg.substring("variants.".length()).split(" ", 2)[0]);
            } else if (SpecKeys.of(TOP).contains(field) && root.has(field)) { // a missing key has no line
                path.add(field);
            }
            throw new RegzooException(source + ": " + msg + lineSuffix(path), e);
        }
    }

    private Variant variant(String name, JsonNode node) {
        List<String> path = List.of("variants", name);
        if (node == null || node.isNull()) {
            return Variant.of(Regularization.none());
        }
        if (!node.isObject()) {
            throw fail(path, "a variant must be a mapping of regularization keys (e.g. {l2: 1.0e-4})");
        }
        checkKeys(node, VARIANT, path);
        checkKnobTypes(node, path);
        ObjectNode reg = ((ObjectNode) node).deepCopy();
        reg.remove(VARIANT_EXTRA);
        Variant.Builder v = Variant.builder().regularization(read(reg, Regularization.class, path));
        if (node.hasNonNull("optimizer")) {
            v.optimizer(optimizer(node.get("optimizer"), List.of("variants", name, "optimizer")));
        }
        if (node.hasNonNull("activation")) {
            String a = node.get("activation").asText();
            try {
                v.activation(Activation.valueOf(a.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw fail(List.of("variants", name, "activation"), "unknown activation '" + a + "' (e.g. relu, elu, tanh)");
            }
        }
        if (node.hasNonNull("earlyStopping")) {
            checkKeys(node.get("earlyStopping"), EARLY_STOPPING, List.of("variants", name, "earlyStopping"));
            v.earlyStopping(read(node.get("earlyStopping"), EarlyStopping.class, List.of("variants", name, "earlyStopping")));
        }
        return v.build();
    }

    /** {@code margin: 0.003} (the primary metric's margin) or {@code margin: {accuracy: 0.003, loss: 0.01}}. */
    private Map<String, Double> margin(JsonNode n) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        if (n.isNumber()) {
            m.put(ExperimentSpec.MARGIN_PRIMARY, n.asDouble());
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!SpecKeys.of(MARGIN).contains(e.getKey())) {
                    // the path stops at margin: "margin: unknown key 'size'", as the builder says it
                    throw fail(List.of("margin"), unknownKey(e.getKey(), MARGIN));
                }
                if (!e.getValue().isNumber()) {
                    throw fail(List.of("margin", e.getKey()), "must be a number, got " + e.getValue());
                }
                m.put(e.getKey(), e.getValue().asDouble());
            }
        } else {
            throw fail(List.of("margin"), "must be a number (the primary metric's margin, e.g. 0.003 = 0.3 pp of "
                    + "accuracy) or a mapping {accuracy: 0.003, loss: 0.01}");
        }
        return m;
    }

    /** {@code seeds: {auto: true, min: 3, max: 20, timeBudget: 30m}}: every key but {@code auto} optional. */
    private SequentialSeeds autoSeeds(JsonNode n) {
        checkKeys(n, SEEDS, List.of("seeds"));
        JsonNode auto = n.get("auto");
        if (auto == null || !auto.isBoolean() || !auto.asBoolean()) {
            throw fail(auto == null ? List.of("seeds") : List.of("seeds", "auto"), "a mapping of seeds needs auto: true "
                    + "(seeds until the answer is clear); for fixed seeds give a list, e.g. [1, 2, 3]");
        }
        SequentialSeeds d = SequentialSeeds.DEFAULTS;
        int min = n.has("min") ? integer(n.get("min"), List.of("seeds", "min")) : d.minSeeds();
        int max = n.has("max") ? integer(n.get("max"), List.of("seeds", "max")) : Math.max(d.maxSeeds(), min);
        java.time.Duration budget = null;
        if (n.hasNonNull("timeBudget")) {
            JsonNode t = n.get("timeBudget");
            try {
                budget = SequentialSeeds.parseDuration(t.asText());
            } catch (IllegalArgumentException e) {
                throw fail(List.of("seeds", "timeBudget"), e.getMessage());
            }
        }
        try {
            return new SequentialSeeds(min, max, budget);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw fail(List.of("seeds", msg.startsWith("max") ? "max" : msg.startsWith("min") ? "min" : "timeBudget"),
                    msg);
        }
    }

    /** An optimizer mapping: its keys and its schedule's keys checked, then read. */
    private Optimizer optimizer(JsonNode n, List<String> path) {
        checkKeys(n, OPTIMIZER, path);
        if (n.hasNonNull("schedule")) {
            List<String> p = new ArrayList<>(path);
            p.add("schedule");
            checkKeys(n.get("schedule"), SCHEDULE, p);
        }
        return read(n, Optimizer.class, path);
    }

    /**
     * Checks a mapping's keys against its section's list; a value that is not a mapping is left to
     * the reader's message.
     *
     * @throws RegzooException at the first unknown key, listing the section's keys sorted
     */
    private void checkKeys(JsonNode n, String section, List<String> path) {
        if (n == null || !n.isObject()) {
            return;
        }
        List<String> known = SpecKeys.of(section);
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                List<String> p = new ArrayList<>(path);
                p.add(k);
                throw fail(p, unknownKey(k, section));
            }
        }
    }

    private static String unknownKey(String key, String section) {
        return "unknown key '" + key + "'; known: " + String.join(", ", SpecKeys.of(section));
    }

    /**
     * A YAML or JSON syntax error in one line: SnakeYAML's problem and context (its message is
     * several lines with a caret under the text), the key of the line the context starts on, and
     * the line and column of the problem.
     *
     * @param source the file, for the message
     * @param lines the text's lines
     * @param e Jackson's exception
     * @return e.g. {@code s.yaml: models: bad YAML/JSON: expected ',' or ']', but got ':' (while parsing
     *     a flow sequence from line 2) (line 3, column 9)}
     */
    static String syntaxError(String source, String[] lines, JsonProcessingException e) {
        org.yaml.snakeyaml.error.MarkedYAMLException marked = null;
        for (Throwable c = e; c != null && marked == null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
                marked = m;
            }
        }
        String what;
        int line;
        int column;
        String near = null;
        if (marked != null && marked.getProblemMark() != null) {
            what = marked.getProblem() == null ? "" : marked.getProblem().strip();
            line = marked.getProblemMark().getLine() + 1;
            column = marked.getProblemMark().getColumn() + 1;
            if (marked.getContext() != null && !marked.getContext().isBlank()) {
                int from = marked.getContextMark() == null ? line : marked.getContextMark().getLine() + 1;
                what += " (" + marked.getContext().strip() + (from != line ? " from line " + from : "") + ")";
                // a flow collection or a quoted scalar belongs to the key it starts at; a block mapping's
                // start (often line 1) says nothing, the line of the problem does
                near = marked.getContext().contains("block") ? null : keyOfLine(lines, from);
            }
            if (near == null) {
                near = keyOfLine(lines, line);
            }
        } else {
            what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        }
        what = what.replaceAll("\\s*\\R\\s*", " ");
        return source + ": " + (near == null ? "" : near + ": ") + "bad YAML/JSON: " + what
                + (line < 1 ? "" : " (line " + line + (column < 1 ? "" : ", column " + column) + ")");
    }

    /** The key a line starts with ({@code  models: [...]} → {@code models}), or null. */
    private static String keyOfLine(String[] lines, int oneBased) {
        if (oneBased < 1 || oneBased > lines.length) {
            return null;
        }
        java.util.regex.Matcher m = Pattern.compile("^\\s*(?:-\\s*)?[\"']?([A-Za-z0-9_.-]+)[\"']?\\s*:").matcher(lines[oneBased - 1]);
        return m.find() ? m.group(1) : null;
    }

    private int integer(JsonNode n, List<String> path) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw fail(path, "must be an integer, got " + n);
        }
        return n.asInt();
    }

    private int integer(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw fail(List.of(field), "must be an integer, got " + n);
        }
        return n.asInt();
    }

    private <T> T read(JsonNode node, Class<T> type, List<String> path) {
        String section = SECTION_OF.get(type);
        if (node == null || !node.isObject()) {
            throw fail(path, "must be a mapping" + (section == null ? "" : " with the keys " + String.join(", ",
                    SpecKeys.of(section))) + ", got " + node);
        }
        try {
            return SpecJson.mapper().treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getPropertyName());
            List<String> known = new ArrayList<>();
            e.getKnownPropertyIds().forEach(o -> known.add(String.valueOf(o)));
            Collections.sort(known);
            throw fail(p, "unknown key '" + e.getPropertyName() + "'; known: " + String.join(", ", known));
        } catch (MismatchedInputException e) {
            if (e.getTargetType() == null || e.getPath().isEmpty()) {
                throw fail(path, rootMessage(e));
            }
            // a value of the wrong type: name the key and say what it must be, not Jackson's Java types
            List<String> p = new ArrayList<>(path);
            JsonNode value = node;
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() != null) {
                    p.add(r.getFieldName());
                    value = value.path(r.getFieldName());
                }
            }
            throw fail(p, mustBe(e.getTargetType()) + ", got " + value);
        } catch (JsonProcessingException e) {
            throw fail(path, rootMessage(e));
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
    }

    /** The message of the exception at the root of Jackson's chain when it is regzoo's own check, else Jackson's. */
    private static String rootMessage(JsonProcessingException e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c instanceof IllegalArgumentException || c instanceof RegzooException ? c.getMessage()
                : e.getOriginalMessage();
    }

    /** What a value of this Java type is in a spec, e.g. {@code must be one of sgd, momentum, adam}. */
    private static String mustBe(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            return "must be one of " + String.join(", ", names);
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return "must be a " + type.getSimpleName();
    }

    /** A variant's knob values have the knob's type (a number, or true/false); null stands for the default. */
    private void checkKnobTypes(JsonNode node, List<String> path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Knob k = Knob.byKey(e.getKey());
            JsonNode v = e.getValue();
            if (k == null || v.isNull()) {
                continue;
            }
            boolean ok = k.type() == Boolean.class ? v.isBoolean() : v.isNumber();
            if (!ok) {
                List<String> p = new ArrayList<>(path);
                p.add(e.getKey());
                throw fail(p, mustBe(k.type()) + ", got " + v);
            }
        }
    }

    private RegzooException fail(List<String> path, String message) {
        return new RegzooException(source + ": " + String.join(".", path) + ": " + message + lineSuffix(path));
    }

    /** The line of the last key of {@code path}, searching each key after the previous one's line. */
    private String lineSuffix(List<String> path) {
        int from = 0;
        int found = -1;
        for (String key : path) {
            Pattern p = Pattern.compile("(^|[\\s{,])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
            int hit = -1;
            if (found < 0) {
                // a top-level key: at the start of a line in block style (a variant may have a key of the same name)
                Pattern top = Pattern.compile("^[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
                for (int i = 0; i < lines.length && hit < 0; i++) {
                    hit = top.matcher(lines[i]).find() ? i : -1;
                }
            }
            for (int i = from; i < lines.length && hit < 0; i++) {
                String l = lines[i].replaceFirst("#.*$", "");
                if (p.matcher(l).find()) {
                    hit = i;
                }
            }
            if (hit < 0) {
                break;
            }
            found = hit;
            from = hit;
        }
        return found < 0 ? "" : " (line " + (found + 1) + ")";
    }
}
