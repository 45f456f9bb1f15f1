package io.regzoo.experiment;

import io.regzoo.stats.SequentialDesign;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds until the answer is clear: the settings of {@code --seeds auto} ({@code seeds: {auto: true, min: 3,
 * max: 20, timeBudget: 30m}} in a spec). The runner runs seeds {@code 1 … min} for every variant, then, per
 * model, one seed more for the baseline and each variant whose comparison with the baseline is still open
 * ({@link SequentialDesign}), until every comparison is decided, {@code max} seeds are in, or the time budget is
 * spent ({@link ExperimentRunner}).
 *
 * @param minSeeds seeds every variant gets before the first look, at least 2
 * @param maxSeeds the most seeds any variant gets (seeds {@code 1 … maxSeeds}), at least minSeeds
 * @param timeBudget wall time after which this run starts no new trial (running trials finish), or {@code null}
 *     for none; it counts from the start of each run, so a resumed run has the whole budget again
 */
public record SequentialSeeds(int minSeeds, int maxSeeds, Duration timeBudget) {

    /** The defaults: {@value SequentialDesign#DEFAULT_MIN_SEEDS} to {@value SequentialDesign#DEFAULT_MAX_SEEDS}, no time budget. */
    public static final SequentialSeeds DEFAULTS = new SequentialSeeds(SequentialDesign.DEFAULT_MIN_SEEDS,
            SequentialDesign.DEFAULT_MAX_SEEDS, null);

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /**
     * Checks the settings.
     *
     * @param minSeeds seeds before the first look
     * @param maxSeeds the most seeds
     * @param timeBudget the time budget or {@code null}
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public SequentialSeeds {
        if (minSeeds < 2) {
            throw new IllegalArgumentException("min must be at least 2 (a paired comparison needs two seeds), got "
                    + minSeeds);
        }
        if (maxSeeds < minSeeds) {
            throw new IllegalArgumentException("max (" + maxSeeds + ") must be at least min (" + minSeeds + ")");
        }
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + format(timeBudget));
        }
    }

    /**
     * These settings with another minimum.
     *
     * @param min seeds before the first look
     * @return the new settings
     */
    public SequentialSeeds withMin(int min) {
        return new SequentialSeeds(min, maxSeeds, timeBudget);
    }

    /**
     * These settings with another maximum.
     *
     * @param max the most seeds
     * @return the new settings
     */
    public SequentialSeeds withMax(int max) {
        return new SequentialSeeds(minSeeds, max, timeBudget);
    }

    /**
     * These settings with another time budget.
     *
     * @param budget the budget, or {@code null} for none
     * @return the new settings
     */
    public SequentialSeeds withTimeBudget(Duration budget) {
        return new SequentialSeeds(minSeeds, maxSeeds, budget);
    }

    /** @return the seeds that may run, {@code 1 … maxSeeds}, in the order they are added */
    public List<Long> seeds() {
        List<Long> out = new ArrayList<>();
        for (long s = 1; s <= maxSeeds; s++) {
            out.add(s);
        }
        return out;
    }

    /**
     * The design that decides the comparisons of one model: looks after {@code minSeeds} and every seed after,
     * α = 0.05, the anytime-valid confidence sequence's default prior precision.
     *
     * @param margin the equivalence margin of the model's primary metric, or {@code NaN} for none
     * @return the design
     */
    public SequentialDesign design(double margin) {
        return SequentialDesign.of(minSeeds, maxSeeds, ALPHA, margin);
    }

    /** The family-wise error probability of the sequential decisions (the report's 95 % level). */
    public static final double ALPHA = 0.05;

    /**
     * Reads a duration: {@code 30m}, {@code 2h}, {@code 90s}, {@code 1h30m}, or ISO-8601 ({@code PT30M}).
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException when the text is none of these, or zero
     */
    public static Duration parseDuration(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        Duration d;
        if (!t.isEmpty() && m.matches()) {
            d = Duration.ofHours(group(m, 1)).plusMinutes(group(m, 2)).plusSeconds(group(m, 3));
        } else {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("a time budget is written like 30m, 2h, 90s or 1h30m, got '"
                        + text + "'");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("a time budget must be positive, got '" + text + "'");
        }
        return d;
    }

    private static long group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
    }

    /**
     * Writes a duration the way {@link #parseDuration} reads it, e.g. {@code 1h30m}, {@code 45s}.
     *
     * @param d the duration
     * @return the text
     */
    public static String format(Duration d) {
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || b.length() == 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "auto (min " + minSeeds + ", max " + maxSeeds
                + (timeBudget == null ? "" : ", time budget " + format(timeBudget)) + ")";
    }
}
