package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker written as the official CAP SDK examples write it (no heartbeat, a queue group on the
 * topic, result pointers of the form {@code redis://res/<job_id>}).
 */
class CapWorkerInteropTest {

  @Test
  void resultsBehindTheCapSdkPointerFormAreReadAndAnUnresolvableOneIsAbsentNotAFailure()
      throws Exception {
    try (Cordum cordum = Cordum.builder().build().start();
        Subscription sdkWorker =
            cordum
                .bus()
                .subscribe(
                    "job.default",
                    "job.default",
                    m -> {
                      JobRequest req = m.packet().jobRequest();
                      String ptr;
                      if (req.jobId().startsWith("slash")) {
                        cordum
                            .pointers()
                            .putResult(
                                req.jobId(), "{\"echo\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
                        ptr = "redis://res/" + req.jobId();
                      } else {
                        ptr = "s3://results/" + req.jobId() + ".json";
                      }
                      cordum
                          .bus()
                          .publish(
                              Subjects.RESULT,
                              BusPacket.of(
                                  m.packet().traceId(),
                                  "py-worker",
                                  Instant.now(),
                                  JobResult.builder()
                                      .jobId(req.jobId())
                                      .workerId("py-worker")
                                      .status(JobStatus.SUCCEEDED)
                                      .resultPtr(ptr)
                                      .build()));
                    })) {
      String slash =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder().jobId("slash-1").topic("job.default").input("{}").build())
              .jobId();
      String s3 =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder().jobId("s3-1").topic("job.default").input("{}").build())
              .jobId();
      JobRecord a = cordum.jobs().awaitTerminal(slash).get(10, TimeUnit.SECONDS);
      JobRecord b = cordum.jobs().awaitTerminal(s3).get(10, TimeUnit.SECONDS);
      assertThat(a.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(b.state()).isEqualTo(JobState.SUCCEEDED);
      // The original threw a ValidationException from result() for the slash form.
      assertThat(new String(cordum.jobs().result(slash).orElseThrow(), StandardCharsets.UTF_8))
          .isEqualTo("{\"echo\":\"hi\"}");
      assertThat(cordum.jobs().result(s3)).isEmpty(); // not ours to read: absent, no exception
    }
  }
}
