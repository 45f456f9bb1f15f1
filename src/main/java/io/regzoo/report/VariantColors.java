package io.regzoo.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One color per variant name, the same in every chart of a report: the variant called
 * {@code baseline} is dark gray, the others take the Okabe–Ito colorblind-safe palette in the order
 * they are first asked for.
 */
public final class VariantColors {

    private static final Color BASELINE = new Color(0x44, 0x44, 0x44);
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
        new Color(0x8C, 0x56, 0x4B), new Color(0x99, 0x99, 0x33), new Color(0x88, 0x22, 0x55),
    };

    private final Map<String, Color> assigned = new LinkedHashMap<>();

    private VariantColors() {}

    /**
     * Creates an empty assignment.
     *
     * @return a new assignment
     */
    public static VariantColors create() {
        return new VariantColors();
    }

    /**
     * The color of a variant, assigning the next palette color on first use.
     *
     * @param variant the variant name
     * @return its color
     */
    public Color of(String variant) {
        if (variant.equalsIgnoreCase(ModelStats.BASELINE)) {
            return BASELINE;
        }
        return assigned.computeIfAbsent(variant, v -> PALETTE[assigned.size() % PALETTE.length]);
    }

    /**
     * The color as a CSS hex string.
     *
     * @param variant the variant name
     * @return e.g. {@code #0072b2}
     */
    public String hex(String variant) {
        Color c = of(variant);
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
