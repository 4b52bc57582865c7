package io.cordum.redis.internal;

import io.cordum.redis.RedisConfig;

/**
 * Hash tags for the store families other than the job store: the key prefix without its trailing
 * colon, a colon and the family name, in braces ({@code cordum:} and {@code cfg} give <code>
 * {cordum:cfg}:</code>). Every key of a family is in one Redis Cluster slot, so a script may take
 * several of them; different families hash apart from each other and from the job store.
 */
public final class KeyTags {
  private KeyTags() {}

  /** The tag of a family, such as <code>{cordum:cfg}:</code>. */
  public static String family(RedisConfig config, String family) {
    String p = config.keyPrefix();
    String base = p.endsWith(":") ? p.substring(0, p.length() - 1) : p;
    return "{" + base + ":" + family + "}:";
  }
}
