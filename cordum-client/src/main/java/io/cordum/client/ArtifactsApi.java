package io.cordum.client;

import io.cordum.client.model.Artifact;
import io.cordum.client.model.ArtifactRef;
import io.cordum.client.model.ArtifactUpload;
import io.cordum.client.model.MemoryEntry;

/**
 * Artifacts ({@code /api/v1/artifacts}) and the memory pointers behind a job's input and result
 * ({@code /api/v1/memory}).
 */
public final class ArtifactsApi {
  private final Transport t;

  ArtifactsApi(Transport t) {
    this.t = t;
  }

  /**
   * Stores an artifact.
   *
   * @return its pointer
   * @throws BadRequestException (413) when it is larger than the upload's or the gateway's limit
   */
  public ArtifactRef put(ArtifactUpload upload) {
    return t.req("POST", "/api/v1/artifacts")
        .query("max_bytes", upload.maxBytes())
        .json(upload)
        .fetch(ArtifactRef.class);
  }

  /**
   * An artifact with its content.
   *
   * @param pointer its pointer, such as {@code redis://art:<uuid>} (sent encoded)
   * @throws NotFoundException when there is none (or it expired)
   */
  public Artifact get(String pointer) {
    return t.req("GET", PathSegments.of("/api/v1/artifacts", pointer)).fetch(Artifact.class);
  }

  /**
   * A job's input or result behind its pointer ({@code redis://ctx:<job_id>}, {@code
   * redis://res:<job_id>}).
   *
   * @throws NotFoundException when there is nothing behind it
   */
  public MemoryEntry memory(String pointer) {
    return t.req("GET", "/api/v1/memory").query("ptr", pointer).fetch(MemoryEntry.class);
  }
}
