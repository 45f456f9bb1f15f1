package io.regzoo.data;

import io.regzoo.RegzooException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads MNIST, Fashion-MNIST and any other {@link DatasetId} entry into memory as {@link ArrayDataset}s: pixels normalized to [0,1]
 * (byte / 255), example shape {@code [1,28,28]} (NCHW for a CNN; call {@link ArrayDataset#flat()}
 * for an MLP's 784 inputs), labels 0..9.
 *
 * <pre>{@code
 * TrainTest mnist = Mnist.load();                  // fetch if needed, verify, load (about 2 s)
 * DataSetIterator train = mnist.train().iterator(64, 42);
 * DataSetIterator test = mnist.test().iterator(1000);
 * }</pre>
 *
 * <p>Unit tests use the shipped 600/200 sample instead: {@code MnistSample.load()} (test classpath,
 * {@code src/test/resources/mnist-sample/}) or {@link #fromDirectory(Path)}.
 */
public final class Mnist {

    private Mnist() {}

    /**
     * Full MNIST, fetched if needed with {@link DataFetcher#defaults()}, verified, in memory.
     *
     * @return 60,000 train and 10,000 test images
     * @throws RegzooException if no provider could supply verified files (the message says how to fix it)
     */
    public static TrainTest load() {
        return load(DatasetId.MNIST, DataFetcher.defaults());
    }

    /**
     * Full Fashion-MNIST, fetched if needed with {@link DataFetcher#defaults()}, verified, in memory.
     *
     * @return 60,000 train and 10,000 test images
     * @throws RegzooException if no provider could supply verified files (the message says how to fix it)
     */
    public static TrainTest loadFashion() {
        return load(DatasetId.FASHION_MNIST, DataFetcher.defaults());
    }

    /**
     * A full dataset, fetched if needed with the given fetcher; the files are checksummed again as they are read.
     *
     * @param id the dataset
     * @param fetcher the fetcher (providers, cache locations)
     * @return the train and test parts
     * @throws RegzooException if no provider could supply verified files, or a file changed since it was verified
     */
    public static TrainTest load(DatasetId id, DataFetcher fetcher) {
        Objects.requireNonNull(id, "id");
        DataFetcher.Result r = fetcher.fetch(id);
        Path dir = r.directory();
        byte[] trainImages = IdxFiles.readVerified(dir.resolve(id.trainImages().fileName()), id.trainImages());
        byte[] trainLabels = IdxFiles.readVerified(dir.resolve(id.trainLabels().fileName()), id.trainLabels());
        byte[] testImages = IdxFiles.readVerified(dir.resolve(id.testImages().fileName()), id.testImages());
        byte[] testLabels = IdxFiles.readVerified(dir.resolve(id.testLabels().fileName()), id.testLabels());
        return fromBytes(id, id.cliName(), dir, trainImages, trainLabels, testImages, testLabels,
                id.displayName() + " in " + dir + " (from " + r.source() + ", md5-verified)");
    }

    /**
     * Loads any four MNIST-format IDX files from a directory: {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
     * each raw or {@code .gz}. Headers, sizes and label ranges are checked; checksums are not (so
     * subsets such as the test sample load too) — use {@link #load(DatasetId, DataFetcher)} with
     * {@link DataFetcher.Builder#dataDir(Path)} for the verified full data.
     *
     * @param dir the directory
     * @return the train and test parts, named after the directory
     * @throws RegzooException naming the file if one is missing, not IDX, or truncated
     */
    public static TrainTest fromDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        DatasetId layout = DatasetId.MNIST;
        byte[][] parts = new byte[4][];
        for (int i = 0; i < 4; i++) {
            ExpectedFile f = layout.files().get(i);
            Path p = DirectoryProvider.find(dir, f);
            if (p == null) {
                throw new RegzooException(dir.resolve(f.fileName()) + "[.gz]: missing");
            }
            parts[i] = IdxFiles.readUncompressed(p);
        }
        String name = dir.getFileName() == null ? "idx" : dir.getFileName().toString();
        return fromBytes(layout, name, dir, parts[0], parts[1], parts[2], parts[3], dir.toString());
    }

    /**
     * Reads one IDX image file (raw or {@code .gz}, 28x28 images), e.g. to predict on it.
     *
     * @param file the file
     * @return the images, one row of 784 pixels (row-major 28x28) per image, in [0, 1]
     * @throws RegzooException naming the file if it is missing, not an IDX image file, or truncated
     */
    public static float[][] readImageFile(Path file) {
        byte[] pixels = IdxFiles.parseImages(file, IdxFiles.readUncompressed(file));
        int side = ExpectedFile.SIDE * ExpectedFile.SIDE;
        float[][] images = new float[pixels.length / side][side];
        for (int i = 0; i < pixels.length; i++) {
            images[i / side][i % side] = (pixels[i] & 0xff) / 255f;
        }
        return images;
    }

    /**
     * Reads one IDX label file (raw or {@code .gz}) of digits 0..9.
     *
     * @param file the file
     * @return the labels
     * @throws RegzooException naming the file if it is missing, not an IDX label file, truncated, or has a label above 9
     */
    public static int[] readLabelFile(Path file) {
        return IdxFiles.parseLabels(file, IdxFiles.readUncompressed(file), DatasetId.NUM_CLASSES);
    }

    /**
     * Whether a file starts like an IDX image file (magic {@code 0x00000803}), raw or gzip.
     *
     * @param file the file
     * @return true for an IDX image file
     * @throws RegzooException when the file cannot be read
     */
    public static boolean isIdxImageFile(Path file) {
        try (java.io.InputStream in = IdxFiles.openUncompressed(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0 && magic[1] == 0 && magic[2] == 8 && magic[3] == 3;
        } catch (java.io.IOException e) {
            throw new RegzooException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the four files' uncompressed bytes of a dataset laid out as {@code l} (file names, shape, classes). */
    static TrainTest fromBytes(DatasetId l, String name, Path where, byte[] trainImages, byte[] trainLabels,
                               byte[] testImages, byte[] testLabels, String source) {
        ArrayDataset train = dataset(l, name + "-train",
                where.resolve(l.trainImages().fileName()), trainImages,
                where.resolve(l.trainLabels().fileName()), trainLabels);
        ArrayDataset test = dataset(l, name + "-test",
                where.resolve(l.testImages().fileName()), testImages,
                where.resolve(l.testLabels().fileName()), testLabels);
        return new TrainTest(train, test, source);
    }

    private static ArrayDataset dataset(DatasetId l, String name, Path imagesPath, byte[] imageBytes, Path labelsPath,
                                        byte[] labelBytes) {
        byte[] pixels = IdxFiles.parseImages(imagesPath, imageBytes);
        int[] labels = IdxFiles.parseLabels(labelsPath, labelBytes, l.numClasses());
        int side = ExpectedFile.SIDE;
        if ((long) labels.length * side * side != pixels.length) {
            throw new RegzooException(imagesPath + " has " + pixels.length / (side * side) + " images but "
                    + labelsPath + " has " + labels.length + " labels");
        }
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            features[i] = (pixels[i] & 0xff) / 255f;
        }
        return ArrayDataset.ofClassification(name, features, l.exampleShape(), labels, l.numClasses());
    }
}
