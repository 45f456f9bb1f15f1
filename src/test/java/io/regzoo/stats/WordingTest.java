package io.regzoo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordingTest {

    @Test
    void intervalsInWords() {
        assertEquals("between \u22120.17 and +0.15 pp", Wording.between(-0.1712, 0.1523, "pp"));
        assertEquals("between +3.2 and +7.9", Wording.between(3.21, 7.94, ""));
        assertEquals("between \u221243.2 and \u221239.1%", Wording.between(-43.2, -39.1, "%"));
        assertEquals("between 0.000 and +0.012", Wording.between(0, 0.0123, ""));
        assertEquals("any value (too few seeds for a bound)",
                Wording.between(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "pp"));
        assertEquals("\u00b10.3 pp", Wording.margin(0.3, "pp"));
        assertEquals("\u00b12", Wording.margin(2.0, ""));
        assertEquals("p < 0.001", Wording.p(0.0004));
        assertEquals("p = 0.023", Wording.p(0.0231));
        assertEquals(2, Wording.decimalsFor(0.32, 2));
        assertEquals(0, Wording.decimalsFor(4.1, 1));
    }
}
