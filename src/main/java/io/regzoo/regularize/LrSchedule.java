package io.regzoo.regularize;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * A learning-rate schedule, mapped onto DL4J's {@link ISchedule}s. Immutable; JSON round-trip.
 *
 * <ul>
 *   <li>{@link #step(double, int, Unit)}: {@code lr·rate^floor(t/every)} (DL4J {@link StepSchedule});</li>
 *   <li>{@link #exponential(double, Unit)}: {@code lr·gamma^t} ({@link ExponentialSchedule});</li>
 *   <li>{@link #inverseTime(double, double, Unit)}: {@code lr/(1+gamma·t)^power}
 *       ({@link InverseSchedule}; Keras's {@code InverseTimeDecay} with power 1);</li>
 *   <li>{@link #withWarmup(int)}: a linear ramp from {@code lr/n} to the schedule over the first
 *       {@code n} iterations ({@link RampSchedule}).</li>
 * </ul>
 * {@code t} counts iterations (minibatches) or epochs, by {@link Unit}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class LrSchedule {

    /** The schedule's shape. */
    public enum Kind {
        /** Constant learning rate (useful with a warm-up). */
        CONSTANT,
        /** Multiply by {@code rate} every {@code every} units. */
        STEP,
        /** Multiply by {@code gamma} every unit. */
        EXPONENTIAL,
        /** Divide by {@code (1 + gamma·t)^power}. */
        INVERSE_TIME
    }

    /** What {@code t} counts. */
    public enum Unit {
        /** Minibatch updates. */
        ITERATION,
        /** Epochs. */
        EPOCH
    }

    private final Kind kind;
    private final double rate;
    private final int every;
    private final double power;
    private final Unit unit;
    private final int warmupIterations;

    @JsonCreator
    private LrSchedule(@JsonProperty("kind") Kind kind, @JsonProperty("rate") Double rate,
            @JsonProperty("every") Integer every, @JsonProperty("power") Double power,
            @JsonProperty("unit") Unit unit, @JsonProperty("warmupIterations") Integer warmupIterations) {
        if (kind == null) {
            throw new IllegalArgumentException("schedule.kind is required: one of constant, step, exponential, inverse_time");
        }
        this.kind = kind;
        this.rate = rate == null ? 1.0 : rate;
        this.every = every == null ? 1 : every;
        this.power = power == null ? 1.0 : power;
        this.unit = unit == null ? Unit.EPOCH : unit;
        this.warmupIterations = warmupIterations == null ? 0 : warmupIterations;
        if (!(this.rate > 0) || !Double.isFinite(this.rate)) {
            throw new IllegalArgumentException("schedule.rate must be > 0, got " + this.rate);
        }
        if ((kind == Kind.STEP || kind == Kind.EXPONENTIAL) && this.rate > 1) {
            throw new IllegalArgumentException("schedule.rate for a " + kind.name().toLowerCase(Locale.ROOT)
                    + " decay must be in (0, 1], got " + this.rate);
        }
        if (this.every < 1) {
            throw new IllegalArgumentException("schedule.every must be >= 1, got " + this.every);
        }
        if (!(this.power > 0) || !Double.isFinite(this.power)) {
            throw new IllegalArgumentException("schedule.power must be > 0, got " + this.power);
        }
        if (this.warmupIterations < 0) {
            throw new IllegalArgumentException("schedule.warmupIterations must be >= 0, got " + this.warmupIterations);
        }
    }

    /**
     * A constant learning rate.
     *
     * @return the schedule
     */
    public static LrSchedule constant() {
        return new LrSchedule(Kind.CONSTANT, null, null, null, null, null);
    }

    /**
     * Step decay: multiply the learning rate by {@code rate} every {@code every} units.
     *
     * @param rate decay factor in (0, 1]
     * @param every units between decays, ≥ 1
     * @param unit iterations or epochs
     * @return the schedule
     * @throws IllegalArgumentException when a value is out of range
     */
    public static LrSchedule step(double rate, int every, Unit unit) {
        return new LrSchedule(Kind.STEP, rate, every, null, unit, null);
    }

    /**
     * Exponential decay: multiply the learning rate by {@code gamma} every unit.
     *
     * @param gamma decay factor in (0, 1]
     * @param unit iterations or epochs
     * @return the schedule
     * @throws IllegalArgumentException when a value is out of range
     */
    public static LrSchedule exponential(double gamma, Unit unit) {
        return new LrSchedule(Kind.EXPONENTIAL, gamma, null, null, unit, null);
    }

    /**
     * Inverse-time decay: {@code lr / (1 + gamma·t)^power}.
     *
     * @param gamma &gt; 0
     * @param power &gt; 0 (1 for Keras's {@code InverseTimeDecay})
     * @param unit iterations or epochs
     * @return the schedule
     * @throws IllegalArgumentException when a value is out of range
     */
    public static LrSchedule inverseTime(double gamma, double power, Unit unit) {
        return new LrSchedule(Kind.INVERSE_TIME, gamma, null, power, unit, null);
    }

    /**
     * This schedule preceded by a linear warm-up over the first {@code iterations} minibatches.
     *
     * @param iterations warm-up length in iterations, ≥ 0 (0 = none)
     * @return a new schedule
     */
    public LrSchedule withWarmup(int iterations) {
        return new LrSchedule(kind, rate, every, power, unit, iterations);
    }

    /** @return the kind */
    @JsonProperty("kind")
    public Kind kind() {
        return kind;
    }

    /** @return the decay factor (step, exponential) or gamma (inverse time) */
    @JsonProperty("rate")
    public double rate() {
        return rate;
    }

    /** @return units between step decays */
    @JsonProperty("every")
    public int every() {
        return every;
    }

    /** @return the inverse-time power */
    @JsonProperty("power")
    public double power() {
        return power;
    }

    /** @return what {@code t} counts */
    @JsonProperty("unit")
    public Unit unit() {
        return unit;
    }

    /** @return warm-up length in iterations (0 = none) */
    @JsonProperty("warmupIterations")
    public int warmupIterations() {
        return warmupIterations;
    }

    /**
     * The DL4J schedule starting at {@code initialLr}.
     *
     * @param initialLr the learning rate at {@code t = 0}
     * @return the schedule
     */
    public ISchedule toISchedule(double initialLr) {
        ScheduleType type = unit == Unit.ITERATION ? ScheduleType.ITERATION : ScheduleType.EPOCH;
        ISchedule base;
        switch (kind) {
            case STEP:
                base = new StepSchedule(type, initialLr, rate, every);
                break;
            case EXPONENTIAL:
                base = new ExponentialSchedule(type, initialLr, rate);
                break;
            case INVERSE_TIME:
                base = new InverseSchedule(type, initialLr, rate, power);
                break;
            default:
                base = new FixedSchedule(initialLr);
        }
        return warmupIterations > 0 ? new RampSchedule(base, warmupIterations) : base;
    }

    /** @return a short description such as {@code "step(×0.5 every 2 epochs)"} */
    public String describe() {
        String u = unit.name().toLowerCase(Locale.ROOT) + "s";
        String s;
        switch (kind) {
            case STEP:
                s = "step(x" + rate + " every " + every + " " + u + ")";
                break;
            case EXPONENTIAL:
                s = "exponential(x" + rate + " per " + unit.name().toLowerCase(Locale.ROOT) + ")";
                break;
            case INVERSE_TIME:
                s = "inverseTime(gamma=" + rate + ", power=" + power + ", per " + unit.name().toLowerCase(Locale.ROOT) + ")";
                break;
            default:
                s = "constant";
        }
        return warmupIterations > 0 ? s + " after " + warmupIterations + "-iteration warm-up" : s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LrSchedule)) {
            return false;
        }
        LrSchedule s = (LrSchedule) o;
        return kind == s.kind && rate == s.rate && every == s.every && power == s.power && unit == s.unit
                && warmupIterations == s.warmupIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, rate, every, power, unit, warmupIterations);
    }

    @Override
    public String toString() {
        return describe();
    }
}
