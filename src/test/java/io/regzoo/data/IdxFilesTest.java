package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
    @TempDir
    Path tmp;

    private final TinyIdx tiny = new TinyIdx(7);

    @Test
    void verifiesRawAndGzipAgainstTheUncompressedChecksum() throws Exception {
        Path raw = tiny.writeTo(tmp.resolve("raw"), false);
        Path gz = tiny.writeTo(tmp.resolve("gz"), true);
        for (ExpectedFile f : tiny.files()) {
            assertFalse(IdxFiles.verify(raw.resolve(f.fileName()), f).gzipped());
            assertTrue(IdxFiles.verify(gz.resolve(f.gzName()), f).gzipped());
        }
    }

    @Test
    void missingFileIsNamed() {
        Path p = tmp.resolve("train-images-idx3-ubyte");
        RegzooException e = assertThrows(RegzooException.class, () -> IdxFiles.verify(p, tiny.file(0)));
        assertEquals(p + ": missing", e.getMessage());
    }

    @Test
    void truncatedFileIsReportedWithSizesAndChecksumsAndKept() throws Exception {
        ExpectedFile f = tiny.file(0);
        byte[] cut = Arrays.copyOf(tiny.content.get(f), 1000);
        Path p = tmp.resolve(f.fileName());
        TinyIdx.write(p, cut, false);
        RegzooException e = assertThrows(RegzooException.class, () -> IdxFiles.verify(p, f));
        assertTrue(e.getMessage().startsWith(p + ": truncated: 1000 bytes uncompressed, expected " + f.size()), e.getMessage());
        assertTrue(e.getMessage().contains("md5 expected " + f.md5() + ", actual " + TinyIdx.md5(cut)), e.getMessage());
        assertArrayEquals(cut, Files.readAllBytes(p), "the file must be left as it was");
    }

    @Test
    void truncatedGzipIsReportedAndKept() throws Exception {
        ExpectedFile f = tiny.file(0);
        Path full = tmp.resolve("full.gz");
        TinyIdx.write(full, tiny.content.get(f), true);
        byte[] gz = Files.readAllBytes(full);
        Path p = tmp.resolve(f.gzName());
        Files.write(p, Arrays.copyOf(gz, gz.length / 2));
        RegzooException e = assertThrows(RegzooException.class, () -> IdxFiles.verify(p, f));
        assertTrue(e.getMessage().startsWith(p + ": truncated or corrupt gzip"), e.getMessage());
        assertTrue(Files.exists(p));
    }

    @Test
    void flippedByteIsAChecksumMismatchWithExpectedAndActual() throws Exception {
        ExpectedFile f = tiny.file(2);
        byte[] bad = tiny.content.get(f).clone();
        bad[500] ^= 0x01;
        Path p = tmp.resolve(f.fileName());
        TinyIdx.write(p, bad, false);
        RegzooException e = assertThrows(RegzooException.class, () -> IdxFiles.verify(p, f));
        assertEquals(p + ": checksum mismatch (md5 expected " + f.md5() + ", actual " + TinyIdx.md5(bad) + ")",
                e.getMessage());
        assertArrayEquals(bad, Files.readAllBytes(p));
    }

    @Test
    void wrongMagicIsNotAnIdxFile() throws Exception {
        ExpectedFile labels = tiny.file(1);
        Path p = tmp.resolve(labels.fileName());
        TinyIdx.write(p, tiny.content.get(tiny.file(0)), false); // an images file under the labels name
        RegzooException e = assertThrows(RegzooException.class, () -> IdxFiles.verify(p, labels));
        assertEquals(p + ": not an IDX labels file (magic 0x00000803, expected 0x00000801)", e.getMessage());
        assertTrue(Files.exists(p));
    }

    @Test
    void parseRejectsAHeaderThatDisagreesWithTheLength() {
        byte[] img = tiny.content.get(tiny.file(0));
        Path p = Path.of("x");
        RegzooException e = assertThrows(RegzooException.class,
                () -> IdxFiles.parseImages(p, Arrays.copyOf(img, img.length - 1)));
        assertTrue(e.getMessage().contains("header says 30 images"), e.getMessage());
        byte[] lab = tiny.content.get(tiny.file(1)).clone();
        lab[8] = 12;
        RegzooException e2 = assertThrows(RegzooException.class, () -> IdxFiles.parseLabels(p, lab, 10));
        assertEquals("x: label 12 at index 0 is not below 10", e2.getMessage());
    }
}
