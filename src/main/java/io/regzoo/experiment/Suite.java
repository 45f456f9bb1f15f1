package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Several experiments that share one output folder, one {@code results.jsonl} and one report: every
 * network of the zoo (or a list of them) with one set of variants, each network on its own data.
 * A suite is the answer to <i>what does each regularizer do to each network?</i> when the networks
 * need different data (a regressor cannot train on MNIST). Each network becomes one part, an
 * ordinary {@link ExperimentSpec} named {@code SUITE-MODEL}; trial ids ({@code model/variant/seed})
 * stay unique across parts because each network is in one part.
 *
 * <p>A variant a network has no place for (dropout in a network without a hidden layer) is not an
 * error here: it is left out of that network's part and recorded, with the reason, in
 * {@link #notApplicable()}. The reason comes from {@link ZooEntry#notApplicable}, i.e. from the knob
 * table and the network's builder, never from a list in the suite file.
 *
 * <p>File format (YAML or JSON; the built-in suites are {@code specs/suites/NAME.yaml}):
 *
 * <pre>
 * suite: zoo-regularizers
 * description: one paragraph, printed before the run
 * models: zoo                # every network ModelZoo lists, in its order; or a list of zoo names
 * seeds: [1, 2, 3]
 * variants:                  # tried on every network, as in a spec
 *   baseline: {}
 *   dropout: {dropoutRate: 0.25, dropoutBeforeOutput: true}
 * data:                      # how a network trains, by its task (regression, classification) or its name
 *   regression:              # the rest of a spec: dataset, epochs, batchSize, optimizer, earlyStopping,
 *     dataset: {name: default}   # seeds; 'default' is the network's own dataset (ZooEntry.defaultDataset)
 *     epochs: 100
 *     variants: {l2: {l2: 0.1}}  # replaces (or adds) variants for these networks
 *   classification:
 *     dataset: {name: mnist, trainSize: 2000, testSize: 1000, validationSplit: 0.1}
 *     epochs: 10
 * </pre>
 *
 * A {@code data} entry named after a network wins over its task's entry.
 */
public final class Suite {

    /** Names of the suites shipped as resources ({@code specs/suites/NAME.yaml}). */
    public static final List<String> BUILT_IN = List.of("zoo-regularizers");

    /** The file in the output folder that lists the combinations not run, with their reasons. */
    public static final String NOT_APPLICABLE_FILE = "not-applicable.json";

    /** The word in {@code models:} that stands for every network of the zoo. */
    public static final String ALL_MODELS = "zoo";

    /** The dataset name in a {@code data} entry that stands for each network's own dataset. */
    public static final String OWN_DATASET = "default";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> TOP = SpecKeys.of(SpecKeys.SUITE);
    private static final List<String> VARIANT_EXTRA = SpecKeys.VARIANT_EXTRA;

    /**
     * A model × variant combination the suite does not run, and why.
     *
     * @param model the zoo network
     * @param variant the variant's name
     * @param reason why the network has no place for it, e.g. {@code linear-regression has no hidden
     *     layer: dropout drops a hidden layer's activations}
     */
    public record NotApplicable(String model, String variant, String reason) {}

    private final String name;
    private final String description;
    private final List<ExperimentSpec> parts;
    private final List<NotApplicable> notApplicable;

    private Suite(String name, String description, List<ExperimentSpec> parts, List<NotApplicable> notApplicable) {
        this.name = name;
        this.description = description;
        this.parts = List.copyOf(parts);
        this.notApplicable = List.copyOf(notApplicable);
    }

    /** @return the suite's name */
    public String name() {
        return name;
    }

    /** @return the description of the suite file (empty when it has none) */
    public String description() {
        return description;
    }

    /** @return one experiment per network, in the order of {@code models} */
    public List<ExperimentSpec> parts() {
        return parts;
    }

    /** @return the combinations left out, with reasons, in model then variant order */
    public List<NotApplicable> notApplicable() {
        return notApplicable;
    }

    /** @return the number of trials of all parts */
    public int numTrials() {
        return parts.stream().mapToInt(ExperimentSpec::numTrials).sum();
    }

    /**
     * The file, relative to the output folder, where a part's resolved spec is written
     * ({@link ExperimentRunner.Builder#specFile(String)}).
     *
     * @param part one of {@link #parts()}
     * @return e.g. {@code specs/zoo-regularizers-mnist-cnn.json}
     */
    public static String specFile(ExperimentSpec part) {
        return "specs/" + part.name() + ".json";
    }

    /**
     * The same suite with every part changed (command-line overrides such as {@code --seeds}).
     *
     * @param change applied to each part
     * @return the new suite
     */
    public Suite mapParts(UnaryOperator<ExperimentSpec> change) {
        return new Suite(name, description, parts.stream().map(change).toList(), notApplicable);
    }

    /**
     * The same suite with only the named variants; a part left without variants is dropped, and so
     * are the not-applicable entries of the other variants.
     *
     * @param names variant names
     * @return the new suite
     * @throws RegzooException when a name is in no part and in no not-applicable entry
     */
    public Suite onlyVariants(List<String> names) {
        Set<String> known = new LinkedHashSet<>();
        parts.forEach(p -> known.addAll(p.variants().keySet()));
        notApplicable.forEach(n -> known.add(n.variant()));
        for (String n : names) {
            if (!known.contains(n)) {
                throw new RegzooException("unknown variant '" + n + "'; suite " + name + " has " + known);
            }
        }
        List<ExperimentSpec> kept = new ArrayList<>();
        for (ExperimentSpec p : parts) {
            List<String> here = p.variants().keySet().stream().filter(names::contains).toList();
            if (!here.isEmpty()) {
                kept.add(p.toBuilder().onlyVariants(here).build());
            }
        }
        return new Suite(name, description, kept, notApplicable.stream().filter(n -> names.contains(n.variant())).toList());
    }

    /**
     * Writes {@link #NOT_APPLICABLE_FILE} into the output folder (a temporary file, fsync, then a rename, so
     * a reader never sees half a file): {@code {"suite": NAME, "notApplicable": [{"model", "variant",
     * "reason"}, ...]}}.
     *
     * @param outDir the output folder (created if absent)
     * @return the file written
     * @throws io.regzoo.EnvironmentException naming the file and the reason when it cannot be written (the
     *     previous version is then intact)
     */
    public Path writeNotApplicable(Path outDir) {
        Path target = outDir.resolve(NOT_APPLICABLE_FILE);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("suite", name);
        doc.put("notApplicable", notApplicable);
        String json;
        try {
            json = SpecJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + NOT_APPLICABLE_FILE, e); // a bug: plain data
        }
        return io.regzoo.AtomicFiles.write(target, json); // temporary file, fsync, rename
    }

    /**
     * Reads {@link #NOT_APPLICABLE_FILE} from an output folder, as {@link #writeNotApplicable} wrote it.
     *
     * @param outDir the output folder
     * @param warnings receives one line when the file exists but cannot be read (it is then ignored)
     * @return the combinations, empty when the folder has no such file
     */
    public static List<NotApplicable> readNotApplicable(Path outDir, List<String> warnings) {
        Path file = outDir.resolve(NOT_APPLICABLE_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode doc = SpecJson.mapper().readTree(file.toFile());
            JsonNode list = doc == null ? null : doc.get("notApplicable");
            if (list == null || !list.isArray()) {
                throw new IOException("no notApplicable list");
            }
            List<NotApplicable> out = new ArrayList<>();
            for (JsonNode n : list) {
                if (!n.hasNonNull("model") || !n.hasNonNull("variant")) {
                    throw new IOException("an entry without model or variant: " + n);
                }
                out.add(new NotApplicable(n.get("model").asText(), n.get("variant").asText(),
                        n.path("reason").asText("")));
            }
            return out;
        } catch (IOException e) {
            warnings.add(file + ": ignored, not readable (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return List.of();
        }
    }

    /**
     * Finds a suite: a file whose top-level mapping has the key {@code suite}, or a built-in suite
     * name ({@link #BUILT_IN}).
     *
     * @param pathOrName what {@code regzoo compare} was given
     * @return the suite, or empty when {@code pathOrName} is neither (it may be an experiment spec)
     * @throws RegzooException when it is a suite but an invalid one
     */
    public static Optional<Suite> find(String pathOrName) {
        Path p = Path.of(pathOrName);
        if (Files.isRegularFile(p)) {
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RegzooException("cannot read " + p + ": " + e.getMessage(), e);
            }
            JsonNode root = tree(text, p.toString());
            return root != null && root.isObject() && root.has("suite") ? Optional.of(parse(root, p.toString()))
                    : Optional.empty();
        }
        String n = pathOrName.replaceFirst("\\.ya?ml$", "");
        try (InputStream in = Suite.class.getResourceAsStream("/specs/suites/" + n + ".yaml")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in suite " + n));
        } catch (IOException e) {
            throw new RegzooException("cannot read built-in suite " + n + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a suite from YAML or JSON text.
     *
     * @param text the suite file's text
     * @param source where it came from, for messages
     * @return the suite, its parts validated as experiment specs
     * @throws RegzooException naming the field that is wrong
     */
    public static Suite parse(String text, String source) {
        return parse(tree(text, source), source);
    }

    private static JsonNode tree(String text, String source) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RegzooException(SpecParser.syntaxError(source, text.split("\\R", -1), e), e); // one line
        }
    }

    private static Suite parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new RegzooException(source + ": a suite must be a mapping with keys " + String.join(", ", TOP));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw new RegzooException(source + ": unknown key '" + k + "'; known: " + String.join(", ", TOP));
            }
        }
        String name = root.path("suite").asText("");
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new RegzooException(source + ": suite: the name must be lower case letters, digits and dashes, got '" + name + "'");
        }
        JsonNode variants = root.get("variants");
        if (variants == null || !variants.isObject() || variants.isEmpty()) {
            throw new RegzooException(source + ": variants: a mapping of variant name to settings is required");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new RegzooException(source + ": data: a mapping of task (regression, classification) or model name to "
                    + "dataset and training settings is required");
        }
        List<NotApplicable> skipped = new ArrayList<>();
        List<ExperimentSpec> parts = new ArrayList<>();
        for (String model : models(root.get("models"), source)) {
            ZooEntry entry = ModelZoo.entry(model);
            JsonNode how = data.has(model) ? data.get(model) : data.get(entry.task().id());
            String where = "data." + (data.has(model) ? model : entry.task().id());
            if (how == null || !how.isObject()) {
                throw new RegzooException(source + ": data: no entry for " + model + " (a " + entry.task().id()
                        + " network); add data." + entry.task().id() + " or data." + model);
            }
            for (String own : SpecKeys.SET_BY_SUITE.stream().sorted().toList()) {
                if (how.has(own)) {
                    throw new RegzooException(source + ": " + where + "." + own + ": set by the suite (a part is named "
                            + name + "-MODEL and trains one network); remove it");
                }
            }
            ObjectNode spec = ((ObjectNode) how).deepCopy();
            spec.put("name", name + "-" + model);
            spec.putArray("models").add(model);
            if (!spec.has("seeds") && root.has("seeds")) {
                spec.set("seeds", root.get("seeds"));
            }
            if (spec.path("dataset").path("name").asText("").equals(OWN_DATASET)) {
                ((ObjectNode) spec.get("dataset")).put("name", entry.defaultDataset());
            }
            ObjectNode merged = ((ObjectNode) variants).deepCopy();
            if (how.has("variants")) {
                how.get("variants").fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
            }
            ObjectNode kept = spec.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> v = it.next();
                Optional<String> why = entry.notApplicable(regularization(v.getValue(), v.getKey(), model, source, where));
                if (why.isPresent()) {
                    skipped.add(new NotApplicable(model, v.getKey(), why.get()));
                } else {
                    kept.set(v.getKey(), v.getValue());
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            spec.set("variants", kept);
            parts.add(part(spec, source, where));
        }
        if (parts.isEmpty()) {
            throw new RegzooException(source + ": no network has a place for any of the variants");
        }
        return new Suite(name, root.path("description").asText("").strip(), parts, skipped);
    }

    private static List<String> models(JsonNode ms, String source) {
        if (ms == null || ms.isTextual() && ms.asText().equals(ALL_MODELS)) {
            return ModelZoo.names();
        }
        if (!ms.isArray() || ms.isEmpty()) {
            throw new RegzooException(source + ": models: '" + ALL_MODELS + "' (every zoo network) or a list of zoo names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : ms) {
            if (!ModelZoo.names().contains(n.asText())) {
                throw new RegzooException(source + ": models: unknown model '" + n.asText() + "'; the zoo has "
                        + String.join(", ", ModelZoo.names()));
            }
            out.add(n.asText());
        }
        return out;
    }

    /**
     * A variant's regularization, read as the spec parser reads it (the variant's keys minus
     * {@code optimizer}, {@code activation}, {@code earlyStopping}, which the part's parse checks).
     */
    private static Regularization regularization(JsonNode settings, String variantName, String model, String source,
            String where) {
        ObjectNode reg = settings == null || !settings.isObject() ? YAML.createObjectNode() : ((ObjectNode) settings).deepCopy();
        reg.remove(VARIANT_EXTRA);
        try {
            return SpecJson.mapper().treeToValue(reg, Regularization.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable c = e;
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
            throw new RegzooException(source + ": variants." + variantName + " (" + where + ", model " + model + "): "
                    + c.getMessage(), e);
        }
    }

    private static ExperimentSpec part(ObjectNode spec, String source, String where) {
        try {
            return ExperimentSpec.parse(SpecJson.toJson(spec), source + " (" + where + ", model " + spec.get("models").get(0).asText()
                    + ")");
        } catch (RegzooException e) {
            // The text parsed is generated: its line numbers mean nothing to the reader of the suite file.
            throw new RegzooException(e.getMessage().replaceAll(" \\(line \\d+\\)", ""), e);
        }
    }
}
