/**
 * Not ND4J: one bridge class regzoo ships so that DL4J 1.0.0-M2.1 finds the native environment under
 * the name its oneDNN layer helpers look for ({@link org.nd4j.nativeblas.Nd4jCpu.Environment}).
 * Nothing in regzoo imports this package; DL4J loads the class by name.
 */
package org.nd4j.nativeblas;
