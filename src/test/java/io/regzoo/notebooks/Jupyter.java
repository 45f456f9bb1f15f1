package io.regzoo.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Executes notebooks with Jupyter's own runner ({@code jupyter nbconvert --execute}) on the Java
 * kernel the build assembles: rapaio-jupyter-kernel's jar, {@code KernelLauncher} and regzoo's
 * classpath in {@code target/jupyter/kernels/regzoo-java/kernel.json} (see the pom and
 * notebooks-java/README.md). The kernel spec is copied into a private {@code JUPYTER_PATH} so
 * that neither the user's kernels nor their Jupyter configuration take part.
 */
final class Jupyter {

    /** The kernel spec's name, as the notebooks' metadata names it. */
    static final String KERNEL = "regzoo-java";
    /** Where the build writes the kernel spec (maven-resources-plugin, process-test-resources). */
    static final Path KERNEL_SPEC = Paths.get("target", "jupyter", "kernels", KERNEL, "kernel.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What executing one notebook gave. */
    record Run(Path executed, List<String> errors, int images, String text, String log) {}

    private final List<String> nbconvert;
    private final Path home;

    private Jupyter(List<String> nbconvert, Path home) {
        this.nbconvert = nbconvert;
        this.home = home;
    }

    /**
     * Finds {@code jupyter nbconvert} ({@code jupyter-nbconvert} or {@code jupyter nbconvert} on the
     * PATH, or the command in {@code -Dregzoo.jupyter.nbconvert=...}, e.g. a virtualenv's) and sets up a private Jupyter directory holding the kernel spec.
     *
     * @param home an empty directory for Jupyter's path, data, runtime and config
     * @return the runner, or {@code null} when no {@code jupyter nbconvert} is installed
     * @throws IOException when the kernel spec is missing (the build did not run) or cannot be copied
     */
    static Jupyter find(Path home) throws IOException {
        List<String> cmd = null;
        String given = System.getProperty("regzoo.jupyter.nbconvert");
        List<List<String>> candidates = given != null ? List.of(List.of(given))
                : List.of(List.of("jupyter-nbconvert"), List.of("jupyter", "nbconvert"));
        for (List<String> candidate : candidates) {
            if (answers(candidate)) {
                cmd = candidate;
                break;
            }
        }
        if (cmd == null) {
            return null;
        }
        if (!Files.isRegularFile(KERNEL_SPEC)) {
            throw new IOException(KERNEL_SPEC + " is missing: run the tests through Maven (mvn test), "
                    + "whose process-test-resources phase writes it");
        }
        Path spec = home.resolve("path").resolve("kernels").resolve(KERNEL);
        Files.createDirectories(spec);
        Files.copy(KERNEL_SPEC, spec.resolve("kernel.json"));
        return new Jupyter(cmd, home);
    }

    private static boolean answers(List<String> cmd) {
        List<String> full = new ArrayList<>(cmd);
        full.add("--version");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Executes every cell of a notebook in a fresh kernel, keeping going after an error cell, and
     * writes the executed copy (with outputs) into a directory.
     *
     * @param notebook the notebook; its directory is the kernel's working directory
     * @param outDir where the executed copy goes, under the notebook's file name
     * @param timeout the most the whole run may take
     * @return the error outputs (as "cell N: ename: evalue"), the number of PNG outputs, all text
     *     outputs joined, and Jupyter's log (also in {@code target/notebooks/logs/})
     * @throws IOException when nbconvert fails to produce the executed notebook
     * @throws InterruptedException when interrupted while waiting
     */
    Run execute(Path notebook, Path outDir, java.time.Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        List<String> cmd = new ArrayList<>(nbconvert);
        cmd.addAll(List.of("--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.kernel_name=" + KERNEL,
                "--ExecutePreprocessor.timeout=" + timeout.toSeconds(),
                // a cold kernel is ready in ~5-20 s (JShell, regzoo's classpath); this only bounds a broken one
                "--ExecutePreprocessor.startup_timeout=180",
                "--output-dir", outDir.toAbsolutePath().toString(), notebook.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_PATH", home.resolve("path").toAbsolutePath().toString());
        env.put("JUPYTER_DATA_DIR", home.resolve("data").toAbsolutePath().toString());
        env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toAbsolutePath().toString());
        env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toAbsolutePath().toString());
        env.put("JUPYTER_PLATFORM_DIRS", "1");
        Path logs = Paths.get("target", "notebooks", "logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(notebook.getFileName() + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds() + 240, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException(notebook + " did not finish in " + timeout + "; log:\n" + tail(log));
        }
        Path executed = outDir.resolve(notebook.getFileName());
        if (p.exitValue() != 0 || !Files.isRegularFile(executed)) {
            throw new IOException("jupyter nbconvert exited with " + p.exitValue() + " on " + notebook + ":\n" + tail(log));
        }
        return read(executed, Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Reads an executed notebook's outputs. */
    static Run read(Path executed, String log) throws IOException {
        JsonNode nb = JSON.readTree(executed.toFile());
        List<String> errors = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int images = 0;
        int cellNo = 0;
        for (JsonNode cell : nb.path("cells")) {
            cellNo++;
            for (JsonNode out : cell.path("outputs")) {
                String type = out.path("output_type").asText();
                if ("error".equals(type)) {
                    errors.add("cell " + cellNo + ": " + out.path("ename").asText() + ": " + out.path("evalue").asText());
                }
                if (out.has("text")) {
                    text.append(joined(out.get("text")));
                }
                JsonNode data = out.path("data");
                if (data.has("image/png")) {
                    images++;
                }
                for (String mime : List.of("text/plain", "text/html", "text/markdown")) {
                    if (data.has(mime)) {
                        text.append(joined(data.get(mime))).append('\n');
                    }
                }
            }
        }
        return new Run(executed, errors, images, text.toString(), log);
    }

    private static String joined(JsonNode n) {
        if (!n.isArray()) {
            return n.asText();
        }
        StringBuilder b = new StringBuilder();
        n.forEach(x -> b.append(x.asText()));
        return b.toString();
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
