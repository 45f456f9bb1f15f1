package io.regzoo.data;

import java.util.Locale;
import java.util.Objects;

/**
 * One IDX file a dataset consists of, with the checksums of its <em>uncompressed</em> content.
 * Checksums are taken over the uncompressed bytes so the same constant verifies a raw file and
 * any gzip of it (Debian recompresses Fashion-MNIST, so the gz bytes differ from upstream's).
 *
 * @param fileName the uncompressed file name, as DL4J expects it (e.g. {@code train-images-idx3-ubyte})
 * @param kind images or labels
 * @param count the number of examples the file holds
 * @param md5 lower-case hex MD5 of the uncompressed content
 * @param adler32 Adler-32 of the uncompressed content as DL4J's {@code MnistDataFetcher} records it,
 *     or {@code -1} when DL4J has no constant for the file
 */
public record ExpectedFile(String fileName, Kind kind, int count, String md5, long adler32) {

    /** What an IDX file holds; decides its magic number and size. */
    public enum Kind {
        /** Unsigned-byte images, 28x28: magic {@code 0x00000803}, 16-byte header. */
        IMAGES(0x00000803, 16),
        /** Unsigned-byte labels: magic {@code 0x00000801}, 8-byte header. */
        LABELS(0x00000801, 8);

        private final int magic;
        private final int headerBytes;

        Kind(int magic, int headerBytes) {
            this.magic = magic;
            this.headerBytes = headerBytes;
        }

        /**
         * The IDX magic number of this kind of file.
         *
         * @return the big-endian int the file starts with
         */
        public int magic() {
            return magic;
        }

        /**
         * The header length of this kind of file.
         *
         * @return bytes before the first example
         */
        public int headerBytes() {
            return headerBytes;
        }
    }

    /** Image side length of MNIST-shaped data. */
    public static final int SIDE = 28;

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a field is null, blank or out of range
     */
    public ExpectedFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(md5, "md5");
        if (fileName.isBlank() || fileName.contains("/")) {
            throw new IllegalArgumentException("fileName must be a plain file name, got '" + fileName + "'");
        }
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count + " for " + fileName);
        }
        if (!md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("md5 must be 32 lower-case hex digits, got '" + md5 + "' for " + fileName);
        }
        md5 = md5.toLowerCase(Locale.ROOT);
    }

    /**
     * The exact size of the uncompressed file.
     *
     * @return header plus {@code count} examples
     */
    public long size() {
        long perExample = kind == Kind.IMAGES ? (long) SIDE * SIDE : 1L;
        return kind.headerBytes() + perExample * count;
    }

    /**
     * The gzip name of this file.
     *
     * @return {@code fileName + ".gz"}
     */
    public String gzName() {
        return fileName + ".gz";
    }
}
