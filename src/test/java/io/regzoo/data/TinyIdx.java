package io.regzoo.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Builds a tiny, valid four-file IDX dataset (MNIST file names) and the ExpectedFiles that verify it. */
final class TinyIdx {
    static final int TRAIN = 30;
    static final int TEST = 10;

    final Map<ExpectedFile, byte[]> content = new LinkedHashMap<>();

    private final int labelShift;

    TinyIdx(long seed) {
        this(seed, 0);
    }

    /** As {@link #TinyIdx(long)}, with every label shifted by {@code labelShift} (mod 10), so two datasets' label files differ. */
    TinyIdx(long seed, int labelShift) {
        this.labelShift = labelShift;
        Random rng = new Random(seed);
        add("train-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, TRAIN, rng);
        add("train-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, TRAIN, rng);
        add("t10k-images-idx3-ubyte", ExpectedFile.Kind.IMAGES, TEST, rng);
        add("t10k-labels-idx1-ubyte", ExpectedFile.Kind.LABELS, TEST, rng);
    }

    private void add(String name, ExpectedFile.Kind kind, int n, Random rng) {
        ByteBuffer b;
        if (kind == ExpectedFile.Kind.IMAGES) {
            b = ByteBuffer.allocate(16 + n * 784);
            b.putInt(kind.magic()).putInt(n).putInt(28).putInt(28);
            byte[] px = new byte[n * 784];
            rng.nextBytes(px);
            b.put(px);
        } else {
            b = ByteBuffer.allocate(8 + n);
            b.putInt(kind.magic()).putInt(n);
            for (int i = 0; i < n; i++) {
                b.put((byte) ((i + labelShift) % 10));
            }
        }
        byte[] bytes = b.array();
        content.put(new ExpectedFile(name, kind, n, md5(bytes), -1), bytes);
    }

    List<ExpectedFile> files() {
        return List.copyOf(content.keySet());
    }

    ExpectedFile file(int i) {
        return files().get(i);
    }

    /** Writes all four into dir, gzipped or raw; returns dir. */
    Path writeTo(Path dir, boolean gz) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<ExpectedFile, byte[]> e : content.entrySet()) {
            write(dir.resolve(gz ? e.getKey().gzName() : e.getKey().fileName()), e.getValue(), gz);
        }
        return dir;
    }

    static void write(Path p, byte[] bytes, boolean gz) throws IOException {
        try (OutputStream out = gz ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(bytes);
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
