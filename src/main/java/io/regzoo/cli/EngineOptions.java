package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.experiment.ExperimentRunner;
import io.regzoo.experiment.TrialExecutor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|spark}, {@code --master URL}, {@code --task-cpus N}, {@code --spark-conf K=V}: where
 * a command's trials run. {@code local} (the default) is this machine ({@code --parallel}); {@code spark}
 * is {@code io.regzoo.spark.SparkExecutor}, found by name so that nothing of Spark is loaded unless asked
 * (the {@code ./regzoo} launcher builds it, and puts Spark on the class path, only for {@code --engine spark}).
 * Use as {@code @Mixin EngineOptions engine}; {@link #configure} the runner, and {@link #close()} after the
 * last run.
 */
final class EngineOptions implements AutoCloseable {

    static final String SPARK_EXECUTOR = "io.regzoo.spark.SparkExecutor";

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark", description = {
            "Where trials run (default ${DEFAULT-VALUE}: this machine, see --parallel); spark: one Spark task per",
            "trial on the cluster --master names, results recorded here (docs/SPARK.md)."})
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL", description = {
            "With --engine spark: local[N], spark://host:7077, yarn or k8s://https://host:port",
            "(default: spark-submit's master, else local[*])."})
    String master;

    @Option(names = "--task-cpus", defaultValue = "1", paramLabel = "N", description = {
            "With --engine spark: cores (native threads) per trial, Spark's spark.task.cpus (default ${DEFAULT-VALUE})."})
    int taskCpus = 1;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = {
            "With --engine spark: a Spark setting, e.g. spark.executor.memory=4g (repeatable)."})
    Map<String, String> sparkConf = new LinkedHashMap<>();

    private TrialExecutor executor;

    /** @return whether trials run on Spark */
    boolean isSpark() {
        String e = engine.trim().toLowerCase(Locale.ROOT);
        if (!e.equals("local") && !e.equals("spark")) {
            throw new IllegalArgumentException("--engine must be 'local' or 'spark', got '" + engine + "'");
        }
        if (e.equals("local") && (master != null || !sparkConf.isEmpty())) {
            throw new IllegalArgumentException("--master and --spark-conf need --engine spark");
        }
        return e.equals("spark");
    }

    /** @return the master URL the Spark engine connects to */
    String masterUrl() {
        return master != null ? master : System.getProperty("spark.master", "local[*]");
    }

    /**
     * Gives the runner the Spark executor when {@code --engine spark} (started once, reused by later runs).
     *
     * @param b the runner's builder
     * @return the builder
     * @throws RegzooException when the Spark engine is not on the class path
     */
    ExperimentRunner.Builder configure(ExperimentRunner.Builder b) {
        TrialExecutor ex = executorOrNull();
        return ex == null ? b : b.executor(ex);
    }

    /**
     * The Spark executor when {@code --engine spark} (started once, reused), for runners other than the
     * experiment runner (the pruning sweep's).
     *
     * @return the executor, or {@code null} for the local engine
     * @throws RegzooException when the Spark engine is not on the class path
     */
    TrialExecutor executorOrNull() {
        if (!isSpark()) {
            return null;
        }
        if (executor == null) {
            executor = load();
        }
        return executor;
    }

    private TrialExecutor load() {
        try {
            Object ex = Class.forName(SPARK_EXECUTOR).getMethod("create", String.class, int.class, Map.class)
                    .invoke(null, masterUrl(), taskCpus, sparkConf);
            return (TrialExecutor) ex;
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new RegzooException("the Spark engine is not on the class path (" + e.getMessage() + "): build with"
                    + " the Maven profile spark, e.g. ./regzoo compare ... --engine spark (the launcher builds it);"
                    + " see docs/SPARK.md", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot start the Spark engine", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the Spark engine", e);
        }
    }

    /** Stops the Spark context, if one was started. */
    @Override
    public void close() {
        if (executor instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping Spark failed: the results are recorded already
            }
            executor = null;
        }
    }
}
