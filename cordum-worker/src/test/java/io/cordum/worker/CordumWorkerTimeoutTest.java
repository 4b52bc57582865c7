package io.cordum.worker;

import static io.cordum.worker.WorkerFixture.eventually;
import static io.cordum.worker.WorkerFixture.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines: the budget's, the worker's default, and handlers that time out by themselves. */
class CordumWorkerTimeoutTest {
  private final WorkerFixture fx = new WorkerFixture();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final AtomicBoolean cancelledWhenInterrupted = new AtomicBoolean();
  private final AtomicReference<Optional<Instant>> deadline = new AtomicReference<>();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** A handler that waits for a gate nobody opens, and records how it was stopped. */
  private JobHandler waitsForever() {
    CountDownLatch never = fx.gate();
    return job -> {
      deadline.set(job.deadline());
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
        cancelledWhenInterrupted.set(job.isCancelled());
        throw e;
      }
      return JobOutput.of("released by the fixture");
    };
  }

  @Test
  void whenTheBudgetDeadlinePassesTheHandlerIsInterruptedAndTheJobTimesOut() {
    Instant received = fx.clock.instant();
    fx.start(fx.worker(waitsForever()));

    fx.submit(job("slow").budget(Budget.ofDeadline(Duration.ofMillis(100))).build());

    JobResult r = fx.awaitResult("slow");
    assertThat(r.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(r.errorCode()).isEqualTo("handler_timeout");
    assertThat(r.errorMessage()).contains("deadline");
    assertThat(r.resultPtr()).isEmpty();
    assertThat(interrupted).isTrue();
    assertThat(cancelledWhenInterrupted).isTrue();
    // The deadline is taken from the injected clock.
    assertThat(deadline.get()).hasValue(received.plusMillis(100));
  }

  @Test
  void aHandlerThatSwallowsTheInterruptStillReportsTimeout() {
    fx.start(
        fx.worker(
            job -> {
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                return JobOutput.of("finished anyway");
              }
              return JobOutput.empty();
            }));

    fx.submit(job("swallow").budget(Budget.ofDeadline(Duration.ofMillis(50))).build());

    JobResult r = fx.awaitResult("swallow");
    assertThat(r.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(r.errorCode()).isEqualTo("handler_timeout");
    assertThat(r.resultPtr()).isEmpty();
  }

  @Test
  void aHandlerThatStopsWhenItSeesIsCancelledAfterTheDeadlineReportsTimeout() {
    fx.start(
        fx.worker(
            job -> {
              while (!job.isCancelled()) {
                Thread.onSpinWait();
              }
              return JobOutput.empty();
            }));

    fx.submit(job("polling").budget(Budget.ofDeadline(Duration.ofMillis(30))).build());

    JobResult r = fx.awaitResult("polling");
    assertThat(r.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(r.errorCode()).isEqualTo("handler_timeout");
  }

  @Test
  void aHandlerThrowingTimeoutExceptionReportsTimeout() {
    fx.start(
        fx.worker(
            job -> {
              throw new TimeoutException("the model did not answer in 30 s");
            }));

    fx.submit("llm");

    JobResult r = fx.awaitResult("llm");
    assertThat(r.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(r.errorCode()).isEqualTo("handler_timeout");
    assertThat(r.errorMessage()).isEqualTo("the model did not answer in 30 s");
  }

  @Test
  void theDefaultTimeoutAppliesToAJobWithoutDeadline() {
    Instant received = fx.clock.instant();
    fx.start(fx.worker(waitsForever()).defaultTimeout(Duration.ofMillis(100)));

    fx.submit("no-budget");

    JobResult r = fx.awaitResult("no-budget");
    assertThat(r.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(r.errorCode()).isEqualTo("handler_timeout");
    assertThat(interrupted).isTrue();
    assertThat(deadline.get()).hasValue(received.plusMillis(100));
  }

  @Test
  void theBudgetDeadlineWinsOverTheDefaultTimeout() {
    Instant received = fx.clock.instant();
    fx.start(
        fx.worker(
                job -> {
                  deadline.set(job.deadline());
                  return JobOutput.empty();
                })
            .defaultTimeout(Duration.ofMinutes(5)));

    fx.submit(job("budget").budget(Budget.ofDeadline(Duration.ofSeconds(42))).build());

    assertThat(fx.awaitResult("budget").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(deadline.get()).hasValue(received.plusSeconds(42));
  }

  @Test
  void aJobWithoutDeadlineOrDefaultTimeoutHasNoDeadline() {
    fx.start(
        fx.worker(
            job -> {
              deadline.set(job.deadline());
              return JobOutput.empty();
            }));

    fx.submit(job("free").budget(Budget.builder().maxTotalTokens(100).build()).build());

    assertThat(fx.awaitResult("free").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(deadline.get()).isEmpty();
  }

  @Test
  void aJobThatFinishesBeforeItsDeadlineSucceeds() {
    fx.start(fx.worker(job -> JobOutput.of("quick")));

    fx.submit(job("quick").budget(Budget.ofDeadline(Duration.ofMinutes(1))).build());

    assertThat(fx.awaitResult("quick").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aJobWhoseDeadlinePassedWhileQueuedTimesOutAsSoonAsItStarts() {
    CountDownLatch first = fx.gate();
    fx.start(
        fx.worker(
                job -> {
                  if (job.jobId().equals("first")) {
                    first.await();
                    return JobOutput.empty();
                  }
                  new CountDownLatch(1).await(); // interrupted by the deadline
                  return JobOutput.of("never");
                })
            .maxParallel(1));
    fx.submit("first");
    fx.submit(job("late").budget(Budget.ofDeadline(Duration.ofMinutes(1))).build());
    fx.quiesce();

    fx.clock.advance(Duration.ofMinutes(2)); // the deadline passes while "late" waits for a thread
    first.countDown();

    JobResult r = fx.awaitResult("late");
    assertThat(r.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(r.errorCode()).isEqualTo("handler_timeout");
    assertThat(fx.awaitResult("first").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void theTimeoutInterruptDoesNotLeakIntoTheNextJobOnTheSameThread() {
    Map<String, String> threads = new ConcurrentHashMap<>();
    AtomicBoolean nextStartedInterrupted = new AtomicBoolean(true);
    fx.start(
        fx.worker(
                job -> {
                  threads.put(job.jobId(), Thread.currentThread().getName());
                  if (job.jobId().equals("times-out")) {
                    new CountDownLatch(1).await();
                  } else {
                    nextStartedInterrupted.set(Thread.currentThread().isInterrupted());
                  }
                  return JobOutput.empty();
                })
            .maxParallel(1));

    fx.submit(job("times-out").budget(Budget.ofDeadline(Duration.ofMillis(50))).build());
    assertThat(fx.awaitResult("times-out").status()).isEqualTo(JobStatus.TIMEOUT);
    fx.submit("next");

    assertThat(fx.awaitResult("next").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(nextStartedInterrupted).isFalse();
    assertThat(threads.get("next")).isEqualTo(threads.get("times-out"));
  }

  @Test
  void deadlinesAreSeenByEveryJobOfAParallelWorker() {
    CordumWorker worker = fx.start(fx.worker(waitsForever()).maxParallel(3));

    for (int i = 0; i < 3; i++) {
      fx.submit(job("t" + i).budget(Budget.ofDeadline(Duration.ofMillis(80))).build());
    }

    for (int i = 0; i < 3; i++) {
      assertThat(fx.awaitResult("t" + i).status()).isEqualTo(JobStatus.TIMEOUT);
    }
    eventually().until(() -> worker.activeJobs() == 0);
  }
}
