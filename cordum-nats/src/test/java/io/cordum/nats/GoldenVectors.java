package io.cordum.nats;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.SystemAlert;
import java.time.Instant;
import java.util.List;

/**
 * The golden vectors of spec 10 §2.9 item 6: bytes that protobuf-java 4.33.4 and protobufjs 7.5.4
 * produced identically for the values described there, with those values as records.
 */
final class GoldenVectors {
  private GoldenVectors() {}

  static final Instant CREATED_AT = Instant.ofEpochSecond(1_700_000_000L, 123_000_000);

  /** One vector: its name in the spec, its bytes in hex, and the values it encodes. */
  record Vector(String name, String hex, BusPacket packet) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Vector REQ =
      new Vector(
          "REQ",
          "0a0774726163652d311208636c69656e742d311a0b0880e2cfaa0610c0a9d33a200152680a056a6f622d3112"
              + "0b6a6f622e64656661756c741801221172656469733a2f2f6374783a6a6f622d3132110a0974656e616e745f"
              + "6964120461636d65620420e0d4036a0461636d657a140a0e7072656665727265645f706f6f6c120270318201"
              + "0718023a03677075",
          BusPacket.builder()
              .traceId("trace-1")
              .senderId("client-1")
              .createdAt(CREATED_AT)
              .protocolVersion(1)
              .payload(
                  JobRequest.builder()
                      .jobId("job-1")
                      .topic("job.default")
                      .priority(JobPriority.INTERACTIVE)
                      .contextPtr("redis://ctx:job-1")
                      .putEnv("tenant_id", "acme")
                      .budget(Budget.builder().deadlineMs(60_000).build())
                      .tenantId("acme")
                      .putLabels("preferred_pool", "p1")
                      .meta(
                          JobMetadata.builder()
                              .actorType(ActorType.SERVICE)
                              .requires("gpu")
                              .build())
                      .build())
              .build());

  static final Vector RES =
      new Vector(
          "RES",
          "0a0774726163652d31120277311a0b0880e2cfaa0610c0a9d33a20015a220a056a6f622d3110051a11726564"
              + "69733a2f2f7265733a6a6f622d3122027731282a",
          BusPacket.builder()
              .traceId("trace-1")
              .senderId("w1")
              .createdAt(CREATED_AT)
              .protocolVersion(1)
              .payload(
                  JobResult.builder()
                      .jobId("job-1")
                      .status(JobStatus.SUCCEEDED)
                      .resultPtr("redis://res:job-1")
                      .workerId("w1")
                      .executionMs(42)
                      .build())
              .build());

  static final Vector HB =
      new Vector(
          "HB",
          "120277312001622c0a027731250000484130023a06707974686f6e5a0764656661756c7460046a0c0a067265"
              + "67696f6e12027573",
          BusPacket.builder()
              .senderId("w1")
              .protocolVersion(1)
              .payload(
                  Heartbeat.builder()
                      .workerId("w1")
                      .cpuLoad(12.5f)
                      .activeJobs(2)
                      .capabilities(List.of("python"))
                      .pool("default")
                      .maxParallelJobs(4)
                      .putLabels("region", "us")
                      .build())
              .build());

  static final Vector CANCEL =
      new Vector(
          "CANCEL",
          "0a056a6f622d311210636f7264756d2d7363686564756c6572200182012f0a056a6f622d31121463616e6365"
              + "6c6c656420627920726571756573741a10636f7264756d2d7363686564756c6572",
          BusPacket.builder()
              .traceId("job-1")
              .senderId("cordum-scheduler")
              .protocolVersion(1)
              .payload(
                  JobCancel.builder()
                      .jobId("job-1")
                      .reason("cancelled by request")
                      .requestedBy("cordum-scheduler")
                      .build())
              .build());

  static final Vector DLQ =
      new Vector(
          "DLQ",
          "0a056a6f622d311210636f7264756d2d7363686564756c657220015a3a0a056a6f622d311006320f6e6f5f70"
              + "6f6f6c5f6d617070696e673a1e6e6f5f706f6f6c5f6d617070696e673a20746f70696320226a6f622e7822",
          BusPacket.builder()
              .traceId("job-1")
              .senderId("cordum-scheduler")
              .protocolVersion(1)
              .payload(
                  JobResult.builder()
                      .jobId("job-1")
                      .status(JobStatus.FAILED)
                      .errorCode("no_pool_mapping")
                      .errorMessage("no_pool_mapping: topic \"job.x\"")
                      .build())
              .build());

  static final Vector PROGRESS =
      new Vector(
          "PROGRESS",
          "0a056a6f622d311202773120017a110a056a6f622d311832220468616c663804",
          BusPacket.builder()
              .traceId("job-1")
              .senderId("w1")
              .protocolVersion(1)
              .payload(
                  JobProgress.builder()
                      .jobId("job-1")
                      .percent(50)
                      .message("half")
                      .status(JobStatus.RUNNING)
                      .build())
              .build());

  static final Vector SIGNED_ALERT =
      new Vector(
          "SIGNED-ALERT",
          "1201736a090a045741524e12016d72020102",
          BusPacket.builder()
              .senderId("s")
              .protocolVersion(0)
              .payload(SystemAlert.builder().level("WARN").message("m").build())
              .signature(new byte[] {1, 2})
              .build());

  static final List<Vector> ALL = List.of(REQ, RES, HB, CANCEL, DLQ, PROGRESS, SIGNED_ALERT);
}
