/**
 * Dataset providers (MNIST, Fashion-MNIST, synthetic), IDX reading, verification by checksum,
 * in-memory iterators, stratified splits and k-fold.
 *
 * <p>May import DL4J/ND4J; nothing else of regzoo.
 */
package io.regzoo.data;
