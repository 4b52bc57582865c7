package io.cordum.api.artifact;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a store keeps about an artifact besides its bytes.
 *
 * @param contentType the MIME type given at upload, {@code ""} if none
 * @param sizeBytes the content length (always the real length, whatever the uploader claimed)
 * @param retention how long it is kept
 * @param labels free labels given at upload
 * @param tenant the tenant it belongs to (set from the uploader's identity, never from labels)
 * @param createdAt when it was stored
 * @param expiresAt when it is dropped
 */
public record ArtifactMetadata(
    String contentType,
    long sizeBytes,
    RetentionClass retention,
    Map<String, String> labels,
    String tenant,
    Instant createdAt,
    Instant expiresAt) {

  /** Copies the labels. */
  public ArtifactMetadata {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(retention, "retention");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
