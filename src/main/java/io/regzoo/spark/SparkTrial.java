package io.regzoo.spark;

import io.regzoo.RegzooException;
import io.regzoo.experiment.DataSources;
import io.regzoo.experiment.RunListener;
import io.regzoo.experiment.TrialCodec;
import io.regzoo.experiment.TrialOutcome;
import io.regzoo.experiment.TrialResult;
import io.regzoo.experiment.TrialRunner;
import io.regzoo.experiment.TrialTask;
import io.regzoo.provenance.ExecutorProvenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * The executor side of {@link SparkExecutor}: one call runs one {@link TrialTask} with a
 * {@link TrialRunner} on the executor's default {@link DataSources} (the same verified providers as
 * the local engine: the synthetic generators, or the IDX files checked by checksum in the executor's own
 * data cache), and returns a {@link SparkReply}. Each task thread keeps its own runner, so the variants
 * of one seed that land on the same thread share the loaded data.
 *
 * <p>A trial that fails by itself (a bad configuration, an error in training) or diverges comes back as
 * a {@code failed} or {@code diverged} result: the Spark task succeeds and is not retried. Only when
 * the executor dies does Spark run the task again (elsewhere); the driver records the one result that
 * Spark delivers. When the data cannot be loaded here the reply carries that error and the driver stops
 * the run, as the local engine does.
 */
public final class SparkTrial implements Function<TrialTask, SparkReply> {

    private static final long serialVersionUID = 1L;

    /**
     * Test hook: with this system property set (on the executors) to a folder, each task attempt
     * writes {@code <folder>/<trial id with '/' as '_'>.<attempt>} holding the executor JVM's pid
     * before it trains.
     */
    public static final String MARK_DIR_PROPERTY = "regzoo.test.sparkMarkDir";
    /**
     * Test hook: with this system property set to milliseconds, a task's first attempt waits that long
     * after writing its mark, before it trains (time for a test to kill its executor mid-trial).
     */
    public static final String HOLD_MS_PROPERTY = "regzoo.test.sparkHoldMs";
    /** Test hook: with this system property set to a trial id, only that trial's first attempt waits. */
    public static final String HOLD_TRIAL_PROPERTY = "regzoo.test.sparkHoldTrial";

    private static final ThreadLocal<Runner> RUNNERS = new ThreadLocal<>();

    private final String master;

    /**
     * The function for one run.
     *
     * @param master the cluster the driver connected to (recorded in each trial's provenance)
     */
    public SparkTrial(String master) {
        this.master = master;
    }

    @Override
    public SparkReply call(TrialTask task) throws Exception {
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        String host = host();
        mark(task, attempt);
        Runner r = RUNNERS.get();
        if (r == null) {
            r = new Runner();
            RUNNERS.set(r);
        }
        r.warnings.clear();
        Path tmpModel = task.modelFile() == null ? null : Files.createTempFile("regzoo-trial-", ".zip");
        try {
            TrialTask here = tmpModel == null ? task
                    : new TrialTask(task.specJson(), task.trial(), tmpModel.toString());
            Optional<TrialOutcome> o;
            try {
                o = r.runner.run(here, RunListener.NONE);
            } catch (RegzooException e) {
                return new SparkReply(task.id(), null, null, r.warnings, e.getMessage(), host);
            }
            if (o.isEmpty()) {
                return new SparkReply(task.id(), null, null, r.warnings, null, host); // cancelled
            }
            TrialResult res = o.get().result();
            SparkEnv env = SparkEnv.get();
            ExecutorProvenance where = new ExecutorProvenance("spark", master, host,
                    env == null ? null : env.executorId(), attempt);
            TrialResult withWhere = SparkExecutor.withProvenance(res, res.provenance().withExecutor(where));
            byte[] zip = tmpModel != null && res.isOk() && Files.size(tmpModel) > 0 ? Files.readAllBytes(tmpModel) : null;
            return new SparkReply(task.id(), TrialCodec.toJson(withWhere), zip, r.warnings, null, host);
        } finally {
            if (tmpModel != null) {
                Files.deleteIfExists(tmpModel);
            }
        }
    }

    private static void mark(TrialTask task, int attempt) {
        String dir = System.getProperty(MARK_DIR_PROPERTY);
        if (dir == null) {
            return;
        }
        try {
            Path f = Path.of(dir).resolve(task.id().replace('/', '_') + "." + attempt);
            Files.writeString(f, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hold = System.getProperty(HOLD_MS_PROPERTY);
        String only = System.getProperty(HOLD_TRIAL_PROPERTY);
        if (hold != null && attempt == 0 && (only == null || only.equals(task.id()))) {
            try {
                Thread.sleep(Long.parseLong(hold));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return this machine's host name, or its address when the name cannot be found */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    /** One task thread's runner and the warnings of its current trial. */
    private static final class Runner {
        final List<String> warnings = new ArrayList<>();
        final TrialRunner runner = new TrialRunner(DataSources.defaults(), warnings::add);
    }
}
