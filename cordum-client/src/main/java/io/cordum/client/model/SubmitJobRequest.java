package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job to submit ({@code POST /api/v1/jobs}). Build it with {@link #builder(String)}; only the
 * prompt is required (the gateway's topic default is {@code job.default}). Empty fields are not
 * sent, so the gateway's defaults apply.
 *
 * @param prompt what the job is about (required; at most 100,000 bytes)
 * @param topic the topic, starting with {@code job.}
 * @param context the job's input: any JSON value (maps, lists, strings, numbers, booleans)
 * @param idempotencyKey a key that makes a repeated submit return the first job
 * @param orgId the tenant (default: the key's)
 * @param teamId the team
 * @param projectId the project
 * @param principalId the principal the job runs for (default: the key's)
 * @param actorId who asks (default: the principal)
 * @param actorType {@code human} or {@code service}
 * @param packId the pack the topic belongs to
 * @param capability the capability it needs
 * @param riskTags risk tags the safety kernel reads
 * @param requires capabilities a worker must have
 * @param labels labels (at most 50)
 * @param priority {@code interactive} (default), {@code batch} or {@code critical}
 * @param adapterId the adapter
 * @param memoryId the memory id (default {@code mem:<job_id>})
 * @param contextMode {@code chat}, {@code rag} or {@code raw}
 * @param maxInputTokens input token budget (0: the gateway's default, 8000)
 * @param maxOutputTokens output token budget (0: 1024)
 * @param maxTotalTokens total token budget (0: none)
 * @param deadlineMs deadline in milliseconds (0: none)
 * @param allowSummarization context hint
 * @param allowRetrieval context hint
 * @param tags context tags (at most 50)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SubmitJobRequest(
    String prompt,
    String topic,
    @Nullable Object context,
    String idempotencyKey,
    String orgId,
    String teamId,
    String projectId,
    String principalId,
    String actorId,
    String actorType,
    String packId,
    String capability,
    List<String> riskTags,
    List<String> requires,
    Map<String, String> labels,
    String priority,
    String adapterId,
    String memoryId,
    String contextMode,
    int maxInputTokens,
    long maxOutputTokens,
    long maxTotalTokens,
    long deadlineMs,
    boolean allowSummarization,
    boolean allowRetrieval,
    List<String> tags) {

  /** Normalizes nulls. */
  public SubmitJobRequest {
    prompt = Norm.s(prompt);
    topic = Norm.s(topic);
    idempotencyKey = Norm.s(idempotencyKey);
    orgId = Norm.s(orgId);
    teamId = Norm.s(teamId);
    projectId = Norm.s(projectId);
    principalId = Norm.s(principalId);
    actorId = Norm.s(actorId);
    actorType = Norm.s(actorType);
    packId = Norm.s(packId);
    capability = Norm.s(capability);
    riskTags = Norm.list(riskTags);
    requires = Norm.list(requires);
    labels = Norm.map(labels);
    priority = Norm.s(priority);
    adapterId = Norm.s(adapterId);
    memoryId = Norm.s(memoryId);
    contextMode = Norm.s(contextMode);
    tags = Norm.list(tags);
  }

  /** A builder for a job with this prompt. */
  public static Builder builder(String prompt) {
    return new Builder(prompt);
  }

  /** Builds a {@link SubmitJobRequest}. */
  public static final class Builder {
    private final String prompt;
    private String topic = "";
    private @Nullable Object context;
    private String idempotencyKey = "";
    private String orgId = "";
    private String teamId = "";
    private String projectId = "";
    private String principalId = "";
    private String actorId = "";
    private String actorType = "";
    private String packId = "";
    private String capability = "";
    private final List<String> riskTags = new ArrayList<>();
    private final List<String> requires = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String priority = "";
    private String adapterId = "";
    private String memoryId = "";
    private String contextMode = "";
    private int maxInputTokens;
    private long maxOutputTokens;
    private long maxTotalTokens;
    private long deadlineMs;
    private boolean allowSummarization;
    private boolean allowRetrieval;
    private final List<String> tags = new ArrayList<>();

    private Builder(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    /** The topic, starting with {@code job.}. */
    public Builder topic(String v) {
      this.topic = Objects.requireNonNull(v, "topic");
      return this;
    }

    /** The job's input: any JSON value (maps, lists, strings, numbers, booleans). */
    public Builder context(@Nullable Object v) {
      this.context = v;
      return this;
    }

    /** A key that makes a repeated submit return the first job (and the call retryable). */
    public Builder idempotencyKey(String v) {
      this.idempotencyKey = Objects.requireNonNull(v, "idempotencyKey");
      return this;
    }

    /** The tenant (default: the key's). */
    public Builder orgId(String v) {
      this.orgId = Objects.requireNonNull(v, "orgId");
      return this;
    }

    /** The team. */
    public Builder teamId(String v) {
      this.teamId = Objects.requireNonNull(v, "teamId");
      return this;
    }

    /** The project. */
    public Builder projectId(String v) {
      this.projectId = Objects.requireNonNull(v, "projectId");
      return this;
    }

    /** The principal the job runs for (default: the key's). */
    public Builder principalId(String v) {
      this.principalId = Objects.requireNonNull(v, "principalId");
      return this;
    }

    /** Who asks (default: the principal). */
    public Builder actorId(String v) {
      this.actorId = Objects.requireNonNull(v, "actorId");
      return this;
    }

    /** {@code human} or {@code service}. */
    public Builder actorType(String v) {
      this.actorType = Objects.requireNonNull(v, "actorType");
      return this;
    }

    /** The pack the topic belongs to. */
    public Builder packId(String v) {
      this.packId = Objects.requireNonNull(v, "packId");
      return this;
    }

    /** The capability the job needs. */
    public Builder capability(String v) {
      this.capability = Objects.requireNonNull(v, "capability");
      return this;
    }

    /** Adds risk tags. */
    public Builder riskTags(List<String> v) {
      this.riskTags.addAll(v);
      return this;
    }

    /** Adds capabilities a worker must have. */
    public Builder requires(List<String> v) {
      this.requires.addAll(v);
      return this;
    }

    /** Adds a label. */
    public Builder label(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /** Adds labels. */
    public Builder labels(Map<String, String> v) {
      this.labels.putAll(v);
      return this;
    }

    /** {@code interactive} (default), {@code batch} or {@code critical}. */
    public Builder priority(String v) {
      this.priority = Objects.requireNonNull(v, "priority");
      return this;
    }

    /** The adapter. */
    public Builder adapterId(String v) {
      this.adapterId = Objects.requireNonNull(v, "adapterId");
      return this;
    }

    /** The memory id. */
    public Builder memoryId(String v) {
      this.memoryId = Objects.requireNonNull(v, "memoryId");
      return this;
    }

    /** {@code chat}, {@code rag} or {@code raw}. */
    public Builder contextMode(String v) {
      this.contextMode = Objects.requireNonNull(v, "contextMode");
      return this;
    }

    /** Input, output and total token budgets (0: the gateway's default). */
    public Builder tokens(int maxInput, long maxOutput, long maxTotal) {
      this.maxInputTokens = maxInput;
      this.maxOutputTokens = maxOutput;
      this.maxTotalTokens = maxTotal;
      return this;
    }

    /** The deadline in milliseconds (0: none). */
    public Builder deadlineMs(long v) {
      this.deadlineMs = v;
      return this;
    }

    /** Context hints: whether the context may be summarized, and retrieved. */
    public Builder contextHints(boolean summarization, boolean retrieval) {
      this.allowSummarization = summarization;
      this.allowRetrieval = retrieval;
      return this;
    }

    /** Adds context tags. */
    public Builder tags(List<String> v) {
      this.tags.addAll(v);
      return this;
    }

    /** Builds the request. */
    public SubmitJobRequest build() {
      return new SubmitJobRequest(
          prompt,
          topic,
          context,
          idempotencyKey,
          orgId,
          teamId,
          projectId,
          principalId,
          actorId,
          actorType,
          packId,
          capability,
          riskTags,
          requires,
          labels,
          priority,
          adapterId,
          memoryId,
          contextMode,
          maxInputTokens,
          maxOutputTokens,
          maxTotalTokens,
          deadlineMs,
          allowSummarization,
          allowRetrieval,
          tags);
    }
  }
}
