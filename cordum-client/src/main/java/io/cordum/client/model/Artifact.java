package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An artifact with its content ({@code GET /api/v1/artifacts/{ptr}}).
 *
 * @param artifactPtr its pointer
 * @param content its bytes ({@code content_base64} on the wire)
 * @param metadata what is known about it
 */
public record Artifact(
    String artifactPtr, @JsonProperty("content_base64") byte[] content, Metadata metadata) {
  /** Normalizes nulls. */
  public Artifact {
    artifactPtr = Norm.s(artifactPtr);
    content = content == null ? new byte[0] : content;
    metadata = metadata == null ? new Metadata("", 0, "", Map.of(), null, null) : metadata;
  }

  /**
   * An artifact's metadata.
   *
   * @param contentType its media type
   * @param sizeBytes its size
   * @param retention {@code short}, {@code standard} or {@code audit}
   * @param labels its labels
   * @param createdAt when it was stored
   * @param expiresAt when it expires
   */
  public record Metadata(
      String contentType,
      long sizeBytes,
      String retention,
      Map<String, String> labels,
      @Nullable Instant createdAt,
      @Nullable Instant expiresAt) {
    /** Normalizes nulls. */
    public Metadata {
      contentType = Norm.s(contentType);
      retention = Norm.s(retention);
      labels = Norm.map(labels);
    }
  }
}
