package io.cordum.gateway.internal.stream;

import io.cordum.api.cap.Budget;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Payload;
import io.cordum.api.cap.SystemAlert;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CAP packets in the protobuf JSON mapping Cordum's stream uses: lowerCamelCase names, fields at
 * their default value left out, enums by name, 64-bit integers as strings, timestamps as RFC 3339,
 * the payload member at the top level (and, optionally, the same member again under {@code
 * payload}, which Cordum's dashboard reads).
 */
final class ProtoJson {
  private ProtoJson() {}

  /** The payload member's name, such as {@code jobResult}. */
  static String kind(@Nullable Payload p) {
    if (p instanceof JobRequest) {
      return "jobRequest";
    }
    if (p instanceof JobResult) {
      return "jobResult";
    }
    if (p instanceof Heartbeat) {
      return "heartbeat";
    }
    if (p instanceof SystemAlert) {
      return "alert";
    }
    if (p instanceof JobProgress) {
      return "jobProgress";
    }
    if (p instanceof JobCancel) {
      return "jobCancel";
    }
    return "";
  }

  static Map<String, Object> packet(BusPacket p, boolean wrapper) {
    M m = new M();
    m.s("traceId", p.traceId()).s("senderId", p.senderId());
    if (p.createdAt() != null) {
      m.m.put("createdAt", p.createdAt().toString());
    }
    m.i("protocolVersion", p.protocolVersion());
    Payload payload = p.payload();
    if (payload != null) {
      Map<String, Object> member = payload(payload);
      m.m.put(kind(payload), member);
      if (wrapper) {
        m.m.put("payload", Map.of(kind(payload), member));
      }
    }
    if (p.signature().length > 0) {
      m.m.put("signature", Base64.getEncoder().encodeToString(p.signature()));
    }
    return m.m;
  }

  static Map<String, Object> payload(Payload p) {
    if (p instanceof JobRequest r) {
      return request(r);
    }
    if (p instanceof JobResult r) {
      return new M()
          .s("jobId", r.jobId())
          .e("status", r.status().number(), r.status().protoName())
          .s("resultPtr", r.resultPtr())
          .s("workerId", r.workerId())
          .l("executionMs", r.executionMs())
          .s("errorCode", r.errorCode())
          .s("errorMessage", r.errorMessage())
          .c("artifactPtrs", r.artifactPtrs())
          .m;
    }
    if (p instanceof Heartbeat h) {
      M m = new M().s("workerId", h.workerId()).s("region", h.region()).s("type", h.type());
      if (h.cpuLoad() != 0) {
        m.m.put("cpuLoad", h.cpuLoad());
      }
      if (h.gpuUtilization() != 0) {
        m.m.put("gpuUtilization", h.gpuUtilization());
      }
      return m.i("activeJobs", h.activeJobs())
          .c("capabilities", h.capabilities())
          .s("pool", h.pool())
          .i("maxParallelJobs", h.maxParallelJobs())
          .mp("labels", h.labels())
          .m;
    }
    if (p instanceof SystemAlert a) {
      return new M()
          .s("level", a.level())
          .s("message", a.message())
          .s("component", a.component())
          .s("code", a.code())
          .m;
    }
    if (p instanceof JobProgress g) {
      return new M()
          .s("jobId", g.jobId())
          .s("stepId", g.stepId())
          .i("percent", g.percent())
          .s("message", g.message())
          .s("resultPtr", g.resultPtr())
          .c("artifactPtrs", g.artifactPtrs())
          .e("status", g.status().number(), g.status().protoName())
          .m;
    }
    JobCancel c = (JobCancel) p;
    return new M()
        .s("jobId", c.jobId())
        .s("reason", c.reason())
        .s("requestedBy", c.requestedBy())
        .m;
  }

  static Map<String, Object> request(JobRequest r) {
    M m =
        new M()
            .s("jobId", r.jobId())
            .s("topic", r.topic())
            .e("priority", r.priority().number(), r.priority().protoName())
            .s("contextPtr", r.contextPtr())
            .s("adapterId", r.adapterId())
            .mp("env", r.env())
            .s("parentJobId", r.parentJobId())
            .s("workflowId", r.workflowId())
            .i("stepIndex", r.stepIndex())
            .s("memoryId", r.memoryId());
    ContextHints h = r.contextHints();
    if (h != null) {
      m.m.put(
          "contextHints",
          new M()
              .i("maxInputTokens", h.maxInputTokens())
              .b("allowSummarization", h.allowSummarization())
              .b("allowRetrieval", h.allowRetrieval())
              .c("tags", h.tags())
              .m);
    }
    Budget b = r.budget();
    if (b != null) {
      m.m.put(
          "budget",
          new M()
              .l("maxInputTokens", b.maxInputTokens())
              .l("maxOutputTokens", b.maxOutputTokens())
              .l("maxTotalTokens", b.maxTotalTokens())
              .l("deadlineMs", b.deadlineMs())
              .m);
    }
    m.s("tenantId", r.tenantId()).s("principalId", r.principalId()).mp("labels", r.labels());
    JobMetadata meta = r.meta();
    if (meta != null) {
      m.m.put(
          "meta",
          new M()
              .s("tenantId", meta.tenantId())
              .s("actorId", meta.actorId())
              .e("actorType", meta.actorType().number(), meta.actorType().protoName())
              .s("idempotencyKey", meta.idempotencyKey())
              .s("capability", meta.capability())
              .c("riskTags", meta.riskTags())
              .c("requires", meta.requires())
              .s("packId", meta.packId())
              .mp("labels", meta.labels())
              .m);
    }
    return m.m;
  }

  /** A map builder that leaves out default values, as protojson without unpopulated fields. */
  private static final class M {
    final Map<String, Object> m = new LinkedHashMap<>();

    M s(String k, String v) {
      if (!v.isEmpty()) {
        m.put(k, v);
      }
      return this;
    }

    M i(String k, int v) {
      if (v != 0) {
        m.put(k, v);
      }
      return this;
    }

    M l(String k, long v) {
      if (v != 0) {
        m.put(k, Long.toString(v));
      }
      return this;
    }

    M b(String k, boolean v) {
      if (v) {
        m.put(k, true);
      }
      return this;
    }

    M e(String k, int number, String name) {
      if (number != 0) {
        m.put(k, number < 0 ? (Object) name : name);
      }
      return this;
    }

    M c(String k, Collection<?> v) {
      if (!v.isEmpty()) {
        m.put(k, v);
      }
      return this;
    }

    M mp(String k, Map<String, String> v) {
      if (!v.isEmpty()) {
        m.put(k, v);
      }
      return this;
    }
  }
}
