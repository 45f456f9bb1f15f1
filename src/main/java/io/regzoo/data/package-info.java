/**
 * Datasets: the IDX image datasets (MNIST, Fashion-MNIST) and the synthetic ones, IDX reading,
 * verification by checksum, the in-memory iterator, stratified splits and k-fold.
 *
 * <ul>
 *   <li>{@link io.regzoo.data.DatasetId}: one entry per IDX dataset with everything the fetcher,
 *       the harness and the command line need (files and MD5s, cache layout, npm/Debian package,
 *       shape, classes, name, description). {@link io.regzoo.data.DataFetcher} makes an entry
 *       available offline and verified (explicit directory, cache, package, user-set mirrors),
 *       where DL4J reads it; {@link io.regzoo.data.Mnist} loads it into memory.</li>
 *   <li>{@link io.regzoo.data.Synthetic}: the one table of synthetic datasets (name, task, defaults,
 *       seeded generator, description), shared by the Java API and the harness.</li>
 *   <li>{@link io.regzoo.data.ArrayDataset}: the immutable in-memory dataset with stratified subsets,
 *       splits, k-fold and {@code toDataSet()}; {@link io.regzoo.data.ArrayDataSetIterator}: the one
 *       DL4J iterator (reshuffled per epoch from a seed, with a saveable position), used by the
 *       trainer; {@link io.regzoo.data.KFold}: the one stratified k-fold, on DL4J data sets too.</li>
 *   <li>Tests: {@code MnistSample.load()} (test classpath) gives a real 600/200 stratified MNIST sample.</li>
 * </ul>
 *
 * <p>May import DL4J/ND4J and {@link io.regzoo.RegzooException}; nothing else of regzoo.
 */
package io.regzoo.data;
