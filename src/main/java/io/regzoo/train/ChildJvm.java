package io.regzoo.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts a Java main class in a fresh JVM on this JVM's class path: the one launcher behind the
 * parallel trial workers and the benchmark's measurements. The child runs this JVM's {@code java}
 * binary with this JVM's class path, the given heap ({@code -Xmx}), every system property that
 * decides where data, caches, temporary files and natives come from ({@code user.home},
 * {@code java.io.tmpdir}, {@code java.library.path}, {@code regzoo.*}, {@code org.deeplearning4j.*},
 * {@code org.eclipse.deeplearning4j.*}, {@code org.nd4j.*}, {@code org.bytedeco.*}), SLF4J's
 * ({@code org.slf4j.*}) and this JVM's {@code --add-opens}/{@code --enable-native-access} options, so
 * a worker reads the same data as its parent (e.g. after {@code REGZOO_JAVA_OPTS="-Duser.home=DIR"}).
 * Its environment is this process's (so {@code REGZOO_DATA_DIR}, {@code REGZOO_MIRRORS} and every other
 * variable reach it) with {@code OMP_NUM_THREADS} set to the given thread count and
 * {@code OMP_WAIT_POLICY=PASSIVE} unless this process's environment chose a policy (idle OpenMP
 * threads then sleep instead of spinning on cores other processes need). The child calls {@link #exitWithParent(int)} so that it never outlives its
 * parent.
 *
 * <pre>{@code
 * Process p = ChildJvm.builder(MyWorker.class).heapMb(2048).ompThreads(1).args(List.of("x")).build().start();
 * }</pre>
 */
public final class ChildJvm {

    /**
     * Prefixes of the system properties a child gets from its parent: regzoo's own, logging, and
     * everything by which DL4J, ND4J and JavaCPP decide where data, caches, temporary files and
     * natives are ({@code org.deeplearning4j.resources.directory}, {@code org.nd4j.tempdir},
     * {@code org.bytedeco.javacpp.cachedir}, {@code org.eclipse.deeplearning4j.helpers.disable}, ...).
     */
    static final List<String> FORWARDED_PREFIXES = List.of("regzoo.", "org.slf4j.", "org.eclipse.deeplearning4j.",
            "org.deeplearning4j.", "org.nd4j.", "org.bytedeco.");

    /**
     * System properties a child gets from its parent by exact name: where the home folder (DL4J's and
     * regzoo's default data folders), temporary files and native libraries are.
     */
    static final List<String> FORWARDED_NAMES = List.of("user.home", "java.io.tmpdir", "java.library.path");
    private static final List<String> FORWARDED_JVM_OPTIONS = List.of("--add-opens", "--enable-native-access");

    private final List<String> command;
    private final int ompThreads;

    private ChildJvm(Builder b) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String p : System.getProperties().stringPropertyNames()) {
            if (FORWARDED_NAMES.contains(p) || FORWARDED_PREFIXES.stream().anyMatch(p::startsWith)) {
                props.put(p, System.getProperty(p));
            }
        }
        props.putAll(b.properties);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + b.heapMb + "m");
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (FORWARDED_JVM_OPTIONS.stream().anyMatch(a::startsWith)) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(b.mainClass.getName());
        cmd.addAll(b.args);
        this.command = List.copyOf(cmd);
        this.ompThreads = b.ompThreads;
    }

    /**
     * Starts a builder: 1 GiB heap, one OpenMP thread, no arguments.
     *
     * @param mainClass the class whose {@code main} the child runs
     * @return a new builder
     */
    public static Builder builder(Class<?> mainClass) {
        return new Builder(mainClass);
    }

    /** @return the child's command line */
    public List<String> command() {
        return command;
    }

    /**
     * The process builder for the child (command and environment set; standard streams are the
     * caller's to redirect).
     *
     * @return a new process builder
     */
    public ProcessBuilder processBuilder() {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(ompThreads));
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        return pb;
    }

    /**
     * Starts the child with standard error inherited and standard input and output piped.
     *
     * @return the running process
     * @throws IOException when it cannot be started
     */
    public Process start() throws IOException {
        return processBuilder().redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * In a child JVM: halt with {@code status} as soon as the parent process ends (even when it was
     * killed with {@code kill -9} and could not stop its children), rather than work for nobody.
     *
     * @param status the exit status to halt with
     */
    public static void exitWithParent(int status) {
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(status)));
    }

    /** Builds a {@link ChildJvm}. */
    public static final class Builder {
        private final Class<?> mainClass;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private long heapMb = 1024;
        private int ompThreads = 1;

        private Builder(Class<?> mainClass) {
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        }

        /**
         * @param args the arguments of the child's {@code main}
         * @return this builder
         */
        public Builder args(List<String> args) {
            this.args.clear();
            this.args.addAll(args);
            return this;
        }

        /**
         * @param mb maximum heap in MiB ({@code -Xmx})
         * @return this builder
         * @throws IllegalArgumentException when {@code mb < 16}
         */
        public Builder heapMb(long mb) {
            if (mb < 16) {
                throw new IllegalArgumentException("heap must be at least 16 MiB, got " + mb);
            }
            this.heapMb = mb;
            return this;
        }

        /**
         * @param threads native (OpenMP) threads of the child ({@code OMP_NUM_THREADS})
         * @return this builder
         * @throws IllegalArgumentException when {@code threads < 1}
         */
        public Builder ompThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.ompThreads = threads;
            return this;
        }

        /**
         * Sets a system property of the child, over a forwarded one of the same name.
         *
         * @param key the property
         * @param value its value
         * @return this builder
         */
        public Builder systemProperty(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the launcher */
        public ChildJvm build() {
            return new ChildJvm(this);
        }
    }
}
