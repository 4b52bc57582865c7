package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResultBatchesTest {
  private static ResultBatches.Result result(String key) {
    return new ResultBatches.Result(
        key,
        JobRecord.builder().id("r:" + key + "@1").state(JobState.SUCCEEDED).build(),
        null,
        null);
  }

  private static List<String> keys(List<ResultBatches.Result> batch) {
    return batch.stream().map(ResultBatches.Result::stepKey).toList();
  }

  @Test
  void resultsArrivingWhileOneIsAppliedAreAppliedTogetherInArrivalOrder() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> applied = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    ResultBatches batches =
        new ResultBatches(
            (run, batch) -> {
              applied.add(run + ":" + keys(batch));
              threads.add(Thread.currentThread().getName());
              if (keys(batch).equals(List.of("a"))) {
                entered.countDown();
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> batches.offer("r", result("a")));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    // Offered while "a" is being applied: they return at once, queued for the applying thread.
    batches.offer("r", result("b"));
    batches.offer("r", result("c"));
    batches.offer("other", result("x")); // another run is applied by its own offer at once
    assertThat(applied).containsExactly("r:[a]", "other:[x]");
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    assertThat(applied).containsExactly("r:[a]", "other:[x]", "r:[b, c]");
    assertThat(threads.get(2)).isEqualTo(threads.get(0));
    // The run's queue is gone: the next offer is applied by the offering thread itself.
    batches.offer("r", result("d"));
    assertThat(applied).last().isEqualTo("r:[d]");
    assertThat(threads.get(3)).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void aFailingBatchDoesNotStopTheResultsQueuedAfterIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> applied = new CopyOnWriteArrayList<>();
    ResultBatches batches =
        new ResultBatches(
            (run, batch) -> {
              applied.add(keys(batch).toString());
              if (keys(batch).equals(List.of("a"))) {
                entered.countDown();
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("backend down");
              }
            });
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> batches.offer("r", result("a")));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    batches.offer("r", result("b"));
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    assertThat(applied).containsExactly("[a]", "[b]");
    batches.offer("r", result("c"));
    assertThat(applied).containsExactly("[a]", "[b]", "[c]");
  }
}
