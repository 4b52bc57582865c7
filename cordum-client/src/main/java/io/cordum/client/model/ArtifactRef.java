package io.cordum.client.model;

/**
 * A stored artifact's pointer.
 *
 * @param artifactPtr its pointer, such as {@code redis://art:<uuid>}
 * @param sizeBytes its size
 */
public record ArtifactRef(String artifactPtr, long sizeBytes) {
  /** Normalizes nulls. */
  public ArtifactRef {
    artifactPtr = Norm.s(artifactPtr);
  }
}
