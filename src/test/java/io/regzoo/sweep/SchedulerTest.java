package io.regzoo.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final List<Setting> NINE = new SearchSpace(List.of(Dimension.parseArg("l2=lin:0:8:9", 1))).settings();

    /** Setting i scores i/10 at every rung, plus a little for longer training; fold f adds f/1000. */
    private static double score(int setting, int epochs, int fold) {
        return setting / 10.0 + epochs / 1000.0 + fold / 1000.0;
    }

    /** Runs a scheduler to the end, one request of {@code width} jobs at a time; returns epochs per fold. */
    private static long run(Scheduler s, ScoreBoard b, int width, List<Job> log) {
        long epochs = 0;
        for (List<Job> jobs; !(jobs = s.next(b, width)).isEmpty();) {
            for (Job j : jobs) {
                log.add(j);
                epochs += j.epochs();
                for (int f = 0; f < b.folds(); f++) {
                    b.record(j.setting().index(), j.toEpochs(), f, score(j.setting().index(), j.toEpochs(), f));
                }
            }
        }
        return epochs;
    }

    @Test
    void rungs() {
        assertEquals(List.of(1, 3, 9, 27), Scheduler.rungs(3, 1, 27));
        assertEquals(List.of(2, 8, 20), Scheduler.rungs(4, 2, 20));
        assertEquals(List.of(5), Scheduler.rungs(3, 5, 5));
    }

    @Test
    void gridTrainsEverySettingFully() {
        ScoreBoard b = new ScoreBoard(3, true);
        List<Job> log = new ArrayList<>();
        assertEquals(9 * 9, run(Scheduler.grid(NINE, 9), b, 1, log));
        assertEquals(9, log.size());
        assertEquals(8, Choice.BEST.choose(Scheduler.grid(NINE, 9).finalists(b), b, 9).index());
    }

    @Test
    void ashaPromotesTheBestThirdAndReachesTheTop() {
        ScoreBoard b = new ScoreBoard(3, true);
        List<Job> log = new ArrayList<>();
        Scheduler s = Scheduler.asha(NINE, 3, 1, 9);
        long spent = run(s, b, 9, log);
        // rung 1: all 9; rung 3: the best 3 (6, 7, 8) go on from epoch 1; rung 9: the best (8) goes on from epoch 3
        assertEquals(9 * 1 + 3 * 2 + 1 * 6, spent);
        assertEquals(new Job(NINE.get(8), 3, 9), log.get(log.size() - 1));
        assertTrue(log.contains(new Job(NINE.get(6), 1, 3)));
        assertEquals(List.of(NINE.get(8)), s.finalists(b));
        assertTrue(spent * 3 <= s.gridEpochsPerFold(), spent + " vs " + s.gridEpochsPerFold());
    }

    @Test
    void ashaOneAtATimePromotesEarly() {
        ScoreBoard b = new ScoreBoard(2, true);
        List<Job> log = new ArrayList<>();
        run(Scheduler.asha(NINE, 3, 1, 9), b, 1, log);
        // after three settings at rung 1 the best of them (2) is promoted before setting 3 starts
        assertEquals(new Job(NINE.get(2), 1, 3), log.get(3));
        assertTrue(b.complete(8, 9), "the best setting reaches the top rung");
    }

    @Test
    void tiesGoToTheEarlierSettingAndFailedFoldsRankLast() {
        ScoreBoard b = new ScoreBoard(2, false);
        for (int i = 0; i < 3; i++) {
            b.record(i, 1, 0, 0.5);
            b.record(i, 1, 1, 0.5);
        }
        b.record(0, 1, 1, Double.NaN);
        Scheduler s = Scheduler.asha(NINE.subList(0, 3), 3, 1, 3);
        assertEquals(List.of(new Job(NINE.get(1), 1, 3)), s.next(b, 5));
    }

    @Test
    void halfDoneJobsComeFirstOnResume() {
        ScoreBoard b = new ScoreBoard(3, true);
        b.record(4, 1, 0, 0.3);
        assertEquals(new Job(NINE.get(4), 0, 1), Scheduler.asha(NINE, 3, 1, 9).next(b, 1).get(0));
    }

    @Test
    void aRunningJobIsNotGivenAgainNorCountedFreeAndFinishingWaitsForIt() {
        Scheduler s = Scheduler.asha(NINE.subList(0, 3), 3, 1, 3);
        ScoreBoard b = new ScoreBoard(2, true);
        Job first = s.next(b, 1, List.of()).get(0);
        assertEquals(new Job(NINE.get(0), 0, 1), first);
        // another lane asks while the first job runs: the next new setting, not the running one
        assertEquals(List.of(new Job(NINE.get(1), 0, 1)), s.next(b, 1, List.of(first)));
        // a half-done running job (one fold recorded) is not resumed by another lane
        b.record(0, 1, 0, 0.5);
        assertEquals(List.of(new Job(NINE.get(1), 0, 1)), s.next(b, 1, List.of(first)));
        b.record(0, 1, 1, 0.5);
        b.record(1, 1, 0, 0.9);
        b.record(1, 1, 1, 0.9);
        Job third = new Job(NINE.get(2), 0, 1);
        assertEquals(List.of(third), s.next(b, 1, List.of()));
        b.record(2, 1, 0, 0.1);
        b.record(2, 1, 1, 0.1);
        // now rung 1 is complete for three settings: the best third (setting 1) is promoted, once
        Job promoted = s.next(b, 1, List.of()).get(0);
        assertEquals(new Job(NINE.get(1), 1, 3), promoted);
        assertEquals(List.of(), s.next(b, 1, List.of(promoted)));

        // two settings: 2/3 = 0 promotable, so the best of rung 1 is "finishing" — but only once nothing runs
        Scheduler two = Scheduler.asha(NINE.subList(0, 2), 3, 1, 3);
        ScoreBoard b2 = new ScoreBoard(2, true);
        b2.record(0, 1, 0, 0.5);
        b2.record(0, 1, 1, 0.5);
        Job other = new Job(NINE.get(1), 0, 1);
        assertEquals(List.of(other), two.next(b2, 1, List.of()));
        assertEquals(List.of(), two.next(b2, 1, List.of(other)), "setting 1 may still beat setting 0: wait for it");
        b2.record(1, 1, 0, 0.9);
        b2.record(1, 1, 1, 0.9);
        assertEquals(List.of(new Job(NINE.get(1), 1, 3)), two.next(b2, 1, List.of()));
    }

    @Test
    void oneStandardErrorPicksTheStrongerRegularization() {
        ScoreBoard b = new ScoreBoard(3, true);
        double[][] s = {{0.90, 0.91, 0.92}, {0.905, 0.915, 0.925}, {0.80, 0.80, 0.80}};
        for (int i = 0; i < 3; i++) {
            for (int f = 0; f < 3; f++) {
                b.record(i, 5, f, s[i][f]);
            }
        }
        Scheduler g = Scheduler.grid(NINE.subList(0, 3), 5);
        assertEquals(1, Choice.BEST.choose(g.finalists(b), b, 5).index());
        // 0 is within one SE of 1 but l2=0 is weaker; 2 is outside: 1se keeps 1 (the stronger of those within)
        assertEquals(1, Choice.ONE_SE.choose(g.finalists(b), b, 5).index());
        b.record(2, 5, 0, 0.92);
        b.record(2, 5, 1, 0.91);
        b.record(2, 5, 2, 0.915);
        assertEquals(1, Choice.BEST.choose(g.finalists(b), b, 5).index());
        assertEquals(2, Choice.ONE_SE.choose(g.finalists(b), b, 5).index());
    }
}
