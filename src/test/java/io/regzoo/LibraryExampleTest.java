package io.regzoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use regzoo as a library" section is true: a separate Maven project whose POM holds the
 * README's {@code <dependency>} compiles the README's {@code java} block (imports on top, the statements
 * in {@code main}) against the artifact and runs it; its classpath has no CLI-only dependency.
 *
 * <p>The artifact is built from this working tree ({@code target/classes} and {@code pom.xml}), not taken
 * from a previous {@code mvn install}, so the test cannot pass on a stale install. It goes into a
 * temporary local repository whose other entries are symbolic links into the user's local repository
 * (Maven 3.8 has no chained local repositories): the user's {@code io/regzoo} is neither read nor
 * written. The inner Maven runs offline ({@code -o}): the consumer needs regzoo's own dependencies and
 * the compiler, resources and dependency plugins, all of which building regzoo and running
 * {@code ./regzoo} (as CI's {@code .ci/run} does first) have already put into the local repository.
 */
@Tag("subprocess")
@Tag("slow")
class LibraryExampleTest {

    private static final String SECTION = "## Use regzoo as a library";

    @Test
    void readmeLibraryExampleCompilesAndRunsInASeparateProject(@TempDir Path tmp) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md has a section '" + SECTION + "'");
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        String dependency = block(section, "xml");
        String example = block(section, "java");

        String version = tag(dependency, "version");
        assertEquals("io.regzoo", tag(dependency, "groupId"));
        assertEquals("regzoo", tag(dependency, "artifactId"));
        assertEquals(projectVersion(), version, "the README's version is the POM's");

        Path repo = localRepository(tmp.resolve("repo"), version);
        Path project = tmp.resolve("consumer");
        writeProject(project, dependency, example);

        Path cpFile = project.resolve("cp.txt");
        Result build = exec(project, 600, "mvn", "-B", "-q", "-o", "-Dmaven.repo.local=" + repo, "compile",
                "dependency:build-classpath", "-Dmdep.outputFile=" + cpFile);
        assertEquals(0, build.status, "the consumer project builds:\n" + build.output);
        String cp = Files.readString(cpFile).trim();
        assertTrue(cp.contains(repo.resolve("io/regzoo/regzoo/" + version).toString()), "regzoo from the temporary repository: " + cp);
        for (String cliOnly : List.of("picocli", "progressbar", "slf4j-simple")) {
            assertFalse(cp.contains("/" + cliOnly + "-"), cliOnly + " is not inherited: " + cp);
        }
        assertTrue(cp.contains("/slf4j-api-"), "the SLF4J API is: " + cp);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Result run = exec(project, 900, java.toString(), "-Xmx2g", "-cp", project.resolve("target/classes") + ":" + cp,
                "Example");
        assertEquals(0, run.status, "the example runs:\n" + run.output);
        assertTrue(run.output.contains("val accuracy"), run.output);
        assertTrue(Files.exists(project.resolve("target/regzoo-doc1/index.html")), "the report:\n" + run.output);
        assertTrue(Files.exists(project.resolve("target/regzoo-doc1/results.jsonl")));
    }

    /** The content of the first fenced block of a language in a Markdown text. */
    private static String block(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertTrue(m.find(), "a ```" + language + " block in the README's library section");
        return m.group(1);
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]+?)\\s*</" + name + ">").matcher(xml);
        assertTrue(m.find(), "<" + name + "> in " + xml);
        return m.group(1);
    }

    /** The project's version: the first {@code <version>} after the project's {@code <artifactId>}. */
    private static String projectVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        return tag(pom.substring(pom.indexOf("<artifactId>regzoo</artifactId>")), "version");
    }

    /**
     * A local repository holding this working tree's regzoo (jar from {@code target/classes}, POM from
     * {@code pom.xml}) and, as links, everything else of the user's local repository.
     */
    private static Path localRepository(Path repo, String version) throws Exception {
        String configured = System.getProperty("maven.repo.local");
        Path user = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        assertTrue(Files.isDirectory(user), "the local Maven repository " + user + " (build regzoo with Maven first)");
        Files.createDirectories(repo.resolve("io"));
        try (Stream<Path> top = Files.list(user)) {
            for (Path p : (Iterable<Path>) top::iterator) {
                if (!p.getFileName().toString().equals("io")) {
                    Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p);
                }
            }
        }
        if (Files.isDirectory(user.resolve("io"))) {
            try (Stream<Path> io = Files.list(user.resolve("io"))) {
                for (Path p : (Iterable<Path>) io::iterator) {
                    if (!p.getFileName().toString().equals("regzoo")) {
                        Files.createSymbolicLink(repo.resolve("io").resolve(p.getFileName().toString()), p);
                    }
                }
            }
        }
        Path dir = Files.createDirectories(repo.resolve("io/regzoo/regzoo/" + version));
        Files.copy(Path.of("pom.xml"), dir.resolve("regzoo-" + version + ".pom"));
        Path classes = Path.of(RegzooException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("regzoo-" + version + ".jar")), mf);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                if (name.startsWith(".")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return repo;
    }

    /** A Maven project: the README's dependency, Java 17, and the README's block as {@code Example.main}. */
    private static void writeProject(Path project, String dependency, String example) throws IOException {
        Files.createDirectories(project.resolve("src/main/java"));
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>regzoo-consumer</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                %s
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.13.0</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>3.6.1</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(dependency);
        Files.writeString(project.resolve("pom.xml"), pom);
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : example.split("\n")) {
            (line.startsWith("import ") ? imports : body).add(line);
        }
        String source = String.join("\n", imports) + "\n\npublic class Example {\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + String.join("\n", body) + "\n    }\n}\n";
        Files.writeString(project.resolve("src/main/java/Example.java"), source);
    }

    private record Result(int status, String output) {}

    private static Result exec(Path dir, int timeoutSeconds, String... command) throws Exception {
        Path log = dir.resolve("exec-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            // no input
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
