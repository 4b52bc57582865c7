package io.cordum.client.model;

import java.util.Map;

/**
 * The config a job at this org, team, workflow and step gets: the documents merged from system down
 * ({@code GET /api/v1/config/effective}).
 *
 * @param version the revisions that went into it
 * @param hash the SHA-256 of {@code data}
 * @param data the merged content
 */
public record EffectiveConfig(String version, String hash, Map<String, Object> data) {
  /** Normalizes nulls. */
  public EffectiveConfig {
    version = Norm.s(version);
    hash = Norm.s(hash);
    data = Norm.map(data);
  }
}
