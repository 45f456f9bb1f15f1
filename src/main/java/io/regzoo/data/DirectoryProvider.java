package io.regzoo.data;

import io.regzoo.RegzooException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the four files, raw ({@code train-images-idx3-ubyte}) or gzip ({@code ...-ubyte.gz}), in
 * one of a list of directories (the first that holds all four verified wins). Used for
 * {@code --data-dir}, the caches and Debian's {@code /usr/share/datasets/fashion-mnist}.
 *
 * <p>MNIST and Fashion-MNIST use the same file names, so a file that fails verification is also
 * checked against the other datasets' files ({@code others}): one that is theirs counts as absent for
 * this dataset ("holds MNIST's files"), not as a bad file.
 */
final class DirectoryProvider implements DataProvider {
    private final String label;
    private final List<Path> dirs;
    private final Map<String, List<ExpectedFile>> others;

    /**
     * A provider that knows no other dataset.
     *
     * @param label how messages name it
     * @param dirs the directories, in order
     */
    DirectoryProvider(String label, List<Path> dirs) {
        this(label, dirs, Map.of());
    }

    /**
     * A provider that tells the other datasets' files apart from bad ones.
     *
     * @param label how messages name it
     * @param dirs the directories, in order
     * @param others the other datasets' files, by display name
     */
    DirectoryProvider(String label, List<Path> dirs, Map<String, List<ExpectedFile>> others) {
        this.label = label;
        this.dirs = List.copyOf(dirs);
        this.others = Map.copyOf(others);
    }

    /**
     * Thrown when a directory holds some of the dataset's files but not all four verified (a bad,
     * truncated or missing file among them): the directory is meant for this dataset and unusable, as
     * opposed to holding none of its files.
     */
    static final class BadFiles extends RegzooException {
        private static final long serialVersionUID = 1L;

        BadFiles(String message) {
            super(message);
        }
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public Map<ExpectedFile, Path> provide(String name, List<ExpectedFile> files, Path scratch) {
        List<String> problems = new ArrayList<>();
        List<String> badProblems = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                problems.add(dir + ": no such directory");
                continue;
            }
            Map<ExpectedFile, Path> found = new LinkedHashMap<>();
            List<String> dirProblems = new ArrayList<>();
            Set<String> foreign = new LinkedHashSet<>();
            int absent = 0;
            for (ExpectedFile f : files) {
                Path p = find(dir, f);
                if (p == null) {
                    absent++;
                    dirProblems.add(dir.resolve(f.fileName()) + "[.gz]: missing");
                    continue;
                }
                try {
                    found.put(f, IdxFiles.verify(p, f).path());
                } catch (RegzooException e) {
                    String owner = owner(p, f, others);
                    if (owner != null) {
                        absent++;
                        foreign.add(owner);
                        dirProblems.add(p + ": " + owner + "'s file, not " + name + "'s");
                    } else {
                        dirProblems.add(e.getMessage());
                    }
                }
            }
            if (found.size() == files.size()) {
                return found;
            }
            if (absent == files.size()) {
                problems.add(dir + ": none of the " + files.size() + " " + name + " IDX files"
                        + (foreign.isEmpty() ? "" : " (it holds " + String.join(" and ", foreign) + "'s)"));
            } else {
                problems.addAll(dirProblems);
                badProblems.addAll(dirProblems);
            }
        }
        // a folder with bad files: name only them, not the other places that were empty
        throw badProblems.isEmpty() ? new RegzooException(String.join("; ", problems))
                : new BadFiles(String.join("; ", badProblems));
    }

    /**
     * The dataset a file that failed {@code f}'s verification belongs to instead, if any.
     *
     * @param p the file
     * @param f what it was expected to be
     * @param others the other datasets' files, by display name
     * @return the other dataset's display name, or null
     */
    static String owner(Path p, ExpectedFile f, Map<String, List<ExpectedFile>> others) {
        for (Map.Entry<String, List<ExpectedFile>> o : others.entrySet()) {
            for (ExpectedFile g : o.getValue()) {
                if (g.fileName().equals(f.fileName()) && !g.md5().equals(f.md5())) {
                    try {
                        IdxFiles.verify(p, g);
                        return o.getKey();
                    } catch (RegzooException notTheirs) {
                        // bad for them too
                    }
                }
            }
        }
        return null;
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
