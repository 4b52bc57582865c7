package io.cordum.core.internal.policy.engine;

/**
 * A parsed document and where it came from.
 *
 * @param source {@code base} or {@code bundle:<id>}
 * @param document the document
 */
public record SourcedDocument(String source, PolicyDocument document) {}
