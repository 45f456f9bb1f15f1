package io.regzoo.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs a Jupyter notebook's Java code cells in order through the JDK's JShell API, in a separate
 * JVM with the given classpath. The notebooks themselves run in Jupyter ({@link NotebooksTest});
 * this runner is kept for the README's Java blocks ({@link ReadmeExamplesTest}), which it checks
 * with the repository root as working directory on any machine, Jupyter installed or not. Lines starting with
 * {@code %} are kernel magics (e.g. JJava's {@code %jars}) and are skipped. A {@code display(Object)}
 * method is predefined as in JJava: images become {@code image/png} outputs, anything else text.
 */
final class NotebookExecutor {

    private static final String MARK = "@@regzoo-display-png ";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What running a notebook found. */
    record Result(List<String> errors, int images) {}

    private NotebookExecutor() {}

    static Result execute(Path notebook, Path out, String classpath) throws IOException {
        ObjectNode nb = (ObjectNode) JSON.readTree(notebook.toFile());
        List<String> errors = new ArrayList<>();
        int images = 0;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (JShell sh = JShell.builder().out(ps).err(ps)
                .remoteVMOptions("-Xmx3g", "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build()) {
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    sh.addToClasspath(entry);
                }
            }
            eval(sh, "void display(Object o) { if (o instanceof java.awt.image.RenderedImage) { try { "
                    + "java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(); "
                    + "javax.imageio.ImageIO.write((java.awt.image.RenderedImage) o, \"png\", b); "
                    + "System.out.println(\"" + MARK + "\" + java.util.Base64.getEncoder().encodeToString(b.toByteArray())); "
                    + "} catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } } "
                    + "else System.out.println(o); }", new ArrayList<>());
            int count = 0;
            int cellNo = 0;
            for (JsonNode c : nb.withArray("cells")) {
                cellNo++;
                if (!"code".equals(c.path("cell_type").asText())) {
                    continue;
                }
                ObjectNode cell = (ObjectNode) c;
                String src = source(cell);
                buf.reset();
                List<String> cellErrors = new ArrayList<>();
                String lastValue = runCell(sh, src, cellErrors);
                ps.flush();
                ArrayNode outputs = JSON.createArrayNode();
                StringBuilder text = new StringBuilder();
                for (String line : buf.toString(StandardCharsets.UTF_8).split("\n", -1)) {
                    if (line.startsWith(MARK)) {
                        flushText(outputs, text);
                        ObjectNode d = outputs.addObject();
                        d.put("output_type", "display_data");
                        d.putObject("data").put("image/png", line.substring(MARK.length()).trim());
                        d.putObject("metadata");
                        images++;
                    } else {
                        text.append(line).append('\n');
                    }
                }
                flushText(outputs, text);
                count++;
                if (lastValue != null && cellErrors.isEmpty()) {
                    ObjectNode r = outputs.addObject();
                    r.put("output_type", "execute_result");
                    r.put("execution_count", count);
                    r.putObject("data").put("text/plain", lastValue);
                    r.putObject("metadata");
                }
                for (String e : cellErrors) {
                    ObjectNode err = outputs.addObject();
                    err.put("output_type", "error");
                    err.put("ename", "CellError");
                    err.put("evalue", e);
                    err.putArray("traceback").add(e);
                    errors.add("cell " + cellNo + ": " + e);
                }
                cell.set("outputs", outputs);
                cell.put("execution_count", count);
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JSON.writeValueAsString(nb) + "\n");
        return new Result(errors, images);
    }

    private static void flushText(ArrayNode outputs, StringBuilder text) {
        String t = text.toString().replaceAll("\n+$", "");
        text.setLength(0);
        if (!t.isBlank()) {
            ObjectNode s = outputs.addObject();
            s.put("output_type", "stream");
            s.put("name", "stdout");
            s.put("text", t + "\n");
        }
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        String src;
        if (s.isArray()) {
            StringBuilder b = new StringBuilder();
            s.forEach(n -> b.append(n.asText()));
            src = b.toString();
        } else {
            src = s.asText();
        }
        return src.lines().filter(l -> !l.stripLeading().startsWith("%")).collect(Collectors.joining("\n"));
    }

    /** Runs a cell's snippets in order; returns the value of a trailing expression, if any. */
    private static String runCell(JShell sh, String src, List<String> errors) {
        SourceCodeAnalysis sca = sh.sourceCodeAnalysis();
        String rest = src;
        String value = null;
        while (!rest.isBlank() && errors.isEmpty()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            String snippet = ci.source();
            if (ci.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY || snippet == null) {
                if (ci.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
                    errors.add("incomplete code at: " + rest.strip().lines().findFirst().orElse(""));
                }
                break;
            }
            value = eval(sh, snippet, errors);
            rest = ci.remaining();
        }
        return value;
    }

    private static String eval(JShell sh, String snippet, List<String> errors) {
        String value = null;
        for (SnippetEvent e : sh.eval(snippet)) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet s = e.snippet();
            if (e.exception() != null) {
                Throwable t = e.exception();
                String name = t instanceof jdk.jshell.EvalException ? ((jdk.jshell.EvalException) t).getExceptionClassName()
                        : t.getClass().getName();
                errors.add(name + ": " + t.getMessage() + " in: " + firstLine(snippet));
            } else if (e.status() == Snippet.Status.REJECTED) {
                String diag = sh.diagnostics(s).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
                errors.add("does not compile: " + diag + " in: " + firstLine(snippet));
            } else if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                errors.add("unresolved references in: " + firstLine(snippet) + " ("
                        + sh.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).collect(Collectors.joining(", ")) + ")");
            } else if (s.kind() == Snippet.Kind.EXPRESSION || s.kind() == Snippet.Kind.VAR && s.subKind()
                    == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                value = e.value();
            }
        }
        return value;
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }
}
