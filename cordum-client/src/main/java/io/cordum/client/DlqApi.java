package io.cordum.client;

import io.cordum.client.model.DeadLetter;
import io.cordum.client.model.SubmittedJob;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/** The dead-letter queue ({@code /api/v1/dlq}). */
public final class DlqApi {
  private final Transport t;
  private final JavaType pageType;

  DlqApi(Transport t) {
    this.t = t;
    this.pageType = t.json.getTypeFactory().constructParametricType(Page.class, DeadLetter.class);
  }

  /** One page of dead letters, newest first ({@code limit} 0: the default, 100). */
  public Page<DeadLetter> list(int limit, @Nullable String cursor) {
    return t.req("GET", "/api/v1/dlq/page")
        .query("limit", limit)
        .query("cursor", cursor)
        .fetch(pageType);
  }

  /** Every dead letter, newest first, fetched page by page. */
  public Stream<DeadLetter> stream(int pageSize) {
    return Pages.stream("", c -> list(pageSize, c));
  }

  /**
   * A job's dead letter.
   *
   * @throws NotFoundException when the job has none
   */
  public DeadLetter get(String jobId) {
    return t.req("GET", PathSegments.of("/api/v1/dlq", jobId)).fetch(DeadLetter.class);
  }

  /** Deletes a job's dead letter (whether or not it exists). */
  public void delete(String jobId) {
    t.req("DELETE", PathSegments.of("/api/v1/dlq", jobId)).execute();
  }

  /**
   * Runs a dead-lettered job again, as a new job with the original's whole request and input. The
   * entry is claimed atomically, so two concurrent retries give one new job.
   *
   * @throws NotFoundException when the job has no dead letter
   */
  public SubmittedJob retry(String jobId) {
    return t.req("POST", PathSegments.of("/api/v1/dlq", jobId, "/retry"))
        .json(Map.of())
        .fetch(SubmittedJob.class);
  }

  /**
   * Runs a dead-lettered job again with an edited input: a JSON value (a string is taken as the
   * input's text).
   */
  public SubmittedJob retryWithInput(String jobId, @Nullable Object input) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", input);
    return t.req("POST", PathSegments.of("/api/v1/dlq", jobId, "/retry"))
        .json(body)
        .fetch(SubmittedJob.class);
  }

  /** Runs a dead-lettered job again on these input bytes. */
  public SubmittedJob retryWithInput(String jobId, byte[] input) {
    return t.req("POST", PathSegments.of("/api/v1/dlq", jobId, "/retry"))
        .json(Map.of("input_base64", Base64.getEncoder().encodeToString(input)))
        .fetch(SubmittedJob.class);
  }
}
