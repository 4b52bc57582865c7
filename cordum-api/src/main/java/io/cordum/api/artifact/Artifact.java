package io.cordum.api.artifact;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stored artifact: its pointer, metadata and bytes. {@link #content()} returns a copy.
 *
 * @param pointer {@code redis://art:<id>}
 * @param metadata what the store keeps about it
 * @param content the bytes
 */
public record Artifact(String pointer, ArtifactMetadata metadata, byte[] content) {
  /** Copies the bytes. */
  public Artifact {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(metadata, "metadata");
    content = content.clone();
  }

  /** A copy of the bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Artifact a
        && pointer.equals(a.pointer)
        && metadata.equals(a.metadata)
        && Arrays.equals(content, a.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pointer, metadata, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return "Artifact[pointer="
        + pointer
        + ", metadata="
        + metadata
        + ", bytes="
        + content.length
        + "]";
  }
}
