package io.regzoo.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The MNIST demo main class: {@code java -cp ... io.regzoo.cli.MnistDemo [options]} runs exactly
 * {@code regzoo demo [options]} — fetch MNIST, train the CNN without and with weight decay over a
 * few seeds, print the side-by-side table, write the report and the models. See
 * {@code regzoo demo --help} for the options.
 */
public final class MnistDemo {

    private MnistDemo() {}

    /**
     * Runs the demo and exits with its status (0 ok, 2 user error, 130 interrupted).
     *
     * @param args {@code regzoo demo} options, e.g. {@code --tiny} or {@code --out DIR}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the demo without exiting.
     *
     * @param args {@code regzoo demo} options
     * @return the exit status
     */
    public static int run(String... args) {
        List<String> all = new ArrayList<>();
        all.add("demo");
        all.addAll(List.of(args));
        return Main.run(all.toArray(new String[0]));
    }
}
