package io.cordum.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.faults.SoakTally.Execution;
import io.cordum.faults.SoakTally.FaultEvent;
import io.cordum.faults.SoakTally.JobEnd;
import io.cordum.faults.SoakTally.Recovery;
import io.cordum.faults.SoakTally.Report;
import io.cordum.faults.SoakTally.Submission;
import io.cordum.faults.SoakTally.Trend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's accounting, on made-up inputs: no process, no server. */
class SoakTallyTest {

  private static JobEnd succeeded(long at) {
    return new JobEnd("SUCCEEDED", true, null, at);
  }

  @Test
  void aCleanRunIsOk() {
    List<Submission> subs =
        List.of(new Submission("j1", "k1", 100), new Submission("j2", "k2", 200));
    Map<String, JobEnd> ends = Map.of("j1", succeeded(150), "j2", succeeded(260));
    List<Execution> execs =
        List.of(new Execution("j1", "k1", "w1", 120), new Execution("j2", "k2", "w2", 220));

    Report r = SoakTally.tally(2, subs, ends, execs, List.of());

    assertThat(r.ok()).isTrue();
    assertThat(r.problems()).isEmpty();
    assertThat(r.succeeded()).isEqualTo(2);
    assertThat(r.executions()).isEqualTo(2);
    assertThat(r.duplicates()).isZero();
  }

  @Test
  void aJobTheStoreDoesNotKnowIsLost() {
    List<Submission> subs =
        List.of(new Submission("j1", "k1", 100), new Submission("j2", "k2", 200));
    Report r = SoakTally.tally(2, subs, Map.of("j1", succeeded(150)), List.of(), List.of());

    assertThat(r.ok()).isFalse();
    assertThat(r.lost()).isEqualTo(1);
    assertThat(r.stuck()).isZero();
    assertThat(r.stuckOrLostExamples()).containsExactly("j2 unknown");
    assertThat(r.problems()).anyMatch(p -> p.contains("1 jobs lost"));
  }

  @Test
  void aJobNotTerminalIsStuck() {
    List<Submission> subs =
        List.of(new Submission("j1", "k1", 100), new Submission("j2", "k2", 200));
    Map<String, JobEnd> ends =
        Map.of("j1", succeeded(150), "j2", new JobEnd("PENDING", false, null, 200));

    Report r = SoakTally.tally(2, subs, ends, List.of(), List.of());

    assertThat(r.ok()).isFalse();
    assertThat(r.stuck()).isEqualTo(1);
    assertThat(r.lost()).isZero();
    assertThat(r.stuckOrLostExamples()).containsExactly("j2 PENDING");
  }

