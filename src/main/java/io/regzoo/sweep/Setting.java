package io.regzoo.sweep;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One point of a search space: a value per dimension.
 *
 * @param index the setting's position in the space's enumeration (0-based; ties go to the lower index)
 * @param values dimension name to value ({@link Double}, or an activation), in the space's order
 */
public record Setting(int index, Map<String, Object> values) {

    /**
     * Copies the values, keeping their order.
     *
     * @param index position in the space
     * @param values the values
     */
    public Setting {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return a short id, {@code s00}, {@code s01}, … (stable for a given space) */
    public String id() {
        return String.format(Locale.ROOT, "s%02d", index);
    }

    /** @return the values as text, e.g. {@code l2=1e-04 dropoutRate=0.2} */
    public String label() {
        StringJoiner j = new StringJoiner(" ");
        values.forEach((k, v) -> j.add(k + "=" + format(v)));
        return j.toString();
    }

    /**
     * A value as the report prints it.
     *
     * @param v a number or an activation
     * @return e.g. {@code 0}, {@code 1e-04}, {@code 0.25}, {@code relu}
     */
    public static String format(Object v) {
        if (v instanceof Double d) {
            if (d == 0) {
                return "0";
            }
            if (Math.abs(d) < 1e-2 || Math.abs(d) >= 1e4) {
                return String.format(Locale.ROOT, "%.0e", d).replace("e-0", "e-");
            }
            return String.format(Locale.ROOT, "%.4g", d).replaceFirst("\\.?0+$", "");
        }
        return String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
