package io.cordum.api.cap;

import java.util.List;

/**
 * Hints for the worker about how to build its input ({@code cordum.agent.v1.ContextHints}).
 *
 * @param maxInputTokens field 1
 * @param allowSummarization field 2
 * @param allowRetrieval field 3
 * @param tags field 4
 * @param unknownFields fields this version does not know
 */
public record ContextHints(
    int maxInputTokens,
    boolean allowSummarization,
    boolean allowRetrieval,
    List<String> tags,
    UnknownFields unknownFields) {

  /** Copies the list and normalises nulls. */
  public ContextHints {
    tags = Values.list(tags);
    unknownFields = unknownFields == null ? UnknownFields.EMPTY : unknownFields;
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    return new Builder()
        .maxInputTokens(maxInputTokens)
        .allowSummarization(allowSummarization)
        .allowRetrieval(allowRetrieval)
        .tags(tags)
        .unknownFields(unknownFields);
  }

  /** Builds {@link ContextHints} values. */
  public static final class Builder {
    private int maxInputTokens;
    private boolean allowSummarization;
    private boolean allowRetrieval;
    private List<String> tags = List.of();
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets field 1. */
    public Builder maxInputTokens(int v) {
      this.maxInputTokens = v;
      return this;
    }

    /** Sets field 2. */
    public Builder allowSummarization(boolean v) {
      this.allowSummarization = v;
      return this;
    }

    /** Sets field 3. */
    public Builder allowRetrieval(boolean v) {
      this.allowRetrieval = v;
      return this;
    }

    /** Sets field 4. */
    public Builder tags(List<String> v) {
      this.tags = v;
      return this;
    }

    /** Sets the unknown fields to carry. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public ContextHints build() {
      return new ContextHints(
          maxInputTokens, allowSummarization, allowRetrieval, tags, unknownFields);
    }
  }
}
