package io.regzoo.experiment;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.LrSchedule;
import io.regzoo.regularize.Optimizer;
import io.regzoo.regularize.SpecJson;
import io.regzoo.sweep.SweepSection;
import io.regzoo.train.EarlyStopping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys each section of a spec file (and of a suite file) accepts, sorted: the one list the
 * parser checks every mapping against, the list an unknown key's message shows, and the list
 * {@code docs/SPEC.md} documents (a test compares the two).
 *
 * <p>The sections read by Jackson ({@code dataset}, {@code optimizer}, {@code optimizer.schedule},
 * {@code earlyStopping}) take their keys from the class's JSON creator, so a key added there is known
 * here without an edit; a variant's keys are the {@link Knob} table's plus {@link #VARIANT_EXTRA}.
 */
public final class SpecKeys {

    /** Section: the top level of an experiment spec. */
    public static final String TOP = "top level";
    /** Section: {@code dataset}. */
    public static final String DATASET = "dataset";
    /** Section: {@code seeds} as a mapping (seeds until the answer is clear). */
    public static final String SEEDS = "seeds";
    /** Section: {@code margin} as a mapping. */
    public static final String MARGIN = "margin";
    /** Section: {@code optimizer}, at the top level or in a variant. */
    public static final String OPTIMIZER = "optimizer";
    /** Section: {@code optimizer.schedule}. */
    public static final String SCHEDULE = "optimizer.schedule";
    /** Section: {@code earlyStopping}, at the top level or in a variant (Keras's names). */
    public static final String EARLY_STOPPING = "earlyStopping";
    /** Section: one variant, {@code variants.NAME}. */
    public static final String VARIANT = "variants.NAME";
    /** Section: the top level of a suite file. */
    public static final String SUITE = "suite";
    /** Section: one entry of a suite's {@code data} (a task or a network's name). */
    public static final String SUITE_DATA = "data.ENTRY";
    /** Section: {@code sweep}, the {@code regzoo sweep} command's own settings ({@link io.regzoo.sweep.SweepSection}). */
    public static final String SWEEP = "sweep";

    /** The keys a variant accepts besides the {@link Knob} table's. */
    static final List<String> VARIANT_EXTRA = List.of("optimizer", "activation", "earlyStopping");

    private static final List<String> TOP_KEYS = List.of("name", "dataset", "models", "variants", "seeds", "epochs",
            "batchSize", "optimizer", "earlyStopping", "margin");

    /** The top-level keys a suite sets for each part itself, so a {@code data} entry may not. */
    static final Set<String> SET_BY_SUITE = Set.of("name", "models");

    private static final Map<String, List<String>> KEYS = keyLists();

    private SpecKeys() {}

    /**
     * The keys of one section.
     *
     * @param section one of {@link #sections()}, e.g. {@link #DATASET}
     * @return its keys, sorted
     * @throws RegzooException when there is no such section
     */
    public static List<String> of(String section) {
        List<String> k = KEYS.get(section);
        if (k == null) {
            throw new RegzooException("no spec section '" + section + "'; the sections are " + KEYS.keySet());
        }
        return k;
    }

    /** @return every section's name, top level first */
    public static List<String> sections() {
        return List.copyOf(KEYS.keySet());
    }

    private static Map<String, List<String>> keyLists() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(TOP, sorted(TOP_KEYS));
        m.put(DATASET, jsonKeys(DatasetSpec.class));
        m.put(SEEDS, sorted(List.of("auto", "min", "max", "timeBudget")));
        m.put(MARGIN, sorted(ExperimentSpec.MARGIN_KEYS));
        m.put(OPTIMIZER, jsonKeys(Optimizer.class));
        m.put(SCHEDULE, jsonKeys(LrSchedule.class));
        m.put(EARLY_STOPPING, jsonKeys(EarlyStopping.class));
        List<String> variant = new ArrayList<>(Knob.keys());
        variant.addAll(VARIANT_EXTRA);
        m.put(VARIANT, sorted(variant));
        m.put(SUITE, sorted(List.of("suite", "description", "models", "seeds", "variants", "data")));
        m.put(SUITE_DATA, TOP_KEYS.stream().filter(k -> !SET_BY_SUITE.contains(k)).sorted().toList());
        m.put(SWEEP, sorted(List.copyOf(SweepSection.KEYS)));
        return Collections.unmodifiableMap(m);
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted().toList();
    }

    /** The properties {@link SpecJson#mapper()} reads into {@code type}: its JSON creator's parameters. */
    private static List<String> jsonKeys(Class<?> type) {
        ObjectMapper mapper = SpecJson.mapper();
        BeanDescription d = mapper.getDeserializationConfig().introspect(mapper.constructType(type));
        return d.findProperties().stream().filter(BeanPropertyDefinition::hasConstructorParameter)
                .map(BeanPropertyDefinition::getName).sorted().toList();
    }
}
