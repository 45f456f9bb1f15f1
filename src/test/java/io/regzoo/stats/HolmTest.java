package io.regzoo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Holm against statsmodels 0.13.5 (Debian bookworm's python3-statsmodels), computed once with:
 * <pre>
 * from statsmodels.stats.multitest import multipletests
 * multipletests([0.023, 0.041, 0.0049, 0.30], alpha=0.05, method='holm')[1]
 *     # [0.069, 0.082, 0.0196, 0.3]
 * multipletests([0.01, 0.011, 0.5, 0.012, 0.04, 0.9], alpha=0.05, method='holm')[1]
 *     # [0.06, 0.06, 1.0, 0.06, 0.12, 1.0]
 * </pre>
 */
class HolmTest {

    @Test
    void matchesStatsmodels() {
        assertArrayEquals(new double[] {0.069, 0.082, 0.0196, 0.30}, Holm.adjust(0.023, 0.041, 0.0049, 0.30), 1e-12);
        assertArrayEquals(new double[] {0.06, 0.06, 1.0, 0.06, 0.12, 1.0},
                Holm.adjust(0.01, 0.011, 0.5, 0.012, 0.04, 0.9), 1e-12);
    }

    @Test
    void theIssuesDropoutExampleIsNotSignificantOverFourComparisons() {
        // "dropout improved test accuracy by 0.600 pp (p = 0.023)" among 4 comparisons with the baseline.
        double[] adj = Holm.adjust(0.023, 0.41, 0.57, 0.88);
        assertEquals(0.092, adj[0], 1e-12);
        assertTrue(adj[0] > 0.05);
    }

    @Test
    void untestedComparisonsAreNotInTheFamily() {
        double[] adj = Holm.adjust(0.02, Double.NaN, 0.03);
        assertEquals(0.04, adj[0], 1e-12);
        assertTrue(Double.isNaN(adj[1]));
        assertEquals(0.04, adj[2], 1e-12);
        assertEquals(2, Holm.familySize(0.02, Double.NaN, 0.03));
        assertArrayEquals(new double[0], Holm.adjust());
        assertArrayEquals(new double[] {0.3}, Holm.adjust(0.3), 0);
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(1.2));
    }
}
