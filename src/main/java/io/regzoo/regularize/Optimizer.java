package io.regzoo.regularize;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The optimizer and its learning rate (optionally scheduled), mapped onto DL4J's updaters:
 * {@code sgd} → {@link Sgd}, {@code momentum} → {@link Nesterovs} (DL4J's momentum updater),
 * {@code adam} → {@link FusedAdam} (DL4J's {@code Adam}, faster). Immutable; JSON round-trip. With {@code adam}, a
 * {@link Regularization#weightDecay()} makes it AdamW.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Optimizer {

    /** The update rule. */
    public enum Kind {
        /** Plain stochastic gradient descent. */
        SGD,
        /** SGD with (Nesterov) momentum. */
        MOMENTUM,
        /** Adam (β1 0.9, β2 0.999, ε 1e-8, as in Keras and PyTorch). */
        ADAM
    }

    private final Kind kind;
    private final double learningRate;
    private final double momentum;
    private final LrSchedule schedule;

    @JsonCreator
    private Optimizer(@JsonProperty("kind") Kind kind, @JsonProperty("learningRate") Double learningRate,
            @JsonProperty("momentum") Double momentum, @JsonProperty("schedule") LrSchedule schedule) {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer.kind is required: one of sgd, momentum, adam");
        }
        if (learningRate == null || !(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("optimizer.learningRate must be a finite number > 0, got " + learningRate);
        }
        double m = momentum == null ? (kind == Kind.MOMENTUM ? 0.9 : 0.0) : momentum;
        if (kind == Kind.MOMENTUM && !(m > 0 && m < 1)) {
            throw new IllegalArgumentException("optimizer.momentum must be in (0, 1), got " + m);
        }
        this.kind = kind;
        this.learningRate = learningRate;
        this.momentum = kind == Kind.MOMENTUM ? m : 0.0;
        this.schedule = schedule;
    }

    /**
     * Plain SGD.
     *
     * @param learningRate &gt; 0
     * @return the optimizer
     * @throws IllegalArgumentException when the learning rate is not positive
     */
    public static Optimizer sgd(double learningRate) {
        return new Optimizer(Kind.SGD, learningRate, null, null);
    }

    /**
     * SGD with Nesterov momentum.
     *
     * @param learningRate &gt; 0
     * @param momentum in (0, 1), typically 0.9
     * @return the optimizer
     * @throws IllegalArgumentException when a value is out of range
     */
    public static Optimizer momentum(double learningRate, double momentum) {
        return new Optimizer(Kind.MOMENTUM, learningRate, momentum, null);
    }

    /**
     * Adam.
     *
     * @param learningRate &gt; 0 (1e-3 is Keras's default)
     * @return the optimizer
     * @throws IllegalArgumentException when the learning rate is not positive
     */
    public static Optimizer adam(double learningRate) {
        return new Optimizer(Kind.ADAM, learningRate, null, null);
    }

    /**
     * Parses an optimizer name as used on the command line and in specs.
     *
     * @param name {@code sgd}, {@code momentum} (or {@code sgd+momentum}) or {@code adam}
     * @param learningRate &gt; 0
     * @return the optimizer
     * @throws IllegalArgumentException naming the unknown name
     */
    public static Optimizer of(String name, double learningRate) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "sgd":
                return sgd(learningRate);
            case "momentum":
            case "sgd+momentum":
            case "nesterov":
                return momentum(learningRate, 0.9);
            case "adam":
                return adam(learningRate);
            default:
                throw new IllegalArgumentException("optimizer '" + name + "' is unknown; use sgd, momentum or adam");
        }
    }

    /**
     * This optimizer with a learning-rate schedule.
     *
     * @param schedule the schedule, or {@code null} for a constant rate
     * @return a new optimizer
     */
    public Optimizer withSchedule(LrSchedule schedule) {
        return new Optimizer(kind, learningRate, kind == Kind.MOMENTUM ? momentum : null, schedule);
    }

    /**
     * This optimizer with another initial learning rate.
     *
     * @param lr &gt; 0
     * @return a new optimizer
     */
    public Optimizer withLearningRate(double lr) {
        return new Optimizer(kind, lr, kind == Kind.MOMENTUM ? momentum : null, schedule);
    }

    /** @return the kind */
    @JsonProperty("kind")
    public Kind kind() {
        return kind;
    }

    /** @return the initial learning rate */
    @JsonProperty("learningRate")
    public double learningRate() {
        return learningRate;
    }

    /** @return the momentum ({@code momentum} kind only), else {@code null} in JSON */
    @JsonProperty("momentum")
    public Double momentumOrNull() {
        return kind == Kind.MOMENTUM ? momentum : null;
    }

    /** @return the schedule, or {@code null} for a constant rate */
    @JsonProperty("schedule")
    public LrSchedule schedule() {
        return schedule;
    }

    /**
     * @return a new DL4J updater for this optimizer: {@code Sgd}, {@code Nesterovs}, or for Adam
     *     {@link FusedAdam} (DL4J's {@code Adam} with a faster update step, the same results)
     */
    public IUpdater toUpdater() {
        ISchedule s = schedule == null ? null : schedule.toISchedule(learningRate);
        switch (kind) {
            case SGD:
                return s == null ? new Sgd(learningRate) : new Sgd(s);
            case MOMENTUM:
                return s == null ? new Nesterovs(learningRate, momentum) : new Nesterovs(s, momentum);
            default:
                return s == null ? new FusedAdam(learningRate) : new FusedAdam(s);
        }
    }

    /** @return a short description such as {@code "adam(lr=0.001)"} */
    public String describe() {
        String base = kind.name().toLowerCase(Locale.ROOT) + "(lr=" + learningRate
                + (kind == Kind.MOMENTUM ? ", momentum=" + momentum : "") + ")";
        return schedule == null ? base : base + " with " + schedule.describe();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Optimizer)) {
            return false;
        }
        Optimizer p = (Optimizer) o;
        return kind == p.kind && learningRate == p.learningRate && momentum == p.momentum
                && Objects.equals(schedule, p.schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, learningRate, momentum, schedule);
    }

    @Override
    public String toString() {
        return describe();
    }
}
