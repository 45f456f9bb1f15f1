package io.regzoo.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.regzoo.experiment.SequentialOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How the report analyses the trials beyond the trials themselves: the equivalence margins and the order of the
 * models and variants (the experiment spec's order, so rows and colours do not depend on which trial finished
 * first). {@link Report#render(java.nio.file.Path, Map)} reads both from the experiment's {@code spec.json}.
 *
 * @param margins the equivalence margins
 * @param modelOrder models in the order to show them; models not listed follow in the order they first appear
 * @param variantOrder variants in the order to show them (after the baseline, which always comes first); variants
 *     not listed follow in the order they first appear
 * @param sequential what a {@code --seeds auto} run decided ({@code sequential.json}), or {@code null} for a run with
 *     fixed seeds; when present, the primary metric's verdicts come from its anytime-valid confidence sequences,
 *     because a fixed-n test after optional stopping would overstate its certainty
 */
public record Analysis(Margins margins, List<String> modelOrder, List<String> variantOrder,
        SequentialOutcome sequential) {

    /** The family-wise level α of the comparisons on the primary metric (1 − the report's confidence level). */
    public static final double ALPHA = 0.05;

    /**
     * Copies the lists.
     *
     * @param margins the margins
     * @param modelOrder model order
     * @param variantOrder variant order
     * @param sequential the sequential outcome, or null
     */
    public Analysis {
        modelOrder = List.copyOf(modelOrder);
        variantOrder = List.copyOf(variantOrder);
    }

    /**
     * Default margins, results-file order.
     *
     * @return the default analysis
     */
    public static Analysis defaults() {
        return new Analysis(Margins.defaults(), List.of(), List.of(), null);
    }

    /**
     * The same analysis with other margins.
     *
     * @param m the margins
     * @return the new analysis
     */
    public Analysis withMargins(Margins m) {
        return new Analysis(m, modelOrder, variantOrder, sequential);
    }

    /**
     * The same analysis with a sequential outcome.
     *
     * @param outcome what the sequential procedure decided, or null for fixed seeds
     * @return the new analysis
     */
    public Analysis withSequential(SequentialOutcome outcome) {
        return new Analysis(margins, modelOrder, variantOrder, outcome);
    }

    /**
     * The analysis a spec's JSON tree (as in {@code spec.json}) implies: its models and variants in spec order, its
     * {@code margin} key over the defaults.
     *
     * @param spec the spec's JSON tree
     * @param source where the tree came from, for the margin's source, e.g. "spec.json"
     * @return the analysis
     * @throws IllegalArgumentException when the spec's margin entry is malformed
     */
    public static Analysis fromSpec(JsonNode spec, String source) {
        List<String> models = new ArrayList<>();
        if (spec.path("models").isArray()) {
            spec.get("models").forEach(n -> models.add(n.asText()));
        }
        List<String> variants = new ArrayList<>();
        if (spec.path("variants").isObject()) {
            for (Iterator<String> it = spec.get("variants").fieldNames(); it.hasNext();) {
                variants.add(it.next());
            }
        }
        Margins m = Margins.defaults().with(Margins.fromJson(spec.get("margin")), source);
        return new Analysis(m, models, variants, null);
    }
}
