package io.regzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.ExperimentSpec;
import io.regzoo.experiment.SpecKeys;
import io.regzoo.regularize.Knob;
import io.regzoo.regularize.Regularization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Command-line options and spec keys are the same names: kebab case on the command line, camelCase
 * in a spec ({@code --weight-decay} ↔ {@code weightDecay}), for every knob and for the table of
 * other settings in {@code docs/SPEC.md}; older names stay as aliases ({@code --lr}).
 */
class CliNamesTest {

    /** Options of train and sweep that have no spec key: where to write, what to sweep, how to print. */
    private static final Set<String> CLI_ONLY = Set.of("--save", "--out", "--param", "--values", "--quiet",
            "--help", "--version", "--debug",
            // how and where the sweep runs (its sweep: section's keys are in the table: --space, --eta, ...)
            "--spec", "--parallel", "--no-refit", "--replay", "--engine", "--master", "--task-cpus", "--spark-conf",
            // sweep --seeds: the refit's seeds, a list like the spec's seeds key (whose one-value option is --seed)
            "--seeds");

    private static String camel(String option) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : option.replaceFirst("^--", "").toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    private static CommandSpec command(String name) {
        return Main.commandLine().getSubcommands().get(name).getCommandSpec();
    }

    /** Parses {@code regzoo CMD ARGS} without running it and returns the regularization the options ask for. */
    private static Regularization parsedRegularization(String cmd, String... args) {
        CommandLine cl = Main.commandLine();
        List<String> all = new ArrayList<>(List.of(cmd));
        all.addAll(List.of(args));
        ParseResult pr = cl.parseArgs(all.toArray(String[]::new));
        for (CommandSpec m : pr.subcommand().commandSpec().mixins().values()) {
            if (m.userObject() instanceof RegularizationOptions o) {
                return o.toRegularization(Regularization.none());
            }
        }
        throw new AssertionError(cmd + " has no regularization options");
    }

    @Test
    void everyKnobIsItsSpecKeyInKebabCaseOnTrainAndSweepAndParsesToTheSameValue() {
        for (Knob k : Knob.values()) {
            // the option is the key in kebab case (case aside: weightDecayApplyLR is --weight-decay-apply-lr)
            assertEquals(k.key().toLowerCase(Locale.ROOT), camel(k.option()).toLowerCase(Locale.ROOT), k.key());
            assertEquals("--" + Knob.kebab(k.key()), k.option());
            assertSame(k, Knob.byName(k.key()));
            assertSame(k, Knob.byName(k.option()));
            assertSame(k, Knob.byName(Knob.kebab(k.key())));
            String value = k.type() == Boolean.class ? String.valueOf(!Boolean.TRUE.equals(k.defaultValue())) : "0.5";
            // a spec with {key: value} and the option with the same value give the same regularization
            String extra = k == Knob.DROPOUT_RATE ? ", dropoutBeforeOutput: true" : "";
            ExperimentSpec spec = ExperimentSpec.parse("name: t\ndataset: {name: regression10}\nmodels: [mlp-regressor]\n"
                    + "seeds: [1]\nvariants:\n  v: {" + k.key() + ": " + value + extra + "}\n", "t.yaml");
            Regularization fromSpec = spec.variants().get("v").regularization();
            for (String cmd : List.of("train", "sweep")) {
                OptionSpec o = command(cmd).findOption(k.option());
                assertNotNull(o, cmd + " has " + k.option());
                assertTrue(String.join(" ", o.description()).contains("Spec key: " + k.key() + "."), cmd + " " + k.option()
                        + " names its spec key");
                List<String> args = new ArrayList<>(List.of("--model", "mlp-regressor", k.option() + "=" + value));
                if (k == Knob.DROPOUT_RATE) {
                    args.add("--dropout-before-output");
                }
                args.addAll(cmd.equals("train") ? List.of("--save", "m.zip")
                        : List.of("--dataset", "regression10", "--param", "l2", "--values", "0", "--out", "o"));
                assertEquals(fromSpec, parsedRegularization(cmd, args.toArray(String[]::new)), cmd + " " + k.option());
            }
        }
        assertNull(Knob.byName("weight_decay"));
        assertNull(Knob.byName("--weightDecay"));
    }

