package io.cordum.client.model;

import java.util.Objects;

/**
 * A key just made or rotated, with its token: the gateway shows the token this once and keeps only
 * a hash. {@link #toString()} hides the token.
 *
 * @param key the key
 * @param token the value to send as {@code X-API-Key}
 */
public record CreatedApiKey(ApiKeyInfo key, String token) {
  /** Checks the values. */
  public CreatedApiKey {
    Objects.requireNonNull(key, "key");
    token = Norm.s(token);
  }

  @Override
  public String toString() {
    return "CreatedApiKey[" + key + ", token hidden]";
  }
}
