package io.cordum.api.artifact;

import io.cordum.api.CordumException;

/** An upload larger than the store's {@link ArtifactConfig#maxBytes()}. Nothing was stored. */
public final class ArtifactTooLargeException extends CordumException {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long limit;

  /** Creates the exception for content of {@code size} bytes over {@code limit}. */
  public ArtifactTooLargeException(long size, long limit) {
    super(
        "artifact_too_large",
        "artifact too large: "
            + size
            + " bytes, the limit is "
            + limit
            + " bytes (store large data elsewhere, or raise ARTIFACT_MAX_BYTES)",
        false,
        null);
    this.size = size;
    this.limit = limit;
  }

  /** The size of the rejected content. */
  public long size() {
    return size;
  }

  /** The store's limit. */
  public long limit() {
    return limit;
  }
}
