package io.cordum.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.BackendException;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.pointer.PointerStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pointer store that is briefly unreachable: reads and writes are retried, within a budget. */
class CordumWorkerStoreOutageTest {
  private final WorkerFixture fx = new WorkerFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** Delegates to the fixture's store after failing the first reads and writes. */
  private final class Flaky implements PointerStore {
    final AtomicInteger readFailures;
    final AtomicInteger writeFailures;
    final AtomicInteger calls = new AtomicInteger();

    Flaky(int readFailures, int writeFailures) {
      this.readFailures = new AtomicInteger(readFailures);
      this.writeFailures = new AtomicInteger(writeFailures);
    }

    private void maybeFail(AtomicInteger failures) {
      calls.incrementAndGet();
      if (failures.getAndDecrement() > 0) {
        throw new BackendException("redis unavailable", null);
      }
    }

    @Override
    public String putContext(String jobId, byte[] data) {
      maybeFail(writeFailures);
      return fx.pointers.putContext(jobId, data);
    }

    @Override
    public String putResult(String jobId, byte[] data) {
      maybeFail(writeFailures);
      return fx.pointers.putResult(jobId, data);
    }

    @Override
    public Optional<byte[]> get(String pointer) {
      maybeFail(readFailures);
      return fx.pointers.get(pointer);
    }

    @Override
    public boolean delete(String pointer) {
      return fx.pointers.delete(pointer);
    }
  }

  @Test
  void inputAndOutputAreRetriedWhileTheStoreIsDownAndTheJobSucceedsOnce() {
    Flaky store = new Flaky(2, 3);
    AtomicInteger runs = new AtomicInteger();
    fx.start(
        fx.worker(
                job -> {
                  runs.incrementAndGet();
                  return JobOutput.of("got " + job.inputAsString().orElse(""));
                })
            .pointers(store)
            .storeRetryTimeout(Duration.ofSeconds(30)));
    String ctx = fx.pointers.putContext("flaky", "x".getBytes(StandardCharsets.UTF_8));

    fx.publish(WorkerFixture.TOPIC, job("flaky").contextPtr(ctx).build(), "t");

    JobResult r = fx.awaitResult("flaky");
    assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(runs).hasValue(1);
    assertThat(fx.pointers.get(r.resultPtr()).map(b -> new String(b, StandardCharsets.UTF_8)))
        .hasValue("got x");
    assertThat(store.calls).hasValue(7); // 2 failed reads, a read, 3 failed writes, a write
  }

  @Test
  void withoutARetryBudgetTheJobFailsWithTheStoresError() {
    Flaky store = new Flaky(0, 1);
    fx.start(
        fx.worker(job -> JobOutput.of("lost")).pointers(store).storeRetryTimeout(Duration.ZERO));

    fx.submit("noretry");

    JobResult r = fx.awaitResult("noretry");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo("backend_unavailable"); // the exception's type
    assertThat(r.errorMessage()).contains("redis unavailable");
    assertThat(store.calls).hasValue(1);
  }

  private static io.cordum.api.cap.JobRequest.Builder job(String id) {
    return io.cordum.api.cap.JobRequest.builder().jobId(id).topic(WorkerFixture.TOPIC);
  }
}
