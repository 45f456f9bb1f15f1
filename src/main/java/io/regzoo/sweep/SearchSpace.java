package io.regzoo.sweep;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Regularization;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a sweep tries: the Cartesian product of its {@link Dimension}s, the last dimension
 * varying fastest ({@code l2 × dropoutRate}: {@code (l2₀,d₀), (l2₀,d₁), …}).
 *
 * @param dimensions the axes, each name at most once
 */
public record SearchSpace(List<Dimension> dimensions) {

    /**
     * Checks the axes.
     *
     * @param dimensions the axes
     * @throws RegzooException when there is none, a name repeats, or the space has fewer than 2 settings
     */
    public SearchSpace {
        if (dimensions == null || dimensions.isEmpty()) {
            throw new RegzooException("sweep.space: empty search space; give at least one knob with 2 or more values"
                    + " (e.g. --space l2=0,1e-4,1e-3)");
        }
        List<String> seen = new ArrayList<>();
        long n = 1;
        for (Dimension d : dimensions) {
            if (seen.contains(d.name())) {
                throw new RegzooException("sweep.space." + d.name() + ": given twice");
            }
            seen.add(d.name());
            n *= d.values().size();
        }
        if (n < 2) {
            throw new RegzooException("sweep.space: one-point search space (" + String.join(" x ", seen)
                    + " has 1 setting); give at least 2 settings");
        }
        if (n > 10_000) {
            throw new RegzooException("sweep.space: " + n + " settings is more than 10000");
        }
        dimensions = List.copyOf(dimensions);
    }

    /** @return every setting, in enumeration order */
    public List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        int total = size();
        for (int i = 0; i < total; i++) {
            Map<String, Object> vs = new LinkedHashMap<>();
            int rest = i;
            int stride = total;
            for (Dimension d : dimensions) {
                stride /= d.values().size();
                vs.put(d.name(), d.values().get(rest / stride));
                rest %= stride;
            }
            out.add(new Setting(i, vs));
        }
        return out;
    }

    /** @return the number of settings */
    public int size() {
        int n = 1;
        for (Dimension d : dimensions) {
            n *= d.values().size();
        }
        return n;
    }

    /**
     * The regularization a setting means on top of a base: the base with each knob dimension set.
     *
     * @param base the other regularization settings
     * @param s the setting
     * @return the regularization
     * @throws RegzooException naming {@code sweep.space.KNOB} when a value is out of range or contradicts the base
     */
    public static Regularization regularization(Regularization base, Setting s) {
        Regularization.Builder b = base.toBuilder();
        for (Map.Entry<String, Object> e : s.values().entrySet()) {
            Knob k = Knob.byKey(e.getKey());
            if (k != null && k.sweepable()) {
                try {
                    k.applyTo(b, e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new RegzooException("sweep.space." + e.getKey() + ": " + ex.getMessage(), ex);
                }
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new RegzooException("sweep.space: " + s.label() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Checks that every setting can be built on the model: each value in range, and no knob the
     * model has no place for ({@link ZooEntry#notApplicable}, e.g. dropout on a network without a
     * hidden layer).
     *
     * @param model the zoo name
     * @param base the other regularization settings
     * @throws RegzooException naming the knob, the model and why
     */
    public void checkFor(String model, Regularization base) {
        ZooEntry entry = ModelZoo.entry(model);
        for (Dimension d : dimensions) {
            Knob k = Knob.byKey(d.name());
            if (k == null) {
                continue;
            }
            for (Object v : d.values()) {
                Regularization r = regularization(base, new Setting(0, Map.of(d.name(), v)));
                Optional<String> why = entry.notApplicable(r);
                if (why.isPresent()) {
                    throw new RegzooException("sweep.space." + d.name() + ": " + model + " has no place for "
                            + d.name() + "=" + Setting.format(v) + " (" + why.get() + ")");
                }
            }
        }
        for (Setting s : settings()) {
            Optional<String> why = entry.notApplicable(regularization(base, s));
            if (why.isPresent()) {
                throw new RegzooException("sweep.space: " + model + " cannot take " + s.label() + " (" + why.get() + ")");
            }
        }
    }
}
