package io.regzoo.sweep;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.activations.Activation;

/**
 * One axis of a search space: a knob and the values it takes. The name is a
 * {@link Knob#sweepable() sweepable} knob's key ({@code l1}, {@code l2}, {@code weightDecay},
 * {@code dropoutRate}), {@link #LEARNING_RATE} or {@link #ACTIVATION}. Values are written the same
 * way on the command line ({@code --space NAME=VALUES}) and in a spec file's {@code sweep.space}:
 *
 * <ul>
 *   <li>a list: {@code 0,1e-4,1e-3} (a YAML list in a spec file); activations by name: {@code relu,elu};</li>
 *   <li>a linear range {@code lin:FROM:TO:N}: N evenly spaced values from FROM to TO inclusive;</li>
 *   <li>a log range {@code log:FROM:TO:N}: N values evenly spaced in log10 from FROM to TO (both &gt; 0);</li>
 *   <li>samples {@code loguniform:FROM:TO:N}: N values drawn log-uniformly from [FROM, TO) with the
 *       sweep's sampling seed, sorted.</li>
 * </ul>
 *
 * @param name the knob's key, {@code lr} or {@code activation}
 * @param values the values, in the order the settings enumerate them: {@link Double} for numbers,
 *     {@link Activation} for {@code activation}
 */
public record Dimension(String name, List<Object> values) {

    /** The optimizer's learning rate (of the spec's optimizer, else the model's default one). */
    public static final String LEARNING_RATE = "lr";
    /** The hidden layers' activation function (a name of DL4J's {@code Activation}, e.g. {@code relu}). */
    public static final String ACTIVATION = "activation";

    /**
     * Checks the name and copies the values.
     *
     * @param name the knob
     * @param values its values
     * @throws RegzooException naming the dimension when the name is unknown or there are no values
     */
    public Dimension {
        checkName(name);
        if (values == null || values.isEmpty()) {
            throw new RegzooException("sweep.space." + name + ": no values");
        }
        values = List.copyOf(values);
    }

    /** @return the names a dimension can have: the sweepable knobs, {@code lr}, {@code activation} */
    public static List<String> names() {
        List<String> n = new ArrayList<>(Knob.sweepables().stream().map(Knob::key).toList());
        n.add(LEARNING_RATE);
        n.add(ACTIVATION);
        return n;
    }

    private static void checkName(String name) {
        if (name == null || !names().contains(name)) {
            throw new RegzooException("sweep.space: unknown knob '" + name + "'; known: " + String.join(", ", names()));
        }
    }

    /**
     * Reads one {@code NAME=VALUES} argument of {@code --space}.
     *
     * @param arg e.g. {@code l2=log:1e-5:1e-2:4}
     * @param seed the sampling seed (for {@code loguniform})
     * @return the dimension
     * @throws RegzooException naming the argument when it is malformed
     */
    public static Dimension parseArg(String arg, long seed) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new RegzooException("--space: expected NAME=VALUES (e.g. l2=0,1e-4,1e-3), got '" + arg + "'");
        }
        return parse(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim(), seed);
    }

    /**
     * Reads a dimension's values from text: a comma-separated list, or a {@code lin:}, {@code log:}
     * or {@code loguniform:} range.
     *
     * @param name the knob
     * @param text the values
     * @param seed the sampling seed (for {@code loguniform})
     * @return the dimension
     * @throws RegzooException naming {@code sweep.space.NAME} when the text is malformed
     */
    public static Dimension parse(String name, String text, long seed) {
        checkName(name);
        String where = "sweep.space." + name;
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new RegzooException(where + ": no values");
        }
        int colon = t.indexOf(':');
        if (colon > 0 && Character.isLetter(t.charAt(0))) {
            String kind = t.substring(0, colon).toLowerCase(Locale.ROOT);
            if (List.of("lin", "log", "loguniform").contains(kind)) {
                return new Dimension(name, range(where, kind, t.substring(colon + 1), seed));
            }
        }
        List<Object> vs = new ArrayList<>();
        for (String part : t.split(",")) {
            vs.add(value(name, part.trim()));
        }
        return new Dimension(name, vs);
    }

    /**
     * A dimension from a list of values already read (a spec file's YAML list).
     *
     * @param name the knob
     * @param raw numbers, or activation names
     * @return the dimension
     * @throws RegzooException naming the dimension when a value does not fit it
     */
    public static Dimension ofList(String name, List<String> raw) {
        checkName(name);
        List<Object> vs = new ArrayList<>();
        for (String r : raw) {
            vs.add(value(name, r.trim()));
        }
        return new Dimension(name, vs);
    }

    private static Object value(String name, String s) {
        String where = "sweep.space." + name;
        if (ACTIVATION.equals(name)) {
            for (Activation a : Activation.values()) {
                if (a.name().equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw new RegzooException(where + ": unknown activation '" + s + "' (e.g. relu, elu, tanh, leakyrelu)");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new RegzooException(where + ": '" + s + "' is not a number", e);
        }
        if (!Double.isFinite(v) || v < 0) {
            throw new RegzooException(where + ": values must be finite and >= 0, got " + s);
        }
        if (LEARNING_RATE.equals(name) && v <= 0) {
            throw new RegzooException(where + ": a learning rate must be > 0, got " + s);
        }
        return v;
    }

    private static List<Object> range(String where, String kind, String spec, long seed) {
        String[] p = spec.split(":");
        if (p.length != 3) {
            throw new RegzooException(where + ": expected " + kind + ":FROM:TO:N, got '" + kind + ":" + spec + "'");
        }
        double from;
        double to;
        int n;
        try {
            from = Double.parseDouble(p[0].trim());
            to = Double.parseDouble(p[1].trim());
            n = Integer.parseInt(p[2].trim());
        } catch (NumberFormatException e) {
            throw new RegzooException(where + ": expected " + kind + ":FROM:TO:N with numbers, got '" + spec + "'", e);
        }
        if (n < 1) {
            throw new RegzooException(where + ": N must be >= 1, got " + n);
        }
        if (!(from >= 0) || !(to >= from) || Double.isInfinite(to)) {
            throw new RegzooException(where + ": need 0 <= FROM <= TO, got " + from + ".." + to);
        }
        if (!kind.equals("lin") && from <= 0) {
            throw new RegzooException(where + ": a " + kind + " range needs FROM > 0, got " + from);
        }
        List<Object> out = new ArrayList<>();
        if (kind.equals("loguniform")) {
            Random r = new Random(seed * 31 + where.hashCode());
            List<Double> d = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                d.add(Math.exp(Math.log(from) + r.nextDouble() * (Math.log(to) - Math.log(from))));
            }
            d.sort(null);
            out.addAll(d);
            return out;
        }
        for (int i = 0; i < n; i++) {
            double f = n == 1 ? 0 : i / (double) (n - 1);
            double v = kind.equals("lin") ? from + f * (to - from)
                    : Math.pow(10, Math.log10(from) + f * (Math.log10(to) - Math.log10(from)));
            out.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v))); // 1e-4, not 1.0000000000000002E-4
        }
        return out;
    }
}
