package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Regularization;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The regularization options, one per {@link Knob} ({@code --l1}, {@code --l2},
 * {@code --weight-decay}, {@code --dropout-rate}, {@code --batch-norm}, {@code --clip-norm}, ...),
 * generated from the knob table with picocli's programmatic API: a command declares
 * {@code @Mixin RegularizationOptions regularization;} and a new knob is an option without touching
 * this class. Numbers take a value; switches take an optional {@code true|false} (alone: true).
 * Each option is its knob's spec key in kebab case ({@link Knob#option()}: {@code weightDecay} ↔
 * {@code --weight-decay}), and its help names the key.
 */
@Command(modelTransformer = RegularizationOptions.FromKnobs.class)
final class RegularizationOptions {

    private final Map<Knob, Object> given = new EnumMap<>(Knob.class);

    /** @return whether any regularization option was given */
    boolean any() {
        return !given.isEmpty();
    }

    /**
     * Sets the given options on a builder.
     *
     * @param b the builder
     * @return the same builder
     * @throws RegzooException naming the option when a value has the wrong type
     */
    Regularization.Builder applyTo(Regularization.Builder b) {
        given.forEach((k, v) -> {
            try {
                b.set(k, v);
            } catch (IllegalArgumentException e) {
                throw new RegzooException(k.option() + ": " + e.getMessage(), e);
            }
        });
        return b;
    }

    /**
     * The regularization the options ask for, starting from nothing.
     *
     * @param whenNoneGiven what to use when no option was given (e.g. the model's default)
     * @return the spec
     * @throws RegzooException naming the field when a value is out of range or two contradict
     */
    Regularization toRegularization(Regularization whenNoneGiven) {
        if (!any()) {
            return whenNoneGiven;
        }
        try {
            return applyTo(Regularization.builder()).build();
        } catch (IllegalArgumentException e) {
            throw new RegzooException(e.getMessage(), e);
        }
    }

    /** Adds one option per knob to the command that mixes in {@link RegularizationOptions}. */
    static final class FromKnobs implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            RegularizationOptions target = null;
            for (CommandSpec m : command.mixins().values()) {
                if (m.userObject() instanceof RegularizationOptions) {
                    target = (RegularizationOptions) m.userObject();
                }
            }
            if (target == null) {
                return command;
            }
            for (Knob k : Knob.values()) {
                command.addOption(option(k, target));
            }
            return command;
        }

        private static OptionSpec option(Knob k, RegularizationOptions target) {
            boolean flag = k.type() == Boolean.class;
            return OptionSpec.builder(k.option())
                    .type(k.type())
                    .arity(flag ? "0..1" : "1")
                    .paramLabel(k.label())
                    .description(k.help() + " Spec key: " + k.key() + ".")
                    .setter(new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value == null) {
                                target.given.remove(k);
                            } else {
                                target.given.put(k, value);
                            }
                            return null;
                        }
                    })
                    .getter(new IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() {
                            return (T) target.given.get(k);
                        }
                    })
                    .build();
        }
    }

    /** The keys of the knobs a sweep can vary, for {@code --param}'s help ({@code ${COMPLETION-CANDIDATES}}). */
    static final class SweepParams implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Knob.sweepables().stream().map(Knob::key).iterator();
        }
    }
}
