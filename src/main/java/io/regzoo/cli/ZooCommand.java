package io.regzoo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code regzoo zoo}: lists the zoo's networks with their shapes, parameter counts and defaults. */
@Command(name = "zoo", description = "List the zoo's networks: names, shapes, parameter counts, defaults.")
final class ZooCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("(the zoo is being built)");
        return 0;
    }
}
