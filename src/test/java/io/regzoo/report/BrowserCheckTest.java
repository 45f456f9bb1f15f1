package io.regzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Opens the rendered {@code index.html} from disk in headless Chromium with name resolution off,
 * takes a full-page screenshot, and checks that every chart is laid out, decoded and visibly drawn
 * where it sits, and that the page logged nothing to the console. Skipped when
 * {@code /usr/bin/chromium} is absent (CI installs Debian's {@code chromium}).
 *
 * <p>The page and screenshot stay in {@code target/report-browser-check/} for a human to look at.
 */
@org.junit.jupiter.api.Tag("subprocess")
class BrowserCheckTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1280;

    /** Measures the charts: injected into a copy of the page only, never into the report itself. */
    private static final String PROBE = "<pre id=\"probe\"></pre><script>"
            + "window.addEventListener('load',function(){var r={imgs:[],resources:[],"
            + "height:Math.ceil(document.documentElement.scrollHeight)};"
            + "document.querySelectorAll('img').forEach(function(i){var b=i.getBoundingClientRect();"
            + "r.imgs.push({id:i.id,x:b.left+window.scrollX,y:b.top+window.scrollY,w:b.width,h:b.height,"
            + "complete:i.complete,naturalWidth:i.naturalWidth});});"
            + "performance.getEntriesByType('resource').forEach(function(e){r.resources.push(e.name.substring(0,40));});"
            + "document.getElementById('probe').textContent=JSON.stringify(r);});</script>";

    @Test
    void chartsAreVisibleOfflineAndThePageLogsNoErrors() throws Exception {
        if (System.getenv("CI") != null) {
            assertTrue(Files.isExecutable(CHROMIUM), "Chromium not installed at " + CHROMIUM + ": .ci/run must install it");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not installed at " + CHROMIUM + " (CI installs it)");
        Path dir = Path.of("target", "report-browser-check").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        ReportRenderTest.writeExperiment(dir, true);
        RenderedReport report = Report.render(dir);
        String html = Files.readString(report.html());

        // 1. Layout: where is each chart, did it decode, did anything try the network?
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));
        Run dom = chromium(dir, "--dump-dom", "--window-size=" + WIDTH + ",1000", probe.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom.stdout);
        assertTrue(m.find(), "probe output in the DOM; stderr:\n" + dom.stderr);
        JsonNode layout = ResultsFile.mapper().readTree(m.group(1).replace("&quot;", "\""));
        assertEquals(report.charts().size(), layout.get("imgs").size(), "one <img> per chart");
        assertEquals(0, layout.get("resources").size(), "no resource loaded from anywhere: " + layout.get("resources"));
        for (JsonNode img : layout.get("imgs")) {
            assertTrue(img.get("id").asText().startsWith("chart-"), img.toString());
            assertTrue(img.get("complete").asBoolean() && img.get("naturalWidth").asInt() == Charts.WIDTH,
                    "chart decoded: " + img);
            assertTrue(img.get("w").asDouble() >= 400 && img.get("h").asDouble() >= 200, "chart has a readable size: " + img);
        }

        // 2. Pixels: screenshot the real page (no probe) at full height, check each chart's region is drawn.
        int height = layout.get("height").asInt();
        Path shot = dir.resolve("screenshot.png");
        Run s = chromium(dir, "--screenshot=" + shot, "--window-size=" + WIDTH + "," + height,
                report.html().toUri().toString());
        assertTrue(Files.size(shot) > 0, "screenshot written; stderr:\n" + s.stderr);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(height, img.getHeight(), "screenshot covers the whole page");
        for (JsonNode c : layout.get("imgs")) {
            double[] st = regionStats(img, (int) c.get("x").asDouble(), (int) c.get("y").asDouble(),
                    (int) c.get("w").asDouble(), (int) c.get("h").asDouble());
            assertTrue(st[0] > 0.01, c.get("id").asText() + " has drawn (non-white) pixels: " + st[0]);
            assertTrue(st[1] > 8, c.get("id").asText() + " is not a flat image: std " + st[1]);
        }

        // 3. Console: the page itself runs no script and must log nothing (no failed loads, no errors).
        for (Run r : List.of(dom, s)) {
            List<String> console = r.stderr.lines().filter(l -> l.contains(":CONSOLE(") || l.contains("net::ERR_"))
                    .toList();
            assertTrue(console.isEmpty(), "console messages: " + console);
        }
        assertFalse(s.stderr.contains("Uncaught"), s.stderr);
    }

    /** Fraction of clearly non-white pixels and the luminance standard deviation, over a grid of samples. */
    private static double[] regionStats(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        int dark = 0;
        double sum = 0;
        double sum2 = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y += 2) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x += 2) {
                int rgb = img.getRGB(x, y);
                double lum = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                n++;
                sum += lum;
                sum2 += lum * lum;
                if (lum < 200) {
                    dark++;
                }
            }
        }
        double mean = sum / Math.max(1, n);
        return new double[] {(double) dark / Math.max(1, n), Math.sqrt(Math.max(0, sum2 / Math.max(1, n) - mean * mean))};
    }

    private record Run(String stdout, String stderr) {}

    private static Run chromium(Path workDir, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("regzoo-chromium-");
        try {
            List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                    "--force-device-scale-factor=1", "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                    "--user-data-dir=" + profile));
            cmd.addAll(List.of(args));
            Path out = workDir.resolve("chromium.out");
            Path err = workDir.resolve("chromium.err");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 90 s: " + cmd);
            }
            return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