    @Test
    void learningRateIsTheOptionAndLrItsOlderAlias() {
        for (String cmd : List.of("train", "sweep")) {
            OptionSpec o = command(cmd).findOption("--learning-rate");
            assertNotNull(o, cmd);
            assertTrue(command(cmd).findOption("--lr").hidden(), cmd + ": --lr is accepted but not shown");
            String usage = CliRun.expect(0, cmd, "--help").out().replaceAll("\\s+", " ");
            assertTrue(usage.contains("[--learning-rate=LR]") && !usage.contains("--lr="), cmd + ": " + usage);
            List<String> base = cmd.equals("train") ? List.of("train", "--model", "m", "--save", "m.zip")
                    : List.of("sweep", "--model", "m", "--dataset", "linear", "--param", "l2", "--values", "0", "--out", "o");
            for (String name : List.of("--learning-rate", "--lr")) {
                List<String> args = new ArrayList<>(base);
                args.addAll(List.of(name, "0.125"));
                ParseResult pr = Main.commandLine().parseArgs(args.toArray(String[]::new));
                Double value = pr.subcommand().commandSpec().findOption("--learning-rate").getValue();
                assertEquals(0.125, value, cmd + " " + name + " sets the learning rate");
            }
        }
    }

    /** The table "The same settings on the command line" in docs/SPEC.md: spec key → option. */
    static Map<String, String> documentedOptions() throws IOException {
        String doc = Files.readString(Path.of("docs/SPEC.md"));
        String table = doc.substring(doc.indexOf("## The same settings on the command line"));
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\| `([A-Za-z.]+)` \\| `(--[a-z-]+)` \\|", Pattern.MULTILINE).matcher(table);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void everyOtherOptionOfTrainAndSweepIsADocumentedSpecKey() throws IOException {
        Map<String, String> doc = documentedOptions();
        assertTrue(doc.size() >= 12, "the table: " + doc);
        // each row's key is accepted by the parser, and its option is the key's last part in kebab case
        // where the two are the same setting (a list in a spec is one value on the command line)
        Map<String, String> singular = Map.of("models", "--model", "seeds", "--seed", "dataset.name", "--dataset",
                "optimizer.kind", "--optimizer");
        doc.forEach((key, option) -> {
            String[] parts = key.split("\\.");
            String section = parts.length == 1 ? SpecKeys.TOP : key.startsWith("variants.") ? SpecKeys.VARIANT : parts[0];
            assertTrue(SpecKeys.of(section).contains(parts[parts.length - 1]), key + " is a spec key");
            String expected = singular.getOrDefault(key, "--" + Knob.kebab(parts[parts.length - 1]));
            assertEquals(expected, option, key);
        });
        for (String cmd : List.of("train", "sweep")) {
            for (OptionSpec o : command(cmd).options()) {
                String name = o.longestName();
                if (o.hidden() || CLI_ONLY.contains(name) || Knob.byName(name) != null) {
                    continue;
                }
                assertTrue(doc.containsValue(name), cmd + " " + name + " is in docs/SPEC.md's table of options");
            }
        }
    }

    @Test
    void sweepParamTakesTheKeyOrItsKebabCaseName(@TempDir Path tmp) throws IOException {
        for (String param : List.of("weightDecay", "weight-decay")) {
            Path out = tmp.resolve(param);
            CliRun.expect(0, "sweep", "--model", "linear-regression", "--dataset", "linear", "--param", param,
                    "--values", "0,0.1", "--folds", "2", "--epochs", "1", "--quiet", "--out", out.toString());
            String json = Files.readString(out.resolve("sweep.json"));
            assertTrue(json.matches("(?s).*\"param\"\\s*:\\s*\"weightDecay\".*"), param + ": " + json);
        }
        CliRun r = CliRun.expect(Main.EXIT_USAGE, "sweep", "--model", "linear-regression", "--dataset", "linear",
                "--param", "batch-norm", "--values", "0", "--out", tmp.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("regzoo: --param: param 'batch-norm' cannot be swept; use one of [l1, l2, weightDecay, "
                + "dropoutRate]"), r.err());
        String help = CliRun.expect(0, "sweep", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("The knob to vary: l1, l2, weightDecay, dropoutRate. Its option's kebab-case name works too"),
                help);
    }

    @Test
    void datasetHelpListsEveryDataset() {
        for (String cmd : List.of("train", "sweep")) {
            String help = CliRun.expect(0, cmd, "--help").out().replaceAll("\\s+", " ");
            String list = String.join(", ", DataSources.defaults().names());
            assertTrue(help.contains("--dataset=NAME Dataset: " + list), cmd + ": " + help);
            assertTrue(list.contains("mnist") && list.contains("fashion-mnist"), list);
        }
        assertEquals("weight-decay-apply-lr", Knob.kebab("weightDecayApplyLR"));
    }
}
