package io.regzoo.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.regzoo.stats.Equivalence;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The equivalence margins the report uses, one for each kind of primary metric, each with where it came from: a
 * model's comparison on test accuracy (classifiers) uses {@link #accuracy()}, on test loss (regressors)
 * {@link #loss()}. A non-significant comparison whose 95% interval lies inside ±margin is called <em>equivalent
 * within ±margin</em>, otherwise <em>inconclusive</em> ({@link Equivalence}).
 *
 * <p>Defaults: accuracy ±{@link Equivalence#DEFAULT_ACCURACY_MARGIN} (0.3 pp); a loss has no default (its scale
 * depends on the data), so without a margin a regressor's comparison is never called equivalent.
 *
 * <p>Margins are given as a map with the keys {@value #PRIMARY} (the primary metric of every model, in its own
 * units), {@value #ACCURACY} (a fraction: 0.003 = 0.3 pp) and {@value #LOSS} (loss units); a specific key wins over
 * {@value #PRIMARY}. That is the form of the experiment spec's {@code margin} key ({@code margin: 0.003} is
 * {@code {primary: 0.003}}) and of {@code --margin} ({@link #parseOption(String)}).
 *
 * @param accuracy the margin for test accuracy, as a fraction
 * @param loss the margin for test loss
 */
public record Margins(Margin accuracy, Margin loss) {

    /** Map key: the primary metric of every model, in that metric's units. */
    public static final String PRIMARY = "primary";
    /** Map key: test accuracy, as a fraction. */
    public static final String ACCURACY = "accuracy";
    /** Map key: test loss. */
    public static final String LOSS = "loss";
    /** The keys a margin map may have. */
    public static final Set<String> KEYS = Set.of(PRIMARY, ACCURACY, LOSS);

    /**
     * One margin.
     *
     * @param value the margin, positive, in the metric's units (a fraction for accuracy), or {@code NaN} for none
     * @param source where it came from, in words (e.g. "default for accuracy")
     */
    public record Margin(double value, String source) {

        /** @return whether there is a margin */
        public boolean isSet() {
            return Double.isFinite(value);
        }
    }

    /**
     * The defaults: accuracy ±0.3 pp, no margin for a loss.
     *
     * @return the default margins
     */
    public static Margins defaults() {
        return new Margins(new Margin(Equivalence.DEFAULT_ACCURACY_MARGIN,
                "regzoo's default for accuracy, `Equivalence.DEFAULT_ACCURACY_MARGIN`"),
                new Margin(Double.NaN, "none: a loss has no default margin (give the spec key `margin` or "
                        + "`--margin loss=…`)"));
    }

    /**
     * These margins with the entries of a margin map laid over them.
     *
     * @param map keys {@value #PRIMARY}, {@value #ACCURACY}, {@value #LOSS}; {@code null} or empty changes nothing
     * @param source where the map came from, e.g. "`report --margin`"
     * @return the new margins
     * @throws IllegalArgumentException when a key is unknown or a value is not positive and finite
     */
    public Margins with(Map<String, Double> map, String source) {
        if (map == null || map.isEmpty()) {
            return this;
        }
        check(map);
        Margin acc = accuracy;
        Margin lo = loss;
        if (map.containsKey(PRIMARY)) {
            acc = new Margin(map.get(PRIMARY), source);
            lo = new Margin(map.get(PRIMARY), source);
        }
        if (map.containsKey(ACCURACY)) {
            acc = new Margin(map.get(ACCURACY), source);
        }
        if (map.containsKey(LOSS)) {
            lo = new Margin(map.get(LOSS), source);
        }
        return new Margins(acc, lo);
    }

    /**
     * The margin of a model's primary metric.
     *
     * @param classifier whether the model is a classifier (primary metric test accuracy) or a regressor (test loss)
     * @return the margin; none (with the reason as its source) when an accuracy margin is not below 1, i.e. not a
     *     fraction
     */
    public Margin forModel(boolean classifier) {
        if (classifier && accuracy.isSet() && accuracy.value() >= 1) {
            return new Margin(Double.NaN, "none: the margin " + accuracy.value() + " from " + accuracy.source()
                    + " is not a fraction of accuracy (0.003 = 0.3 pp), so it was ignored");
        }
        return classifier ? accuracy : loss;
    }

    /**
     * Checks a margin map.
     *
     * @param map the map
     * @throws IllegalArgumentException when a key is unknown or a value is not positive and finite
     */
    public static void check(Map<String, Double> map) {
        for (Map.Entry<String, Double> e : map.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("margin: unknown key '" + e.getKey() + "'; known: primary, "
                        + "accuracy, loss");
            }
            Double v = e.getValue();
            if (v == null || !(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("margin: " + e.getKey() + " must be a positive number, got " + v);
            }
        }
    }

    /**
     * Reads a {@code --margin} value: {@code 0.002} (the primary metric of every model, in its units),
     * {@code 0.3pp} (accuracy in percentage points), or {@code accuracy=0.003,loss=0.01} (each value may also carry
     * {@code pp} for accuracy).
     *
     * @param text the option's value
     * @return the margin map
     * @throws IllegalArgumentException when the text is not of that form or a value is not positive
     */
    public static Map<String, Double> parseOption(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("--margin needs a value, e.g. 0.003, 0.3pp or accuracy=0.003,loss=0.01");
        }
        for (String part : t.split(",")) {
            String p = part.trim();
            String key = PRIMARY;
            String value = p;
            int eq = p.indexOf('=');
            if (eq >= 0) {
                key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                value = p.substring(eq + 1).trim();
            }
            boolean pp = value.toLowerCase(Locale.ROOT).endsWith("pp");
            if (pp) {
                value = value.substring(0, value.length() - 2).trim();
                if (key.equals(PRIMARY)) {
                    key = ACCURACY;
                } else if (!key.equals(ACCURACY)) {
                    throw new IllegalArgumentException("--margin: 'pp' (percentage points) is for accuracy only: " + p);
                }
            }
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--margin: '" + p + "' is not a number (e.g. 0.003, 0.3pp, "
                        + "accuracy=0.003,loss=0.01)", e);
            }
            out.put(key, pp ? v / 100 : v);
        }
        check(out);
        return out;
    }

    /**
     * Reads the {@code margin} entry of a spec's JSON tree: a number means {@value #PRIMARY}, a mapping has the keys
     * above.
     *
     * @param node the entry, or {@code null}
     * @return the margin map, empty when absent
     * @throws IllegalArgumentException when the entry is of another form
     */
    public static Map<String, Double> fromJson(JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isNumber()) {
            out.put(PRIMARY, node.asDouble());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException("margin." + e.getKey() + " must be a number, got " + e.getValue());
                }
                out.put(e.getKey(), e.getValue().asDouble());
            }
        } else {
            throw new IllegalArgumentException("margin must be a number or a mapping {accuracy: …, loss: …}, got "
                    + node);
        }
        check(out);
        return out;
    }
}
