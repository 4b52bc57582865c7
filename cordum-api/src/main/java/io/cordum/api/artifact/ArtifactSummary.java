package io.cordum.api.artifact;

/**
 * An artifact in a listing, without its bytes.
 *
 * @param pointer {@code redis://art:<id>}
 * @param metadata what the store keeps about it
 */
public record ArtifactSummary(String pointer, ArtifactMetadata metadata) {}
