package io.cordum.api.config;

import java.util.Map;

/**
 * The merged config of a target, as {@code GET /api/v1/config/effective} returns it.
 *
 * @param version the revision of each scope's document, {@code
 *     system:<r>|org:<r>|team:<r>|workflow:<r>|step:<r>}, 0 for none
 * @param hash hex SHA-256 of the canonical JSON of {@code data} (the hash of {@code {}} when
 *     nothing is configured); use it to detect a change
 * @param data the merged data, unmodifiable
 */
public record EffectiveConfig(String version, String hash, Map<String, Object> data) {}
