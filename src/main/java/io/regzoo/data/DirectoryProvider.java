package io.regzoo.data;

import io.regzoo.RegzooException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the four files, raw ({@code train-images-idx3-ubyte}) or gzip ({@code ...-ubyte.gz}), in
 * one of a list of directories (the first that holds all four verified wins). Used for
 * {@code --data-dir}, the caches and Debian's {@code /usr/share/datasets/fashion-mnist}.
 */
final class DirectoryProvider implements DataProvider {
    private final String label;
    private final List<Path> dirs;

    DirectoryProvider(String label, List<Path> dirs) {
        this.label = label;
        this.dirs = List.copyOf(dirs);
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public Map<ExpectedFile, Path> provide(String name, List<ExpectedFile> files, Path scratch) {
        List<String> problems = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                problems.add(dir + ": no such directory");
                continue;
            }
            Map<ExpectedFile, Path> found = new LinkedHashMap<>();
            List<String> dirProblems = new ArrayList<>();
            int missing = 0;
            for (ExpectedFile f : files) {
                Path p = find(dir, f);
                if (p == null) {
                    missing++;
                    dirProblems.add(dir.resolve(f.fileName()) + "[.gz]: missing");
                    continue;
                }
                try {
                    found.put(f, IdxFiles.verify(p, f).path());
                } catch (RegzooException e) {
                    dirProblems.add(e.getMessage());
                }
            }
            if (found.size() == files.size()) {
                return found;
            }
            if (missing == files.size()) {
                problems.add(dir + ": none of the " + files.size() + " " + name + " IDX files");
            } else {
                problems.addAll(dirProblems);
            }
        }
        throw new RegzooException(String.join("; ", problems));
    }

    /**
     * The file for {@code f} in {@code dir}: the raw name if present, else the gzip name, else null.
     *
     * @param dir the directory
     * @param f the expected file
     * @return the path or null
     */
    static Path find(Path dir, ExpectedFile f) {
        Path raw = dir.resolve(f.fileName());
        if (Files.exists(raw)) {
            return raw;
        }
        Path gz = dir.resolve(f.gzName());
        return Files.exists(gz) ? gz : null;
    }
}
