package io.cordum.api.artifact;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An artifact to store with {@link ArtifactStore#put}. Build one with {@link #builder(byte[])};
 * only the content is required.
 */
public final class ArtifactUpload {
  private final byte[] content;
  private final String contentType;
  private final RetentionClass retention;
  private final Map<String, String> labels;
  private final String tenant;

  private ArtifactUpload(Builder b) {
    this.content = b.content;
    this.contentType = b.contentType;
    this.retention = b.retention;
    this.labels = Map.copyOf(b.labels);
    this.tenant = b.tenant;
  }

  /** A builder for the given bytes (copied). */
  public static Builder builder(byte[] content) {
    return new Builder(content.clone());
  }

  /** A builder for UTF-8 text. */
  public static Builder builder(String content) {
    return new Builder(content.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the bytes. */
  public byte[] content() {
    return content.clone();
  }

  /** The content length. */
  public int size() {
    return content.length;
  }

  /** The MIME type, {@code ""} if none. */
  public String contentType() {
    return contentType;
  }

  /** How long to keep it. */
  public RetentionClass retention() {
    return retention;
  }

  /** The labels. */
  public Map<String, String> labels() {
    return labels;
  }

  /** The owning tenant; blank means {@code default}. */
  public String tenant() {
    return tenant;
  }

  /** Builds {@link ArtifactUpload}s. */
  public static final class Builder {
    private final byte[] content;
    private String contentType = "";
    private RetentionClass retention = RetentionClass.STANDARD;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String tenant = "";

    private Builder(byte[] content) {
      this.content = content;
    }

    /** The MIME type, such as {@code text/plain}. */
    public Builder contentType(String v) {
      this.contentType = Objects.requireNonNull(v, "contentType");
      return this;
    }

    /** How long to keep it (default {@link RetentionClass#STANDARD}). */
    public Builder retention(RetentionClass v) {
      this.retention = Objects.requireNonNull(v, "retention");
      return this;
    }

    /** A label. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** Labels (added to any set before). */
    public Builder labels(Map<String, String> v) {
      labels.putAll(v);
      return this;
    }

    /** The owning tenant: take it from the caller's authenticated identity. */
    public Builder tenant(String v) {
      this.tenant = Objects.requireNonNull(v, "tenant");
      return this;
    }

    /** Builds the upload. */
    public ArtifactUpload build() {
      return new ArtifactUpload(this);
    }
  }
}
