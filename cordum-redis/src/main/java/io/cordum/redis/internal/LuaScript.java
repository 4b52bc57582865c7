package io.cordum.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One Lua script, run by its SHA-1 ({@code EVALSHA}); when the server does not know it ({@code
 * NOSCRIPT}: first use, a restart, {@code SCRIPT FLUSH}, a failover to a replica that never saw it)
 * it is sent once with {@code EVAL}, which also caches it again. Sending it with EVAL rather than
 * SCRIPT LOAD keeps it correct on Redis Cluster, where the script must reach the node that owns the
 * keys.
 */
public final class LuaScript {
  private static final String RESOURCES = "/io/cordum/redis/";

  private final String name;
  private final String source;
  private final byte[] sourceBytes;
  private final String sha;
  private final byte[] shaBytes;

  /** A script made of the given source text. */
  public LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
    this.sha = sha1(sourceBytes);
    this.shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
  }

  /** The script in resource {@code io/cordum/redis/<name>.lua}, after {@code head} (may be ""). */
  public static LuaScript resource(String name, String head) {
    return new LuaScript(name, head + read(name + ".lua"));
  }

  /** The text of a script resource. */
  public static String read(String file) {
    try (InputStream in = LuaScript.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + RESOURCES + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script's name, for messages. */
  public String name() {
    return name;
  }

  /** The SHA-1 the server knows the script by. */
  public String sha() {
    return sha;
  }

  /** The source text. */
  public String source() {
    return source;
  }

  /** Runs the script with string keys and arguments (UTF-8); a BackendException on failure. */
  public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    return RedisCalls.call(
        "script " + name,
        () -> {
          try {
            return redis.evalsha(sha, keys, args);
          } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
          }
        });
  }

  /** Runs the script with binary keys and arguments; a BackendException on failure. */
  public Object runBinary(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    return RedisCalls.call(
        "script " + name,
        () -> {
          try {
            return redis.evalsha(shaBytes, keys, args);
          } catch (JedisNoScriptException e) {
            return redis.eval(sourceBytes, keys, args);
          }
        });
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always available", e);
    }
  }
}
