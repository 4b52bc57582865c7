package io.cordum.core.internal.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.core.Cordum;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.testkit.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 1: a submit with an idempotency key, retried by the caller while the store was
 * down. The first attempt reserved the key, then its job write failed and the release of the key
 * failed too; the retry must save the job, not answer "duplicate" for a job that was never saved.
 */
class IdempotentSubmitFaultTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryJobStore real = new InMemoryJobStore(clock);

  /** Operations that fail (once each) as if Redis were down. */
  private final Set<String> failNext = ConcurrentHashMap.newKeySet();

  private JobStore flaky() {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              if (failNext.remove(method.getName())) {
                throw new BackendException("redis: Connection refused", null);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static JobSubmission submission(String jobId) {
    JobSubmission.Builder b =
        JobSubmission.builder().topic("job.default").input("x").idempotencyKey("order-42");
    return jobId == null ? b.build() : b.jobId(jobId).build();
  }

  @Test
  void aRetryAfterAFailedSaveAndAFailedReleaseSavesTheJob() {
    try (Cordum cordum = Cordum.builder().clock(clock).jobStore(flaky()).build()) {
      failNext.add("save");
      failNext.add("releaseIdempotencyKey");
      assertThatThrownBy(() -> cordum.jobs().submit(submission(null)))
          .isInstanceOf(BackendException.class);

      SubmittedJob retry = cordum.jobs().submit(submission(null));

      assertThat(retry.duplicate()).isFalse();
      assertThat(real.get(retry.jobId()))
          .as("the job the caller was told about exists")
          .isPresent();
      SubmittedJob again = cordum.jobs().submit(submission(null));
      assertThat(again.duplicate()).isTrue();
      assertThat(again.jobId()).isEqualTo(retry.jobId());
    }
  }

  @Test
  void aRetryWithTheSameJobIdIsSavedToo() {
    try (Cordum cordum = Cordum.builder().clock(clock).jobStore(flaky()).build()) {
      failNext.add("save");
      failNext.add("releaseIdempotencyKey");
      assertThatThrownBy(() -> cordum.jobs().submit(submission("job-1")))
          .isInstanceOf(BackendException.class);

      SubmittedJob retry = cordum.jobs().submit(submission("job-1"));

      assertThat(retry.jobId()).isEqualTo("job-1");
      assertThat(real.get("job-1")).isPresent();
    }
  }

  @Test
  void aSaveWhoseReplyWasLostIsFoundByTheRetry() {
    // The write happened, the reply did not arrive: the retry must not create a second job.
    JobStore lostReply =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                  Object out;
                  try {
                    out = method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (failNext.remove(method.getName())) {
                    throw new BackendException("redis: Unexpected end of stream", null);
                  }
                  return out;
                });
    try (Cordum cordum = Cordum.builder().clock(clock).jobStore(lostReply).build()) {
      failNext.add("save");
      assertThatThrownBy(() -> cordum.jobs().submit(submission(null)))
          .isInstanceOf(BackendException.class);

      SubmittedJob retry = cordum.jobs().submit(submission(null));

      assertThat(retry.duplicate()).isTrue();
      assertThat(real.get(retry.jobId())).isPresent();
      assertThat(real.list(io.cordum.api.job.JobQuery.builder().build()).items()).hasSize(1);
    }
  }
}
