/**
 * Not ND4J: the one class regzoo ships outside {@code io.regzoo}, a bridge so that DL4J 1.0.0-M2.1
 * finds the native environment under the name its oneDNN layer helpers look for
 * ({@link org.nd4j.nativeblas.Nd4jCpu.Environment}). Nothing in regzoo imports this package; DL4J
 * loads the class by name.
 *
 * <p><b>Why it cannot live in regzoo's own package.</b> DL4J's check
 * ({@code BaseMKLDNNHelper.mklDnnEnabled()}, called by every oneDNN helper's {@code checkSupported})
 * loads the fixed name {@code org.nd4j.nativeblas.Nd4jCpu$Environment} through
 * {@code DL4JClassLoading}'s class loader; the name is compiled into DL4J, and no system property or
 * service lookup redirects it. The alternatives are worse: replacing DL4J's JVM-wide class loader
 * ({@code DL4JClassLoading.setDl4jClassloader}) with one that defines the same class at run time
 * changes how DL4J loads every class by name, and setting the private helper fields of each layer by
 * reflection bypasses DL4J's own support checks. Without this class the helpers never run (the
 * check fails and DL4J falls back to its generic layer code), so the CNN trains ≈ 3.5× slower.
 *
 * <p><b>Why it is harmless.</b> ND4J 1.0.0-M2.1 has the package {@code org.nd4j.nativeblas}
 * (nd4j-native-api) but no class {@code Nd4jCpu} in it, so nothing is shadowed; regzoo is not a
 * named module, so the split package is legal on the class path. The class only answers a question
 * ({@code isUseMKLDNN()}: does the loaded native library run oneDNN) from the real environment,
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}; on another backend it answers
 * false. Whether the helpers are used at all is decided by {@link io.regzoo.zoo.LayerHelpers#enable()}.
 * {@code io.regzoo.ForeignPackagesTest} checks that the jar holds no other class outside
 * {@code io.regzoo}.
 */
package org.nd4j.nativeblas;
