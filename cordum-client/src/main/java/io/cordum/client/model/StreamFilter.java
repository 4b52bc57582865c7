package io.cordum.client.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which live events to receive from {@code /api/v1/stream}; the gateway applies the filter, and
 * only sends events of tenants the key may see. {@link #ALL} receives everything.
 *
 * @param topic only events on subjects matching this NATS pattern (such as {@code sys.job.>}), or
 *     {@code ""}
 * @param jobId only this job's events, or {@code ""}
 * @param runId only the events of this run's jobs, or {@code ""}
 * @param kinds only these payload kinds ({@code jobRequest}, {@code jobResult}, {@code
 *     jobProgress}, {@code jobCancel}, {@code heartbeat}, {@code alert}); empty for all
 */
public record StreamFilter(String topic, String jobId, String runId, Set<String> kinds) {
  /** Every event. */
  public static final StreamFilter ALL = new StreamFilter("", "", "", Set.of());

  /** Normalizes nulls and keeps the kinds' order. */
  public StreamFilter {
    topic = Norm.s(topic);
    jobId = Norm.s(jobId);
    runId = Norm.s(runId);
    kinds =
        kinds == null
            ? Set.of()
            : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(kinds));
  }

  /** One job's events. */
  public static StreamFilter job(String jobId) {
    return new StreamFilter("", jobId, "", Set.of());
  }

  /** One run's job events. */
  public static StreamFilter run(String runId) {
    return new StreamFilter("", "", runId, Set.of());
  }

  /** The same filter, only these kinds. */
  public StreamFilter withKinds(String... v) {
    return new StreamFilter(topic, jobId, runId, new LinkedHashSet<>(List.of(v)));
  }

  /** The same filter, only subjects matching this pattern. */
  public StreamFilter withTopic(String v) {
    return new StreamFilter(v, jobId, runId, kinds);
  }
}
