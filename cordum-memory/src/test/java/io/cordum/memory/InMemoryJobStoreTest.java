package io.cordum.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.InvalidTransitionException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.testkit.JobStoreContract;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the job store contract against {@link InMemoryJobStore}, plus its own guarantees. */
class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore createStore(ManualClock clock) {
    return new InMemoryJobStore(clock);
  }

  private InMemoryJobStore memoryStore() {
    return (InMemoryJobStore) store();
  }

  @Test
  void expiredJobsLeaveNothingBehind() {
    for (int i = 0; i < 500; i++) {
      String id = "old-" + i;
      store().save(request(id).toBuilder().tenantId("t" + (i % 7)).build(), "trace-" + (i % 11));
      store().transition(id, Transition.to(JobState.RUNNING).wakeAt(t0.plusSeconds(i)).build());
      store().setDeadlineIfAbsent(id, t0.plusSeconds(3600 + i));
      store().appendSafetyDecision(id, decision(SafetyDecision.ALLOW, "ok"));
      store().reserveIdempotencyKey("t" + (i % 7), "key-" + i, id);
    }
    clock.advance(retention().plusSeconds(1));
    InMemoryJobStore baseline = new InMemoryJobStore(new ManualClock(clock.instant()));
    baseline.save(request("fresh"), null);

    store().save(request("fresh"), null); // any write purges what has expired

    assertThat(memoryStore().footprint()).isEqualTo(baseline.footprint());
  }

  @Test
  void aJobWrittenAgainLivesOnWithOneExpiryEntryAndGoesAtItsLastWritePlusRetention() {
    store().save(request("kept"), null);
    clock.advance(retention().minusSeconds(10));
    store().transition("kept", Transition.of(JobState.SCHEDULED)); // extends its life
    int oneJob = memoryStore().footprint();
    clock.advance(Duration.ofSeconds(20)); // past the first write's expiry, not the second's

    store().save(request("other"), null); // purges what is due

    assertThat(store().get("kept")).isPresent();
    InMemoryJobStore twoJobs = new InMemoryJobStore(new ManualClock(clock.instant()));
    twoJobs.save(request("a"), null);
    twoJobs.transition("a", Transition.of(JobState.SCHEDULED));
    twoJobs.save(request("b"), null);
    assertThat(memoryStore().footprint()).isEqualTo(twoJobs.footprint()).isGreaterThan(oneJob);

    clock.advance(retention().minusSeconds(20)); // "kept" expires now, "other" in 10 s
    store().get("other");
    store().setTimer("other", null, null, null, -1); // a write, so a purge
    assertThat(store().get("kept")).isEmpty();
    InMemoryJobStore oneLeft = new InMemoryJobStore(new ManualClock(clock.instant()));
    oneLeft.save(request("b"), null);
    oneLeft.setTimer("b", null, null, null, -1);
    assertThat(memoryStore().footprint()).isEqualTo(oneLeft.footprint());
  }

  @Test
  void aClockThatGoesBackStillExpiresTheJobAtItsLastWritePlusRetention() {
    clock.advance(Duration.ofHours(1));
    store().save(request("j"), null);
    clock.set(t0); // an hour back: the next write makes the job expire an hour earlier
    store().transition("j", Transition.of(JobState.SCHEDULED));
    clock.advance(retention().plusSeconds(1));

    store().save(request("other"), null);

    assertThat(store().get("j")).isEmpty();
    InMemoryJobStore baseline = new InMemoryJobStore(new ManualClock(clock.instant()));
    baseline.save(request("other"), null);
    assertThat(memoryStore().footprint()).isEqualTo(baseline.footprint());
  }

  @Test
  void aListingAcrossStatesMergesThemInUpdateOrderOnEveryPage() {
    JobState[] states = {
      JobState.PENDING, JobState.SCHEDULED, JobState.RUNNING, JobState.SUCCEEDED, JobState.FAILED
    };
    List<String> oldestFirst = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i % 3 == 0) {
        clock.advance(Duration.ofMillis(1)); // three jobs per instant: ties broken by id
      }
      String id = "j" + (char) ('z' - i % 3) + i; // ids not in creation order within an instant
      JobState state = states[(i * 7) % states.length];
      if (state.isTerminal()) {
        store().transition(id, Transition.of(JobState.RUNNING));
      }
      store().transition(id, Transition.of(state));
      oldestFirst.add(id);
    }
    for (int i = 0; i < 30; i += 3) {
      oldestFirst.subList(i, i + 3).sort(null);
    }
    List<String> newestFirst = new ArrayList<>(oldestFirst);
    java.util.Collections.reverse(newestFirst);

    assertThat(pagedIds(JobQuery.Order.OLDEST_FIRST)).isEqualTo(oldestFirst);
    assertThat(pagedIds(JobQuery.Order.NEWEST_FIRST)).isEqualTo(newestFirst);
  }

  private List<String> pagedIds(JobQuery.Order order) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    do {
      Page<JobRecord> page =
          store().list(JobQuery.builder().order(order).limit(4).cursor(cursor).build());
      page.items().forEach(r -> out.add(r.id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  @Test
  void failedWritesLeaveNoEmptySlots() {
    assertThatThrownBy(() -> store().transition("x", Transition.of(JobState.SUCCEEDED)))
        .isInstanceOf(InvalidTransitionException.class);
    assertThatThrownBy(() -> store().cancel("y", "why")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store().setDeadlineIfAbsent("z", t0))
        .isInstanceOf(NotFoundException.class);

    assertThat(memoryStore().footprint()).isZero();
  }

  @Test
  void optionsAreHonoured() {
    ManualClock c = new ManualClock();
    InMemoryJobStore s =
        new InMemoryJobStore(
            c,
            InMemoryJobStore.Options.builder()
                .retention(Duration.ofHours(1))
                .historyLimit(3)
                .decisionsLimit(2)
                .build());
    s.save(request("j"), null);
    for (JobState st : new JobState[] {JobState.SCHEDULED, JobState.DISPATCHED, JobState.RUNNING}) {
      s.transition("j", Transition.of(st));
    }
    for (int i = 0; i < 4; i++) {
      s.appendSafetyDecision("j", decision(SafetyDecision.ALLOW, "d" + i));
    }

    assertThat(s.history("j"))
        .extracting(e -> e.state())
        .containsExactly(JobState.SCHEDULED, JobState.DISPATCHED, JobState.RUNNING);
    assertThat(s.safetyDecisions("j", 10)).extracting(d -> d.reason()).containsExactly("d3", "d2");
    c.advance(Duration.ofMinutes(59));
    assertThat(s.get("j")).isPresent();
    c.advance(Duration.ofMinutes(2));
    assertThat(s.get("j")).isEmpty();
  }

  @Test
  void defaultsAreNamed() {
    InMemoryJobStore.Options d = InMemoryJobStore.Options.DEFAULT;

    assertThat(d.retention())
        .isEqualTo(InMemoryJobStore.Options.DEFAULT_RETENTION)
        .isEqualTo(Duration.ofDays(7));
    assertThat(d.historyLimit())
        .isEqualTo(InMemoryJobStore.Options.DEFAULT_HISTORY_LIMIT)
        .isEqualTo(100);
    assertThat(d.decisionsLimit())
        .isEqualTo(InMemoryJobStore.Options.DEFAULT_DECISIONS_LIMIT)
        .isEqualTo(100);
  }

  @Test
  void nonPositiveOptionsAreRejected() {
    assertThatThrownBy(() -> InMemoryJobStore.Options.builder().retention(Duration.ZERO).build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> InMemoryJobStore.Options.builder().historyLimit(0).build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> InMemoryJobStore.Options.builder().decisionsLimit(-1).build())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void timesAreKeptToTheMicrosecond() {
    clock.set(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    Instant micros = Instant.parse("2026-01-01T00:00:00.123456Z");

    JobRecord r = store().save(request("j"), null);
    JobRecord t =
        store()
            .transition(
                "j",
                Transition.to(JobState.SCHEDULED)
                    .wakeAt(Instant.parse("2026-01-01T00:01:00.000000999Z"))
                    .build());
    Instant deadline =
        store().setDeadlineIfAbsent("j", Instant.parse("2026-01-01T01:00:00.000001999Z"));

    assertThat(r.createdAt()).isEqualTo(micros);
    assertThat(r.updatedAt()).isEqualTo(micros);
    assertThat(t.wakeAt()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    assertThat(deadline).isEqualTo(Instant.parse("2026-01-01T01:00:00.000001Z"));
    assertThat(store().dueTimers(Instant.parse("2026-01-01T00:01:00Z"), 10)).hasSize(1);
  }
}
