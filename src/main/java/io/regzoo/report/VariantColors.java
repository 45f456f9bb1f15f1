package io.regzoo.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One color per variant name, the same in every chart of a report and, for a given name, across
 * reports: the variant called {@code baseline} is dark gray; the names regzoo's specs use for one
 * regularizer ({@code l2}, {@code weight-decay}, {@code dropout}, {@code batch-norm},
 * {@code early-stopping}, {@code all}, {@code l1}) each own one color of the Okabe–Ito
 * colorblind-safe palette; any other name takes the color its name hashes to among the rest. A
 * color already taken in the report goes to the next free one, so the variants of one report always
 * differ (up to 12 variants besides the baseline).
 */
public final class VariantColors {

    private static final Color BASELINE = new Color(0x44, 0x44, 0x44);
    /** The first {@code RESERVED.size()} colors belong to the reserved names, in that order. */
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
        new Color(0x8C, 0x56, 0x4B), new Color(0x99, 0x99, 0x33), new Color(0x88, 0x22, 0x55),
        new Color(0x33, 0x22, 0x88), new Color(0x11, 0x77, 0x33), new Color(0xAA, 0x44, 0x99),
    };
    private static final List<String> RESERVED = List.of("l2", "weight-decay", "dropout", "batch-norm",
            "early-stopping", "all", "l1");
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
     * The assignment for a report's variants: reserved names first, so another name can never take a
     * reserved name's color when both are in the report.
     *
     * @param variants the variant names (any order, duplicates ignored)
     * @return the assignment
     */
    public static VariantColors forVariants(Collection<String> variants) {
        VariantColors c = new VariantColors();
        List<String> rest = new ArrayList<>();
        for (String v : variants) {
            if (RESERVED.contains(key(v))) {
                c.of(v);
            } else {
                rest.add(v);
            }
        }
        rest.forEach(c::of);
        return c;
    }

    /**
     * The color of a variant, assigning its own color (or the next free one) on first use.
     *
     * @param variant the variant name
     * @return its color
     */
    public Color of(String variant) {
        if (variant.equalsIgnoreCase(ModelStats.BASELINE)) {
            return BASELINE;
        }
        Color c = assigned.get(variant);
        if (c != null) {
            return c;
        }
        int preferred = preferred(variant);
        c = PALETTE[preferred];
        for (int i = 0; i < PALETTE.length; i++) {
            Color candidate = PALETTE[(preferred + i) % PALETTE.length];
            if (!assigned.containsValue(candidate)) {
                c = candidate;
                break;
            }
        }
        assigned.put(variant, c);
        return c;
    }

    /** The palette index a name prefers: its reserved color, else a hash over the unreserved colors. */
    private static int preferred(String variant) {
        int r = RESERVED.indexOf(key(variant));
        if (r >= 0) {
            return r;
        }
        int free = PALETTE.length - RESERVED.size();
        return RESERVED.size() + Math.floorMod(stableHash(key(variant)), free);
    }

    private static String key(String variant) {
        return variant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** FNV-1a over the UTF-16 code units: the same in every JVM and version. */
    private static int stableHash(String s) {
        int h = 0x811C9DC5;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        return h;
    }

    /**
     * The color as a CSS hex string.
     *
     * @param variant the variant name
     * @return e.g. {@code #0072b2}
     */
    public String hex(String variant) {
        return hex(of(variant));
    }

    /**
     * A color as a CSS hex string, without its alpha.
     *
     * @param c the color
     * @return e.g. {@code #0072b2}
     */
    static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
