package io.cordum.worker;

import static io.cordum.worker.WorkerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancel requests on {@code sys.job.cancel}. */
class CordumWorkerCancelTest {
  private final WorkerFixture fx = new WorkerFixture();
  private final List<String> onCancel = new CopyOnWriteArrayList<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final AtomicBoolean cancelledWhenInterrupted = new AtomicBoolean();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** A handler that waits until interrupted (or released by the fixture). */
  private JobHandler waitsUntilInterrupted() {
    CountDownLatch never = fx.gate();
    return job -> {
      started.add(job.jobId());
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

  private CordumWorker.Builder worker(JobHandler h) {
    return fx.worker(h).onCancel((id, reason) -> onCancel.add(id + ":" + reason));
  }

  @Test
  void cancellingARunningJobInterruptsItAndReportsCancelledWithTheReason() {
    CordumWorker worker = fx.start(worker(waitsUntilInterrupted()));
    fx.submit("c1");
    eventually().until(() -> started.contains("c1"));

    fx.cancel("c1", "user pressed stop");

    JobResult r = fx.awaitResult("c1");
    assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(r.errorCode()).isEqualTo("cancelled");
    assertThat(r.errorMessage()).isEqualTo("user pressed stop");
    assertThat(r.workerId()).isEqualTo(worker.workerId());
    assertThat(r.resultPtr()).isEmpty();
    assertThat(interrupted).isTrue();
    assertThat(cancelledWhenInterrupted).isTrue();
    assertThat(fx.awaitResultMessage("c1").packet().traceId()).isEqualTo("trace-c1");
    eventually().until(() -> onCancel.contains("c1:user pressed stop"));
    eventually().until(() -> worker.activeJobs() == 0);
  }

  @Test
  void aHandlerPollingIsCancelledSeesItTurnTrue() {
    AtomicBoolean sawCancel = new AtomicBoolean();
    fx.start(
        worker(
            job -> {
              started.add(job.jobId());
              while (!job.isCancelled()) {
                Thread.onSpinWait();
              }
              sawCancel.set(true);
              return JobOutput.of("partial");
            }));
    fx.submit("poll");
    eventually().until(() -> started.contains("poll"));

    fx.cancel("poll", "enough");

    JobResult r = fx.awaitResult("poll");
    assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(r.errorMessage()).isEqualTo("enough");
    assertThat(r.resultPtr()).as("a cancelled job's output is not stored").isEmpty();
    assertThat(sawCancel).isTrue();
  }

  @Test
  void throwIfCancelledThrowsJobCancelledExceptionAndTheJobReportsCancelled() {
    AtomicBoolean threw = new AtomicBoolean();
    fx.start(
        worker(
            job -> {
              started.add(job.jobId());
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                // ignore the interrupt; rely on throwIfCancelled
              }
              try {
                job.throwIfCancelled();
              } catch (JobCancelledException e) {
                threw.set(e.getMessage().equals("stop now"));
                throw e;
              }
              return JobOutput.empty();
            }));
    fx.submit("tic");
    eventually().until(() -> started.contains("tic"));

    fx.cancel("tic", "stop now");

    JobResult r = fx.awaitResult("tic");
    assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(r.errorMessage()).isEqualTo("stop now");
    assertThat(threw).isTrue();
  }

  @Test
  void throwIfCancelledDoesNothingForAJobThatIsNotCancelled() {
    fx.start(
        worker(
            job -> {
              job.throwIfCancelled();
              return JobOutput.empty();
            }));

    fx.submit("fine");

    assertThat(fx.awaitResult("fine").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aCancelWithoutReasonReportsCancelled() {
    fx.start(worker(waitsUntilInterrupted()));
    fx.submit("c2");
    eventually().until(() -> started.contains("c2"));

    fx.bus.publish(
        Subjects.CANCEL,
        BusPacket.of("t", "gw", fx.clock.instant(), JobCancel.builder().jobId("c2").build()));

    JobResult r = fx.awaitResult("c2");
    assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(r.errorCode()).isEqualTo("cancelled");
    assertThat(r.errorMessage()).isEqualTo("cancelled");
    eventually().until(() -> onCancel.contains("c2:cancelled"));
  }

  @Test
  void onCancelIsCalledForAJobThatDoesNotRunHere() {
    fx.start(worker(job -> JobOutput.empty()));

    fx.cancel("elsewhere", "not mine");
    fx.quiesce();

    assertThat(onCancel).containsExactly("elsewhere:not mine");
    assertThat(fx.results.count()).isZero();
  }

  @Test
  void aCancelForAQueuedJobReportsCancelledWithoutRunningTheHandler() {
    CountDownLatch first = fx.gate();
    CordumWorker worker =
        fx.start(
            worker(
                    job -> {
                      started.add(job.jobId());
                      first.await();
                      return JobOutput.empty();
                    })
                .maxParallel(1));
    fx.submit("running");
    fx.submit("waiting");
    eventually().until(() -> started.contains("running") && worker.activeJobs() == 2);

    fx.cancel("waiting", "no longer needed");
    fx.quiesce();
    first.countDown();

    JobResult r = fx.awaitResult("waiting");
    assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(r.errorCode()).isEqualTo("cancelled");
    assertThat(r.errorMessage()).isEqualTo("no longer needed");
    assertThat(fx.awaitResult("running").status()).isEqualTo(JobStatus.SUCCEEDED);
    eventually().until(() -> worker.activeJobs() == 0);
    assertThat(started).containsExactly("running");
    assertThat(onCancel).containsExactly("waiting:no longer needed");
  }

  @Test
  void aCancelAffectsOnlyItsJob() {
    CountDownLatch other = fx.gate();
    fx.start(
        worker(
                job -> {
                  started.add(job.jobId());
                  if (job.jobId().equals("keep")) {
                    other.await();
                    return JobOutput.empty();
                  }
                  new CountDownLatch(1).await();
                  return JobOutput.empty();
                })
            .maxParallel(2));
    fx.submit("keep");
    fx.submit("drop");
    eventually().until(() -> started.containsAll(List.of("keep", "drop")));

    fx.cancel("drop", "drop it");
    assertThat(fx.awaitResult("drop").status()).isEqualTo(JobStatus.CANCELLED);
    other.countDown();

    assertThat(fx.awaitResult("keep").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aCancelAfterTheJobFinishedChangesNothing() {
    fx.start(worker(job -> JobOutput.empty()));
    fx.submit("done");
    assertThat(fx.awaitResult("done").status()).isEqualTo(JobStatus.SUCCEEDED);

    fx.cancel("done", "too late");
    fx.quiesce();

    assertThat(fx.resultMessages("done")).hasSize(1);
    assertThat(onCancel).containsExactly("done:too late");
  }

  @Test
  void aFailingOnCancelCallbackDoesNotStopTheCancel() {
    fx.start(
        fx.worker(waitsUntilInterrupted())
            .onCancel(
                (id, reason) -> {
                  throw new IllegalStateException("callback bug");
                }));
    fx.submit("cb");
    eventually().until(() -> started.contains("cb"));

    fx.cancel("cb", "stop");

    assertThat(fx.awaitResult("cb").status()).isEqualTo(JobStatus.CANCELLED);
    fx.cancel("other", "still listening");
    fx.quiesce();
    assertThat(fx.bus.handlerFailures()).isZero();
  }
}
