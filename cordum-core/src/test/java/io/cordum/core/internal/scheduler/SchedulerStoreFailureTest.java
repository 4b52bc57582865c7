package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.BackendException;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.Transition;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.scheduler.SchedulerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store failing under the scheduler: writes that fail, and writes whose reply is lost. */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerStoreFailureTest {
  private final Harness h;

  SchedulerStoreFailureTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /**
   * The in-memory store, except that the next {@code n} claims (transitions to SCHEDULED) are
   * applied and then reported as failed, as when Redis crashes before its reply.
   */
  private AtomicInteger lostClaimReplies(int n) {
    AtomicInteger left = new AtomicInteger(n);
    h.schedulerStore =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                  Object out;
                  try {
                    out = method.invoke(h.store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (method.getName().equals("transition")
                      && ((Transition) args[1]).to() == JobState.SCHEDULED
                      && left.getAndDecrement() > 0) {
                    throw new BackendException("redis: Unexpected end of stream", null);
                  }
                  return out;
                });
    return left;
  }

  private SchedulerConfig.Builder fastRetries() {
    return Harness.config().storeErrorDelay(Duration.ofMillis(10));
  }

  @Test
  void aClaimWhoseReplyWasLostIsResumedByTheRedeliveredSubmitAndPublishedOnce() {
    lostClaimReplies(1);
    h.start(fastRetries().build());
    h.heartbeat("w1", "default");

    h.submit(Harness.job("lost-reply").build());

    JobRecord running = h.awaitState("lost-reply", JobState.RUNNING);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(h.jobsPublished("lost-reply"))
        .hasSize(1)
        .allSatisfy(s -> assertThat(s.messageId()).isEqualTo("lost-reply@1"));
    h.result("lost-reply", JobStatus.SUCCEEDED, "", "");
    assertThat(h.awaitState("lost-reply", JobState.SUCCEEDED).attempts()).isEqualTo(1);
  }

  @Test
  void aMarkedSubmitWhoseClaimReplyWasLostIsResumedOnItsRedeliveryAndPublishedOnce() {
    lostClaimReplies(1);
    h.start(fastRetries().build());
    h.heartbeat("w1", "default");
    // As the Java client does: saved, then published with the saved version (SavedSubmit).
    io.cordum.api.cap.JobRequest req = Harness.job("lost-reply").build();
    JobRecord saved = h.store.save(req, "trace-lost-reply");
    h.bus.publish(
        io.cordum.api.cap.Subjects.SUBMIT,
        io.cordum.api.cap.BusPacket.of("trace-lost-reply", "cordum-client", h.clock.instant(), req)
            .toBuilder()
            .unknownFields(
                java.util.Objects.requireNonNull(io.cordum.core.internal.job.SavedSubmit.of(saved))
                    .encode())
            .build());

    // The redelivery's claim at the saved version conflicts (the lost claim was applied): it is
    // resumed from the stored record, under the claimed attempt, once.
    JobRecord running = h.awaitState("lost-reply", JobState.RUNNING);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(h.jobsPublished("lost-reply"))
        .hasSize(1)
        .allSatisfy(s -> assertThat(s.messageId()).isEqualTo("lost-reply@1"));
    h.result("lost-reply", JobStatus.SUCCEEDED, "", "");
    assertThat(h.awaitState("lost-reply", JobState.SUCCEEDED).attempts()).isEqualTo(1);
  }

  @Test
  void aDuplicateSubmitOfAClaimThisReplicaDidNotLoseIsStillIgnored() {
    h.start(fastRetries().build());
    h.heartbeat("w1", "default");
    h.submit(Harness.job("dup").build());
    h.awaitState("dup", JobState.RUNNING);

    h.submit(Harness.job("dup").build());

    assertThat(h.jobsPublished("dup")).hasSize(1);
  }
}
