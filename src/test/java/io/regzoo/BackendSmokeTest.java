package io.regzoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BackendSmokeTest {
    @Test
    void nativeBackendComputesAMatrixProduct() {
        var a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        var b = a.mmul(a);
        assertEquals(15f, b.getFloat(1, 0), 0f);
        assertEquals(22f, b.getFloat(1, 1), 0f);
    }
}
