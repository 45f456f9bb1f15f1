package io.regzoo.spark;

import io.regzoo.train.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: one {@code org.apache.spark.deploy.master.Master}
 * and single-core {@code org.apache.spark.deploy.worker.Worker}s, each in its own JVM (from the test's class
 * path, which holds the Spark jars), logs under the given folder. {@link #close()} stops every process it
 * started, executors included.
 */
final class StandaloneCluster implements AutoCloseable {

    static final String MASTER = "org.apache.spark.deploy.master.Master";
    static final String WORKER = "org.apache.spark.deploy.worker.Worker";

    private final Path dir;
    private final int port;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final int workerMemoryMb;

    private StandaloneCluster(Path dir, int workerMemoryMb) throws IOException {
        this.dir = dir;
        this.workerMemoryMb = workerMemoryMb;
        Files.createDirectories(dir.resolve("spark-home/jars")); // a Spark home without jars: the class path has them
        this.port = freePort();
        this.master = start("master", MASTER, List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(freePort())));
        awaitPort(port, 60);
    }

    /**
     * Starts a master and {@code n} workers of one core each.
     *
     * @param dir a folder for logs and work directories
     * @param n workers
     * @param workerMemoryMb memory each worker offers executors
     * @return the cluster
     * @throws IOException when a process cannot start
     */
    static StandaloneCluster start(Path dir, int n, int workerMemoryMb) throws IOException {
        StandaloneCluster c = new StandaloneCluster(dir, workerMemoryMb);
        try {
            for (int i = 0; i < n; i++) {
                c.addWorker();
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** @return {@code spark://127.0.0.1:PORT} */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /**
     * Starts one more single-core worker.
     *
     * @return its process
     * @throws IOException when it cannot start
     */
    Process addWorker() throws IOException {
        int i = workers.size();
        Path work = Files.createDirectories(dir.resolve("work-" + i));
        Process p = start("worker-" + i, WORKER, List.of("--host", "127.0.0.1", "--cores", "1", "--memory",
                workerMemoryMb + "m", "--webui-port", Integer.toString(freePort()), "--work-dir", work.toString(), url()));
        workers.add(p);
        return p;
    }

    /** @return the workers started, live or not */
    List<Process> workers() {
        return workers;
    }

    private Process start(String name, String mainClass, List<String> args) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(mainClass);
        all.addAll(args);
        ProcessBuilder pb = ChildJvm.builder(ClusterProcess.class).heapMb(512).args(all).build().processBuilder();
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        return pb.start();
    }

    /**
     * Kills a process and everything it started (a worker's executors), at once.
     *
     * @param p the process
     * @throws InterruptedException when interrupted while waiting for it
     */
    static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws IOException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        throw new IOException("the Spark master did not listen on port " + port + " within " + seconds + " s");
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            try {
                kill(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