  @Test
  void fewerJobIdsThanTheClientWasToSubmitFail() {
    Report r =
        SoakTally.tally(
            3,
            List.of(new Submission("j1", "k1", 100)),
            Map.of("j1", succeeded(150)),
            List.of(),
            List.of());

    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).containsExactly("the client was given 1 job ids of 3");
  }

  @Test
  void aSecondExecutionOfAJobIsADuplicateNotAFailure() {
    List<Submission> subs = List.of(new Submission("j1", "k1", 100));
    List<Execution> execs =
        List.of(
            new Execution("j1", "k1", "w1", 110),
            new Execution("j1", "k1", "w2", 5_000),
            new Execution("j1", "k1", "w2", 6_000));

    Report r = SoakTally.tally(1, subs, Map.of("j1", succeeded(6_100)), execs, List.of());

    assertThat(r.ok()).isTrue();
    assertThat(r.executions()).isEqualTo(3);
    assertThat(r.duplicates()).isEqualTo(2);
  }

  @Test
  void aKeyRunUnderTwoJobsFails() {
    // The client was answered with two job ids for one key, and both ran.
    List<Submission> subs =
        List.of(new Submission("j1", "k1", 100), new Submission("j2", "k1", 300));
    Map<String, JobEnd> ends = Map.of("j1", succeeded(150), "j2", succeeded(350));
    List<Execution> execs =
        List.of(new Execution("j1", "k1", "w1", 110), new Execution("j2", "k1", "w1", 310));

    Report r = SoakTally.tally(2, subs, ends, execs, List.of());

    assertThat(r.ok()).isFalse();
    assertThat(r.keysWithTwoJobs()).isEqualTo(1);
  }

  @Test
  void otherEndsAreCountedByStateAndReasonAndThoseThatNeverRan() {
    List<Submission> subs =
        List.of(
            new Submission("j1", "k1", 100),
            new Submission("j2", "k2", 200),
            new Submission("j3", "k3", 300));
    Map<String, JobEnd> ends =
        Map.of(
            "j1",
            new JobEnd("TIMEOUT", true, "running_timeout", 900),
            "j2",
            new JobEnd("TIMEOUT", true, "running_timeout", 950),
            "j3",
            new JobEnd("FAILED", true, null, 400));
    List<Execution> execs = List.of(new Execution("j1", "k1", "w1", 110));

    Report r = SoakTally.tally(3, subs, ends, execs, List.of());

    assertThat(r.ok()).isTrue(); // ended is not lost; reported, not failed
    assertThat(r.succeeded()).isZero();
    assertThat(r.otherEnds())
        .containsExactly(Map.entry("FAILED", 1), Map.entry("TIMEOUT running_timeout", 2));
    assertThat(r.endedWithoutRunning()).isEqualTo(2);
  }

  @Test
  void eachFaultsRecoveryIsFromItsKillToTheLastEndOfTheJobsItAffected() {
    // Fault A: killed at 1,000, back at 2,000. Fault B: killed at 10,000, back at 11,000.
    List<Submission> subs = new ArrayList<>();
    Map<String, JobEnd> ends = new HashMap<>();
    subs.add(new Submission("a1", "a1", 900)); // in flight at A's kill, ends late
    ends.put("a1", succeeded(7_000));
    subs.add(new Submission("a2", "a2", 1_500)); // submitted while down
    ends.put("a2", succeeded(4_000));
    subs.add(new Submission("b1", "b1", 5_000)); // after A's restore: B's window
    ends.put("b1", succeeded(5_050));
    subs.add(new Submission("b2", "b2", 10_500)); // never ends
    subs.add(new Submission("c1", "c1", 20_000)); // after the last fault: no window
    ends.put("c1", succeeded(20_050));
    List<FaultEvent> faults =
        List.of(new FaultEvent("A", 1_000, 2_000), new FaultEvent("B", 10_000, 11_000));

    Report r = SoakTally.tally(5, subs, ends, List.of(), faults);

    Recovery a = r.recoveries().get(0);
    assertThat(a.affected()).isEqualTo(2);
    assertThat(a.unfinished()).isZero();
    assertThat(a.recoveredMs()).isEqualTo(6_000);
    assertThat(a.stallMs()).isEqualTo(3_000); // 1,000 -> 4,000, then 4,000 -> 5,050 -> 7,000
    Recovery b = r.recoveries().get(1);
    assertThat(b.affected()).isEqualTo(2);
    assertThat(b.unfinished()).isEqualTo(1);
    assertThat(b.recoveredMs()).isEqualTo(-1);
    assertThat(b.stallMs()).isEqualTo(10_050); // 10,000 -> 20,050, nothing ended between
    assertThat(r.ok()).isFalse();
    assertThat(r.lost()).isEqualTo(1);
  }

  @Test
  void aTrendIsTheLeastSquaresSlopePerHourSkippingUnknownSamples() {
    long h = 3_600_000;
    Trend t =
        SoakTally.trend(
            List.of(
                new long[] {0, 100},
                new long[] {h / 2, -1},
                new long[] {h, 300},
                new long[] {2 * h, 500}));

    assertThat(t.samples()).isEqualTo(3);
    assertThat(t.first()).isEqualTo(100);
    assertThat(t.last()).isEqualTo(500);
    assertThat(t.max()).isEqualTo(500);
    assertThat(t.slopePerHour()).isCloseTo(200.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(SoakTally.trend(List.of())).isEqualTo(Trend.NONE);
    assertThat(SoakTally.trend(List.<long[]>of(new long[] {5, 7})).slopePerHour()).isZero();
  }

  @Test
  void heapTrendsReadTheReportLinesOfTheLongestIncarnationAfterWarmUp(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("control-plane.log");
    StringBuilder b = new StringBuilder("---- start control-plane\n");
    for (int i = 1; i <= 3; i++) {
      b.append("HEAP ").append(i * 10_000L).append(" -1 ").append(1_000_000L).append('\n');
    }
    b.append("---- start control-plane\n");
    for (int i = 0; i <= 12; i++) { // 0 .. 120 s; the first 50 s are warm-up
      b.append("HEAP ")
          .append(100_000L + i * 10_000L)
          .append(" -1 ")
          .append(2_000_000L + i * 1_000L)
          .append('\n');
    }
    b.append("12:00:00.000 INFO something else\n");
    Files.writeString(log, b.toString(), StandardCharsets.UTF_8);

    Map<String, Trend> t = Soak.heapTrends("cp", log);

    assertThat(t).hasSize(1);
    String key = t.keySet().iterator().next();
    assertThat(key).contains("longest of 2 runs").contains("max of all 2.0 MB");
    Trend trend = t.get(key);
    assertThat(trend.samples()).isEqualTo(8); // 50 .. 120 s
    assertThat(trend.first()).isEqualTo(2_005_000L);
    assertThat(trend.last()).isEqualTo(2_012_000L);
    assertThat(trend.slopePerHour())
        .isCloseTo(1_000.0 * 360, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void soakArgumentsHaveDefaultsAndAnIntervalThatFitsTheLength() {
    Soak.Settings d = Soak.Settings.parse(List.of());
    assertThat(d.length()).isEqualTo(Duration.ofMinutes(60));
    assertThat(d.rate()).isEqualTo(20.0);
    assertThat(d.jetStream()).isTrue();
    assertThat(d.faultEvery()).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.jobs()).isEqualTo(72_000);

    Soak.Settings s = Soak.Settings.parse(List.of("4", "10", "core"));
    assertThat(s.jetStream()).isFalse();
    assertThat(s.faultEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.jobs()).isEqualTo(2_400);
    assertThat(Soak.Settings.parse(List.of("10", "5", "js", "45")).faultEvery())
        .isEqualTo(Duration.ofSeconds(45));
  }
}
