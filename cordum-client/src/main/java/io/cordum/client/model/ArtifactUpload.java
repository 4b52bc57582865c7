package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An artifact to store ({@code POST /api/v1/artifacts}). Build it with {@link #of(byte[])}.
 *
 * @param content the bytes (sent as {@code content_base64})
 * @param contentType its media type, or {@code ""}
 * @param retention how long to keep it
 * @param labels labels ({@code tenant_id} defaults to the key's tenant)
 * @param maxBytes refuse (413) content larger than this; 0 for the gateway's limit only
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArtifactUpload(
    @JsonProperty("content_base64") byte[] content,
    String contentType,
    Retention retention,
    Map<String, String> labels,
    @JsonIgnore long maxBytes) {

  /** Normalizes nulls. */
  public ArtifactUpload {
    Objects.requireNonNull(content, "content");
    contentType = Norm.s(contentType);
    retention = retention == null ? Retention.STANDARD : retention;
    labels = Norm.map(labels);
  }

  /** A builder for these bytes. */
  public static Builder of(byte[] content) {
    return new Builder(content.clone());
  }

  /** A builder for this UTF-8 text ({@code text/plain; charset=utf-8}). */
  public static Builder ofText(String text) {
    return new Builder(text.getBytes(StandardCharsets.UTF_8))
        .contentType("text/plain; charset=utf-8");
  }

  /** Builds an {@link ArtifactUpload}. */
  public static final class Builder {
    private final byte[] content;
    private String contentType = "";
    private Retention retention = Retention.STANDARD;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private long maxBytes;

    private Builder(byte[] content) {
      this.content = content;
    }

    /** Its media type. */
    public Builder contentType(String v) {
      this.contentType = Objects.requireNonNull(v, "contentType");
      return this;
    }

    /** How long to keep it (default {@link Retention#STANDARD}). */
    public Builder retention(Retention v) {
      this.retention = Objects.requireNonNull(v, "retention");
      return this;
    }

    /** Adds a label. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** Refuse content larger than this (the gateway answers 413). */
    public Builder maxBytes(long v) {
      this.maxBytes = v;
      return this;
    }

    /** Builds the upload. */
    public ArtifactUpload build() {
      return new ArtifactUpload(content, contentType, retention, labels, maxBytes);
    }
  }
}
