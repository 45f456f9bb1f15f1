package io.regzoo.bench;

import io.regzoo.RegzooException;
import io.regzoo.data.ArrayDataset;
import io.regzoo.data.Mnist;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The examples a benchmark trains on: the first {@code n} MNIST training digits (pixels in [0, 1]),
 * or, for smoke tests, random MNIST-shaped data (throughput does not depend on the values).
 * Written as raw little-endian files so that the PyTorch script trains on the very same numbers.
 */
final class BenchData {

    /** Pixels per image. */
    static final int PIXELS = 28 * 28;
    /** Classes. */
    static final int CLASSES = 10;

    private BenchData() {}

    /**
     * @param n examples
     * @param synthetic random data instead of MNIST
     * @return {@code n} examples, shape {@code [n, 1, 28, 28]}, labels 0..9
     * @throws RegzooException when MNIST is not installed and not {@code synthetic}
     */
    static ArrayDataset load(int n, boolean synthetic) {
        if (synthetic) {
            Random r = new Random(7);
            float[] x = new float[n * PIXELS];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % CLASSES;
            }
            return ArrayDataset.classification("synthetic-mnist", x, new int[] {1, 28, 28}, y, CLASSES);
        }
        ArrayDataset train = Mnist.load().train();
        if (n > train.size()) {
            throw new RegzooException("the benchmark needs " + n + " training examples; MNIST has " + train.size()
                    + ": use fewer --batches");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return train.select(idx).reshape(1, 28, 28);
    }

    /**
     * Writes features ({@code float32}) and labels ({@code int32}), little-endian, for the PyTorch script.
     *
     * @param data the examples
     * @param features file for the {@code n × 784} floats
     * @param labels file for the {@code n} labels
     * @throws IOException when a file cannot be written
     */
    static void writeRaw(ArrayDataset data, Path features, Path labels) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(features), 1 << 20)) {
            ByteBuffer buf = ByteBuffer.allocate(4 * PIXELS).order(ByteOrder.LITTLE_ENDIAN);
            float[] all = data.features();
            for (int i = 0; i < data.size(); i++) {
                buf.clear();
                for (int j = 0; j < PIXELS; j++) {
                    buf.putFloat(all[i * PIXELS + j]);
                }
                out.write(buf.array());
            }
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(labels)))) {
            ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int y : data.labels()) {
                buf.clear();
                buf.putInt(y);
                out.write(buf.array());
            }
        }
    }
}
