package io.regzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM reads the same data as its parent: the properties that decide where data are go along. */
class ChildJvmTest {

    private static final List<String> KEYS = List.of("user.home", "java.io.tmpdir", "regzoo.x",
            "org.deeplearning4j.resources.directory", "org.bytedeco.javacpp.cachedir",
            "org.eclipse.deeplearning4j.helpers.disable");

    /** Runs {@code body} with the test properties set to values under {@code dir}, then restores them. */
    private static <T> T withProperties(Path dir, java.util.function.Supplier<T> body) {
        Map<String, String> old = new java.util.HashMap<>();
        for (String k : KEYS) {
            old.put(k, System.getProperty(k));
            System.setProperty(k, k.equals("org.eclipse.deeplearning4j.helpers.disable") ? "false"
                    : dir.resolve(k).toString());
        }
        try {
            return body.get();
        } finally {
            old.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    @Test
    void theCommandLineCarriesTheParentsHomeTmpdirAndDataProperties(@TempDir Path dir) {
        ChildJvm jvm = withProperties(dir, () -> ChildJvm.builder(PrintProperties.class).build());
        List<String> cmd = jvm.command();
        assertTrue(cmd.contains("-Duser.home=" + dir.resolve("user.home")), cmd.toString());
        assertTrue(cmd.contains("-Djava.io.tmpdir=" + dir.resolve("java.io.tmpdir")), cmd.toString());
        assertTrue(cmd.contains("-Dregzoo.x=" + dir.resolve("regzoo.x")), cmd.toString());
        assertTrue(cmd.contains("-Dorg.deeplearning4j.resources.directory="
                + dir.resolve("org.deeplearning4j.resources.directory")), cmd.toString());
        assertTrue(cmd.contains("-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("org.bytedeco.javacpp.cachedir")),
                cmd.toString());
        assertTrue(cmd.contains("-Dorg.eclipse.deeplearning4j.helpers.disable=false"), cmd.toString());
        // Properties go before the main class, so the JVM reads them and main does not get them as arguments.
        assertTrue(cmd.indexOf("-Duser.home=" + dir.resolve("user.home")) < cmd.indexOf(PrintProperties.class.getName()));
    }

    @Test
    void anExplicitPropertyWinsOverAForwardedOne(@TempDir Path dir) {
        ChildJvm jvm = withProperties(dir, () -> ChildJvm.builder(PrintProperties.class)
                .systemProperty("regzoo.x", "mine").build());
        assertTrue(jvm.command().contains("-Dregzoo.x=mine"), jvm.command().toString());
        assertEquals(1, jvm.command().stream().filter(a -> a.startsWith("-Dregzoo.x=")).count());
    }

    @Test
    void theEnvironmentIsTheParentsWithTheThreadCount() {
        Map<String, String> env = ChildJvm.builder(PrintProperties.class).ompThreads(3).build().processBuilder()
                .environment();
        System.getenv().forEach((k, v) -> {
            if (!k.equals("OMP_NUM_THREADS")) {
                assertEquals(v, env.get(k), k);
            }
        });
        assertEquals("3", env.get("OMP_NUM_THREADS"));
    }

    @Test
    void aRealChildSeesTheParentsHomeAndRegzooProperty(@TempDir Path dir) throws Exception {
        ChildJvm jvm = withProperties(dir, () -> ChildJvm.builder(PrintProperties.class).heapMb(64)
                .args(List.of("user.home", "regzoo.x", "java.io.tmpdir")).build());
        Process p = jvm.processBuilder().redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("user.home=" + dir.resolve("user.home"), "regzoo.x=" + dir.resolve("regzoo.x"),
                "java.io.tmpdir=" + dir.resolve("java.io.tmpdir")), out.lines().toList());
    }

    /** The child: prints {@code NAME=VALUE} for each system property named in its arguments. */
    public static final class PrintProperties {
        private PrintProperties() {}

        /**
         * Prints the properties.
         *
         * @param args property names
         */
        public static void main(String[] args) {
            for (String a : args) {
                System.out.println(a + "=" + System.getProperty(a));
            }
        }
    }
}
