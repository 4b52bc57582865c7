package io.cordum.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One live event from {@code /api/v1/stream}: a CAP bus packet in protobuf JSON.
 *
 * @param kind the payload kind: {@code jobRequest}, {@code jobResult}, {@code jobProgress}, {@code
 *     jobCancel}, {@code heartbeat} or {@code alert} ({@code ""} when it has none)
 * @param traceId the packet's trace id
 * @param senderId who sent it
 * @param createdAt when
 * @param payload the payload's fields (lowerCamelCase, as protobuf JSON writes them)
 * @param json the whole frame as the gateway sent it
 */
public record StreamEvent(
    String kind,
    String traceId,
    String senderId,
    @Nullable Instant createdAt,
    Map<String, Object> payload,
    String json) {
  /** Normalizes nulls. */
  public StreamEvent {
    kind = Norm.s(kind);
    traceId = Norm.s(traceId);
    senderId = Norm.s(senderId);
    payload = Norm.map(payload);
    json = Norm.s(json);
  }

  /** A payload field as text, or {@code ""}. */
  public String field(String name) {
    Object v = payload.get(name);
    return v == null ? "" : v.toString();
  }

  /** The job the event is about ({@code jobId}), or {@code ""}. */
  public String jobId() {
    return field("jobId");
  }

  /** A job result's or progress's status (such as {@code JOB_STATUS_SUCCEEDED}), or {@code ""}. */
  public String status() {
    return field("status");
  }
}
