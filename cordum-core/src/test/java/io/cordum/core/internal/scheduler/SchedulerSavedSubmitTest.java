package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.api.cap.UnknownFields;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.internal.job.SavedSubmit;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A submit the Java client marks as saved ({@link SavedSubmit}) is claimed at the saved version
 * without the scheduler reading the job; anything else (a duplicate, a cancel, a changed record, a
 * decision other than allow) is handled from the stored record as any submit (issue 13). On Redis
 * and NATS the mark also crosses the CAP encoding.
 */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerSavedSubmitTest {
  private final Harness h;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  SchedulerSavedSubmitTest(Backends backends) {
    h = new Harness(backends);
    JobStore real = h.store;
    h.schedulerStore =
        (JobStore)
            java.lang.reflect.Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                  calls.add(method.getName());
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  @AfterEach
  void close() {
    h.close();
  }

  /** Saves the job as the Java client does and publishes its submit with the mark. */
  private JobRecord submitSaved(JobRequest req) {
    JobRecord saved = h.store.save(req, "trace-" + req.jobId());
    publishMarked(req, saved);
    return saved;
  }

  private void publishMarked(JobRequest req, JobRecord saved) {
    SavedSubmit mark = SavedSubmit.of(saved);
    assertThat(mark).isNotNull();
    h.bus.publish(
        Subjects.SUBMIT,
        BusPacket.of("trace-" + req.jobId(), "cordum-client", h.clock.instant(), req).toBuilder()
            .unknownFields(mark.encode())
            .build());
  }

  private List<String> reads() {
    return calls.stream()
        .filter(c -> c.equals("get") || c.equals("resave") || c.equals("save"))
        .toList();
  }

  @Test
  void aMarkedSubmitIsClaimedWithoutReadingTheJob() {
    h.start(Harness.config().runningRecordDelay(Duration.ofSeconds(4)).build());
    h.heartbeat("w1", "default");
    JobRecord saved = submitSaved(Harness.job("j1").build());

    h.poll().until(() -> h.jobsPublished("j1").size() == 1);
    JobRecord rec = h.store.get("j1").orElseThrow();
    assertThat(rec.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(rec.version()).isEqualTo(saved.version() + 1);
    assertThat(rec.attempts()).isEqualTo(1);
    assertThat(rec.traceId()).isEqualTo("trace-j1");
    assertThat(rec.safety()).isNotNull();
    assertThat(h.jobsPublished("j1").get(0).packet().traceId()).isEqualTo("trace-j1");
    assertThat(reads()).as("store reads and saves of the scheduler").isEmpty();
    assertThat(calls)
        .as("the scheduler's calls about the job (not its timer scans)")
        .filteredOn(c -> !List.of("dueTimers", "expiredDeadlines", "list").contains(c))
        .containsExactly("transition"); // the claim
  }

  @Test
  void aDuplicateOfAMarkedSubmitIsDispatchedOnce() {
    h.start();
    h.heartbeat("w1", "default");
    JobRequest req = Harness.job("j1").build();
    JobRecord saved = submitSaved(req);
    h.awaitState("j1", JobState.RUNNING);
    publishMarked(req, saved); // a redelivery, after the claim

    h.settle();
    assertThat(h.jobsPublished("j1")).hasSize(1);
    JobRecord rec = h.store.get("j1").orElseThrow();
    assertThat(rec.attempts()).isEqualTo(1);
    assertThat(rec.state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aMarkedSubmitOfACancelledJobIsNotDispatched() {
    h.start();
    h.heartbeat("w1", "default");
    JobRequest req = Harness.job("j1").build();
    JobRecord saved = h.store.save(req, "trace-j1");
    JobRecord cancelled = h.store.cancel("j1", "changed my mind");
    publishMarked(req, saved);

    h.settle();
    assertThat(h.jobsPublished("j1")).isEmpty();
    assertThat(h.store.get("j1")).contains(cancelled);
  }

  @Test
  void aMarkNamingAnOlderVersionFallsBackToTheStoredRecord() {
    h.start();
    h.heartbeat("w1", "default");
    JobRequest req = Harness.job("j1").build();
    JobRecord saved = h.store.save(req, "trace-j1");
    // The client's publish failed (as it thought) and it set a due timer: a new version.
    h.store.setTimer("j1", h.clock.instant(), ReasonCodes.PUBLISH_FAILED, "no ack", -1);
    publishMarked(req, saved);

    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    assertThat(rec.attempts()).isEqualTo(1);
    assertThat(h.jobsPublished("j1")).hasSize(1);
    assertThat(calls).contains("resave");
  }

  @Test
  void aMarkedSubmitTheGateDeniesIsDeniedWithTheGateAskedOnce() {
    AtomicInteger asked = new AtomicInteger();
    h.gate.set(
        r -> {
          asked.incrementAndGet();
          return SafetyDecisionRecord.of(SafetyDecision.DENY, "forbidden", Instant.EPOCH);
        });
    h.start();
    h.heartbeat("w1", "default");
    submitSaved(Harness.job("j1").build());

    JobRecord rec = h.awaitState("j1", JobState.DENIED);
    h.settle();
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.SAFETY_DENIED);
    assertThat(asked).hasValue(1);
    assertThat(h.jobsPublished("j1")).isEmpty();
    assertThat(h.on(Subjects.DLQ)).hasSize(1);
  }

  @Test
  void aMarkedSubmitTheGateThrottlesWaitsWithTheGateAskedOnce() {
    AtomicInteger asked = new AtomicInteger();
    h.gate.set(
        r -> {
          asked.incrementAndGet();
          return SafetyDecisionRecord.of(SafetyDecision.THROTTLE, "slow down", Instant.EPOCH);
        });
    h.start();
    h.heartbeat("w1", "default");
    submitSaved(Harness.job("j1").build());

    JobRecord waiting =
        h.awaitRecord("j1", r -> ReasonCodes.SAFETY_THROTTLED.equals(r.reasonCode()));
    h.settle();
    assertThat(waiting.state()).isEqualTo(JobState.PENDING);
    assertThat(waiting.wakeAt()).isNotNull();
    assertThat(asked).hasValue(1);
    assertThat(h.jobsPublished("j1")).isEmpty();
  }

  @Test
  void theMarkIsReadAmongOtherUnknownFieldsAndNothingElseIsTakenForIt() {
    JobRecord saved =
        JobRecord.builder()
            .id("j1")
            .state(JobState.PENDING)
            .version(7)
            .createdAt(Instant.parse("2026-12-06T06:00:00.123456Z"))
            .updatedAt(Instant.parse("2026-12-06T06:00:00.123456Z"))
            .build();
    SavedSubmit mark = SavedSubmit.of(saved);
    byte[] own = mark.encode().toByteArray();
    // Field 20 (varint 150) and field 21 (length 2) before the mark, as a newer CAP might send.
    byte[] other = {(byte) 0xA0, 0x01, (byte) 0x96, 0x01, (byte) 0xAA, 0x01, 0x02, 'h', 'i'};
    byte[] both = new byte[other.length + own.length];
    System.arraycopy(other, 0, both, 0, other.length);
    System.arraycopy(own, 0, both, other.length, own.length);
    BusPacket base = BusPacket.of("t", "c", Instant.EPOCH, Harness.job("j1").build());

    assertThat(SavedSubmit.in(base.toBuilder().unknownFields(UnknownFields.of(both)).build()))
        .isEqualTo(new SavedSubmit(7, saved.createdAt()));
    assertThat(SavedSubmit.in(base)).isNull();
    assertThat(SavedSubmit.in(base.toBuilder().unknownFields(UnknownFields.of(other)).build()))
        .isNull();
    assertThat(
            SavedSubmit.in(
                base.toBuilder().unknownFields(UnknownFields.of(new byte[] {(byte) 0xFF})).build()))
        .isNull();
    assertThat(SavedSubmit.of(saved.toBuilder().attempts(1).build())).isNull();
    assertThat(SavedSubmit.of(saved.toBuilder().state(JobState.SCHEDULED).build())).isNull();
    assertThat(Map.of()).isEmpty();
  }
}
