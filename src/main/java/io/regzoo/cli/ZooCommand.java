package io.regzoo.cli;

import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooEntry;
import io.regzoo.zoo.ZooNetwork;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo zoo}: lists the zoo's networks with their shapes, parameter counts and defaults. */
@Command(name = "zoo", description = "List the zoo's networks: names, shapes, parameter counts, defaults.")
final class ZooCommand implements Callable<Integer> {

    @Option(names = "--layers", description = "Also describe each network and list its layers.")
    private boolean layers;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%-18s %-14s %-7s %10s  %-13s %-22s %s%n", "name", "input", "output", "params", "dataset",
                "optimizer", "regularization");
        for (ZooEntry e : ModelZoo.entries()) {
            ZooNetwork n = e.defaults();
            String in = Arrays.toString(n.inputShape()).replace(" ", "");
            String out = n.numOutputs() + (n.isClassifier() ? " cls" : " reg");
            o.printf("%-18s %-14s %-7s %,10d  %-13s %-22s %s%n", e.name(), in, out, n.numParams(),
                    e.defaultDataset(), n.optimizer().describe(), n.regularization().describe());
            if (layers) {
                o.println("    " + e.description());
                o.println("    " + String.join(" -> ", layerNames(n.conf())));
            }
        }
        o.flush();
        return 0;
    }

    private static List<String> layerNames(MultiLayerConfiguration c) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.getConfs().size(); i++) {
            names.add(c.getConf(i).getLayer().getLayerName());
        }
        return names;
    }
}
