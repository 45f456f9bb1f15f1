package io.regzoo.data;

import io.regzoo.RegzooException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Adler32;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reading and verifying IDX files (the MNIST format), raw or gzip-compressed. Compression is
 * detected from the content (gzip magic), not the file name. Every problem is a
 * {@link RegzooException} whose one-line message starts with the file's path.
 */
public final class IdxFiles {

    private static final int BUFFER = 1 << 16;

    private IdxFiles() {}

    /**
     * A file that passed verification.
     *
     * @param path where it is
     * @param expected what it was checked against
     * @param gzipped whether the file on disk is gzip-compressed
     */
    public record Verified(Path path, ExpectedFile expected, boolean gzipped) {}

    /**
     * Opens a file for reading its uncompressed content, gunzipping if it starts with the gzip magic.
     *
     * @param file the file
     * @return a buffered stream of the uncompressed bytes; the caller closes it
     * @throws IOException if it cannot be opened
     */
    public static InputStream openUncompressed(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        if (isGzip(file)) {
            return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
        }
        return raw;
    }

    /**
     * Whether a file starts with the gzip magic bytes {@code 1f 8b}.
     *
     * @param file the file
     * @return true for gzip content
     * @throws IOException if it cannot be read
     */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * Checks a file against its expected IDX header, size and MD5 (of the uncompressed content),
     * reading it once. Nothing is modified or deleted.
     *
     * @param file the file, raw or gzip
     * @param expected what it must be
     * @return the verified file
     * @throws RegzooException naming the path if the file is missing, unreadable, not an IDX file of
     *     the expected kind, truncated, too long, or has the wrong checksum
     */
    public static Verified verify(Path file, ExpectedFile expected) {
        try {
            copyVerified(file, expected, null);
        } catch (IOException e) {
            throw new IllegalStateException("nothing is written when only verifying", e);
        }
        try {
            return new Verified(file, expected, isGzip(file));
        } catch (IOException e) {
            throw new RegzooException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Streams a file's uncompressed content into {@code out} (if not null) while checking its IDX
     * header, size and MD5; see {@link #verify(Path, ExpectedFile)}.
     *
     * @param file the source, raw or gzip
     * @param expected what it must be
     * @param out where to copy the uncompressed bytes, or null to only verify
     * @throws RegzooException naming the path on any mismatch or read error
     * @throws IOException when writing to {@code out} fails (e.g. the disk is full): a problem of the
     *     destination, not of {@code file}
     */
    static void copyVerified(Path file, ExpectedFile expected, OutputStream out) throws IOException {
        try {
            copyChecked(file, expected, out == null ? null : new WriteFailures(out));
        } catch (WriteFailures.Failed e) {
            throw e.getCause();
        }
    }

    /** Tells a failure to write the copy apart from a failure to read the source. */
    private static final class WriteFailures extends java.io.FilterOutputStream {
        /** A write failure, unchecked so that the reading code's {@code catch (IOException)} lets it through. */
        static final class Failed extends java.io.UncheckedIOException {
            private static final long serialVersionUID = 1L;

            Failed(IOException cause) {
                super(cause);
            }
        }

        WriteFailures(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new Failed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new Failed(e);
            }
        }
    }

    private static void copyChecked(Path file, ExpectedFile expected, OutputStream out) {
        if (!Files.isRegularFile(file)) {
            throw new RegzooException(file + ": missing");
        }
        MessageDigest md5 = md5();
        long size = 0;
        try (InputStream in = openUncompressed(file)) {
            byte[] buf = new byte[BUFFER];
            byte[] header = in.readNBytes(4);
            if (header.length == 4) {
                int magic = ByteBuffer.wrap(header).getInt();
                if (magic != expected.kind().magic()) {
                    throw new RegzooException(String.format("%s: not an IDX %s file (magic 0x%08x, expected 0x%08x)",
                            file, expected.kind().name().toLowerCase(java.util.Locale.ROOT), magic,
                            expected.kind().magic()));
                }
            }
            md5.update(header);
            size += header.length;
            if (out != null) {
                out.write(header);
            }
            int n;
            while ((n = in.read(buf)) > 0) {
                md5.update(buf, 0, n);
                size += n;
                if (out != null) {
                    out.write(buf, 0, n);
                }
            }
        } catch (NoSuchFileException e) {
            throw new RegzooException(file + ": missing", e);
        } catch (EOFException | ZipException e) {
            throw new RegzooException(file + ": truncated or corrupt gzip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new RegzooException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        String actual = HexFormat.of().formatHex(md5.digest());
        if (size != expected.size()) {
            throw new RegzooException(String.format("%s: %s: %d bytes uncompressed, expected %d (md5 expected %s, actual %s)",
                    file, size < expected.size() ? "truncated" : "too long", size, expected.size(),
                    expected.md5(), actual));
        }
        if (!actual.equals(expected.md5())) {
            throw new RegzooException(String.format("%s: checksum mismatch (md5 expected %s, actual %s)",
                    file, expected.md5(), actual));
        }
    }

    /**
     * Reads a whole file's uncompressed content and checks it against {@code expected}.
     *
     * @param file the file, raw or gzip
     * @param expected what it must be
     * @return the uncompressed bytes
     * @throws RegzooException naming the path on any mismatch or read error
     */
    static byte[] readVerified(Path file, ExpectedFile expected) {
        byte[] bytes = readUncompressed(file);
        if (bytes.length != expected.size()) {
            throw new RegzooException(String.format("%s: %s: %d bytes uncompressed, expected %d",
                    file, bytes.length < expected.size() ? "truncated" : "too long", bytes.length, expected.size()));
        }
        MessageDigest md5 = md5();
        String actual = HexFormat.of().formatHex(md5.digest(bytes));
        if (!actual.equals(expected.md5())) {
            throw new RegzooException(String.format("%s: checksum mismatch (md5 expected %s, actual %s)",
                    file, expected.md5(), actual));
        }
        return bytes;
    }

    /**
     * Reads a whole file's uncompressed content.
     *
     * @param file the file, raw or gzip
     * @return the bytes
     * @throws RegzooException naming the path if it is missing or unreadable
     */
    static byte[] readUncompressed(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RegzooException(file + ": missing");
        }
        try (InputStream in = openUncompressed(file)) {
            return in.readAllBytes();
        } catch (EOFException | ZipException e) {
            throw new RegzooException(file + ": truncated or corrupt gzip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new RegzooException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses IDX image bytes (magic {@code 0x00000803}, 28x28) and checks the header against the length.
     *
     * @param file the path, for messages
     * @param bytes the uncompressed content
     * @return the pixel bytes, {@code count * 784} of them, row-major
     * @throws RegzooException naming the path if the header is wrong or the content is truncated
     */
    static byte[] parseImages(Path file, byte[] bytes) {
        ByteBuffer b = header(file, bytes, ExpectedFile.Kind.IMAGES);
        int count = b.getInt(4);
        int rows = b.getInt(8);
        int cols = b.getInt(12);
        if (rows != ExpectedFile.SIDE || cols != ExpectedFile.SIDE) {
            throw new RegzooException(file + ": images are " + rows + "x" + cols + ", expected 28x28");
        }
        long expected = 16L + (long) count * rows * cols;
        if (count < 0 || bytes.length != expected) {
            throw new RegzooException(file + ": header says " + count + " images (" + expected
                    + " bytes) but the file has " + bytes.length + " bytes uncompressed (truncated?)");
        }
        byte[] pixels = new byte[bytes.length - 16];
        System.arraycopy(bytes, 16, pixels, 0, pixels.length);
        return pixels;
    }

    /**
     * Parses IDX label bytes (magic {@code 0x00000801}) and checks every label is below {@code numClasses}.
     *
     * @param file the path, for messages
     * @param bytes the uncompressed content
     * @param numClasses the number of classes
     * @return the labels
     * @throws RegzooException naming the path if the header is wrong, the content truncated or a label out of range
     */
    static int[] parseLabels(Path file, byte[] bytes, int numClasses) {
        ByteBuffer b = header(file, bytes, ExpectedFile.Kind.LABELS);
        int count = b.getInt(4);
        if (count < 0 || bytes.length != 8L + count) {
            throw new RegzooException(file + ": header says " + count + " labels but the file has "
                    + (bytes.length - 8) + " (truncated?)");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int v = bytes[8 + i] & 0xff;
            if (v >= numClasses) {
                throw new RegzooException(file + ": label " + v + " at index " + i + " is not below " + numClasses);
            }
            labels[i] = v;
        }
        return labels;
    }

    private static ByteBuffer header(Path file, byte[] bytes, ExpectedFile.Kind kind) {
        if (bytes.length < kind.headerBytes()) {
            throw new RegzooException(file + ": truncated: " + bytes.length + " bytes, shorter than the IDX header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int magic = b.getInt(0);
        if (magic != kind.magic()) {
            throw new RegzooException(String.format("%s: not an IDX %s file (magic 0x%08x, expected 0x%08x)",
                    file, kind.name().toLowerCase(java.util.Locale.ROOT), magic, kind.magic()));
        }
        return b;
    }

    /**
     * Adler-32 of a file's uncompressed content, the checksum DL4J's MNIST fetcher records.
     *
     * @param file the file
     * @return the checksum
     * @throws RegzooException naming the path if it cannot be read
     */
    public static long adler32(Path file) {
        Adler32 adler = new Adler32();
        try (InputStream in = openUncompressed(file)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                adler.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new RegzooException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return adler.getValue();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
