package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A job id or an idempotency key used twice never rewrites what a job was submitted with. */
class CordumSubmitIntegrityTest {

  private static JobSubmission.Builder job(String id, String input) {
    return JobSubmission.builder().jobId(id).topic("job.default").input(input);
  }

  private static String input(Cordum c, String id) {
    return new String(c.jobs().input(id).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void aReusedJobIdWithAnotherRequestIsRefusedAndTheStoredInputIsKept() {
    try (Cordum cordum = Cordum.builder().build().start()) { // no worker: the job waits
      cordum.jobs().submit(job("order-1", "first").placement("team", "a").build());
      assertThatThrownBy(() -> cordum.jobs().submit(job("order-1", "second").build()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("order-1")
          .hasMessageContaining("input")
          .hasMessageContaining("labels");
      assertThat(input(cordum, "order-1")).isEqualTo("first");
      assertThat(cordum.jobs().request("order-1").orElseThrow().labels())
          .containsEntry("team", "a");
    }
  }

  @Test
  void aFinishedJobsIdCannotBeReusedEither() throws Exception {
    try (Cordum cordum = Cordum.builder().build().start();
        CordumWorker w =
            CordumWorker.builder()
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .pool("default")
                .topics("job.default")
                .handler(j -> JobOutput.of("ok"))
                .build()
                .start()) {
      cordum.jobs().submit(job("done-1", "first").build());
      assertThat(cordum.jobs().awaitTerminal("done-1").get(10, TimeUnit.SECONDS).state())
          .isEqualTo(JobState.SUCCEEDED);
      assertThatThrownBy(() -> cordum.jobs().submit(job("done-1", "again").build()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("SUCCEEDED");
      assertThat(input(cordum, "done-1")).isEqualTo("first");
    }
  }

  @Test
  void theSameRequestAgainUnderItsIdIsANoOp() {
    try (Cordum cordum = Cordum.builder().build().start()) {
      SubmittedJob first = cordum.jobs().submit(job("same-1", "x").build());
      SubmittedJob again = cordum.jobs().submit(job("same-1", "x").build());
      assertThat(first.duplicate()).isFalse();
      assertThat(again.duplicate()).isTrue();
      assertThat(again.jobId()).isEqualTo("same-1");
      assertThat(again.traceId()).isEqualTo(first.traceId());
    }
  }

  @Test
  void anIdempotencyKeyReusedForAnotherRequestIsAConflictNotTheFirstJob() {
    try (Cordum cordum = Cordum.builder().build().start()) {
      SubmittedJob first =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .idempotencyKey("k-1")
                      .input("pay 10")
                      .build());
      SubmittedJob same =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .idempotencyKey("k-1")
                      .input("pay 10")
                      .build());
      assertThat(same.duplicate()).isTrue();
      assertThat(same.jobId()).isEqualTo(first.jobId());
      assertThatThrownBy(
              () ->
                  cordum
                      .jobs()
                      .submit(
                          JobSubmission.builder()
                              .topic("job.default")
                              .idempotencyKey("k-1")
                              .input("pay 99")
                              .build()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("k-1")
          .hasMessageContaining(first.jobId())
          .hasMessageContaining("input");
    }
  }

  @Test
  void twoConcurrentSubmitsOfOneNewIdNeverBothWin() throws Exception {
    try (Cordum cordum = Cordum.builder().build().start()) {
      for (int i = 0; i < 30; i++) {
        String id = "race-" + i;
        CountDownLatch go = new CountDownLatch(1);
        List<AtomicReference<Object>> outcomes =
            List.of(new AtomicReference<>(), new AtomicReference<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          AtomicReference<Object> out = outcomes.get(t);
          String in = "in-" + t;
          Thread th =
              new Thread(
                  () -> {
                    try {
                      go.await();
                      out.set(cordum.jobs().submit(job(id, in).build()));
                    } catch (ConflictException e) {
                      out.set(e);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
          th.start();
          threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
          th.join(10_000);
        }
        List<Integer> winners = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          if (outcomes.get(t).get() instanceof SubmittedJob) {
            winners.add(t);
          } else {
            assertThat(outcomes.get(t).get()).isInstanceOf(ConflictException.class);
          }
        }
        assertThat(winners).as("job %s", id).hasSize(1);
        assertThat(input(cordum, id)).isEqualTo("in-" + winners.get(0));
      }
    }
  }
}
