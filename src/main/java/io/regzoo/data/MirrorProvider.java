package io.regzoo.data;

import io.regzoo.RegzooException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP mirrors the user configured (system property {@code regzoo.mirrors} or environment variable
 * {@code REGZOO_MIRRORS}: comma-separated base URLs; there is no default). For each mirror the four
 * files are requested as {@code BASE/<name>.gz}, then {@code BASE/<name>}; an unreachable mirror
 * (connect timeout) is skipped at once.
 */
final class MirrorProvider implements DataProvider {
    private final List<URI> mirrors;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    MirrorProvider(List<URI> mirrors, Duration connectTimeout, Duration requestTimeout) {
        this.mirrors = List.copyOf(mirrors);
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Parses a comma-separated list of http(s) base URLs.
     *
     * @param value the list, may be null or blank
     * @param origin where it came from, for messages (e.g. {@code regzoo.mirrors})
     * @return the URLs, each ending with {@code /}
     * @throws RegzooException naming the origin and the bad entry
     */
    static List<URI> parse(String value, String origin) {
        List<URI> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            URI u;
            try {
                u = URI.create(s.endsWith("/") ? s : s + "/");
            } catch (IllegalArgumentException e) {
                throw new RegzooException(origin + ": '" + s + "' is not a URL (" + e.getMessage() + ")", e);
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new RegzooException(origin + ": '" + s + "' is not an http(s) URL");
            }
            out.add(u);
        }
        return out;
    }

    @Override
    public String describe() {
        return "mirrors " + (mirrors.isEmpty() ? "(none set)" : mirrors.toString());
    }

    @Override
    public Map<ExpectedFile, Path> provide(String name, List<ExpectedFile> files, Path scratch) {
        if (mirrors.isEmpty()) {
            throw new RegzooException("no mirror set (system property regzoo.mirrors or env REGZOO_MIRRORS)");
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<String> problems = new ArrayList<>();
        int m = 0;
        for (URI base : mirrors) {
            Path dir = scratch.resolve("mirror-" + (m++));
            try {
                Files.createDirectories(dir);
                return fromMirror(client, base, dir, files);
            } catch (RegzooException e) {
                problems.add(base + ": " + e.getMessage());
            } catch (IOException e) {
                problems.add(base + ": " + e.getMessage());
            }
        }
        throw new RegzooException(String.join("; ", problems));
    }

    private Map<ExpectedFile, Path> fromMirror(HttpClient client, URI base, Path dir, List<ExpectedFile> files) {
        Map<ExpectedFile, Path> found = new LinkedHashMap<>();
        for (ExpectedFile f : files) {
            String lastProblem = null;
            for (String fileName : List.of(f.gzName(), f.fileName())) {
                URI uri = base.resolve(fileName);
                Path target = dir.resolve(fileName);
                HttpResponse<Path> response;
                try {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
                    response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
                } catch (HttpConnectTimeoutException | ConnectException e) {
                    throw new RegzooException("unreachable (" + e.getClass().getSimpleName() + ")", e);
                } catch (HttpTimeoutException e) {
                    throw new RegzooException(uri + ": timed out after " + requestTimeout.toSeconds() + " s", e);
                } catch (IOException e) {
                    throw new RegzooException(uri + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegzooException(uri + ": interrupted", e);
                }
                if (response.statusCode() != 200) {
                    lastProblem = uri + ": HTTP " + response.statusCode();
                    continue;
                }
                found.put(f, IdxFiles.verify(target, f).path());
                lastProblem = null;
                break;
            }
            if (lastProblem != null) {
                throw new RegzooException(lastProblem);
            }
        }
        return found;
    }
}
