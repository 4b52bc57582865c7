package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A job's input ({@code ctx:}) or result ({@code res:}) behind its pointer ({@code GET
 * /api/v1/memory}).
 *
 * @param pointer the pointer, such as {@code redis://ctx:<job_id>}
 * @param key the key, such as {@code ctx:<job_id>}
 * @param kind {@code context} or {@code result}
 * @param sizeBytes its size
 * @param content its bytes ({@code base64} on the wire)
 * @param text its text, when it is UTF-8, else {@code ""}
 * @param json its JSON, when it parses, else {@code null}
 */
public record MemoryEntry(
    String pointer,
    String key,
    String kind,
    long sizeBytes,
    @JsonProperty("base64") byte[] content,
    String text,
    @Nullable Object json) {
  /** Normalizes nulls. */
  public MemoryEntry {
    pointer = Norm.s(pointer);
    key = Norm.s(key);
    kind = Norm.s(kind);
    content = content == null ? new byte[0] : content;
    text = Norm.s(text);
  }
}
