package io.regzoo.spark;

import io.regzoo.train.ChildJvm;

/**
 * Test helper: runs a Spark daemon's main class (the standalone {@code Master} or {@code Worker}) in a
 * child JVM that halts as soon as the test JVM ends, so that a killed test run leaves no cluster behind.
 */
public final class ClusterProcess {

    private ClusterProcess() {}

    /**
     * Runs {@code args[0]}'s {@code main} with the other arguments.
     *
     * @param args the main class, then its arguments
     * @throws Exception what the daemon throws
     */
    public static void main(String[] args) throws Exception {
        ChildJvm.exitWithParent(5);
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
