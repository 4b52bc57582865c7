package io.cordum.redis.internal;

import io.cordum.api.BackendException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis Function library (Redis 7: {@code FUNCTION LOAD}, {@code FCALL}): a shared head of Lua
 * (tables and helper functions) compiled and run <em>once</em> when the library is loaded, and
 * functions that each call runs, so a call does not pay for the head as an {@code EVALSHA} of a
 * script that carries it does.
 *
 * <p>The library's name and its functions' names end with a digest of its code, so that processes
 * running different versions of Cordum on one Redis each find their own functions (function names
 * are global to a server). A call that finds its function missing (first use, a restart without
 * persistence, {@code FUNCTION FLUSH}, a failover to a node that never had it) loads the library
 * with {@code FUNCTION LOAD REPLACE} and runs the call again, as {@link LuaScript} does on {@code
 * NOSCRIPT}. On Redis Cluster it is loaded on every node the client knows (replicas, which refuse
 * writes, get it from their primary by replication), since functions are not propagated between
 * shards.
 */
public final class LuaLibrary {
  private final String name;
  private final String code;
  private final String prefix;
  private final AtomicLong loads = new AtomicLong();
  private final Object loading = new Object();

  private LuaLibrary(String name, String code, String prefix) {
    this.name = name;
    this.code = code;
    this.prefix = prefix;
  }

  /** The library's name on the server, {@code <base>_<digest>}. */
  public String name() {
    return name;
  }

  /** The library's code, as sent with {@code FUNCTION LOAD}. */
  public String code() {
    return code;
  }

  /** The server-side name of the library's function {@code fn}. */
  public String functionName(String fn) {
    return prefix + fn;
  }

  /**
   * Builds a library.
   *
   * @param base the library's name before its digest (letters, digits, underscores)
   * @param head Lua run once at load: locals that the functions share
   * @param functions each function's name (letters, digits, underscores) and its body, run with
   *     {@code keys} and {@code args} in scope
   */
  public static LuaLibrary of(String base, String head, Map<String, String> functions) {
    StringBuilder body = new StringBuilder(head).append('\n');
    Map<String, String> named = new LinkedHashMap<>(functions);
    String digest = sha1(head + "\0" + named).substring(0, 12);
    String prefix = base + "_" + digest + "_";
    for (Map.Entry<String, String> f : named.entrySet()) {
      body.append("redis.register_function('")
          .append(prefix)
          .append(f.getKey())
          .append("', function(keys, args)\n")
          .append(f.getValue())
          .append("\nend)\n");
    }
    String name = base + "_" + digest;
    return new LuaLibrary(name, "#!lua name=" + name + "\n" + body, prefix);
  }

  /** Runs function {@code fn} with string keys and arguments; a BackendException on failure. */
  public Object call(UnifiedJedis redis, String fn, List<String> keys, List<String> args) {
    String function = prefix + fn;
    return RedisCalls.call(
        "function " + fn,
        () -> {
          long generation = loads.get();
          try {
            return redis.fcall(function, keys, args);
          } catch (JedisDataException e) {
            if (!missing(e)) {
              throw e;
            }
          }
          synchronized (loading) {
            if (loads.get() == generation) { // nobody loaded it since this call missed it
              load(redis);
              loads.incrementAndGet();
            }
          }
          return redis.fcall(function, keys, args);
        });
  }

  /**
   * Loads (or replaces) the library on the server, or on every node of a cluster.
   *
   * @throws JedisException if no node took it
   */
  public void load(UnifiedJedis redis) {
    if (!(redis instanceof RedisClusterClient cluster)) {
      loadOn(redis::functionLoadReplace);
      return;
    }
    List<RuntimeException> failures = new ArrayList<>();
    int loaded = 0;
    for (ConnectionPool pool : cluster.getClusterNodes().values()) {
      try (Connection c = pool.getResource()) {
        loadOn(new Jedis(c)::functionLoadReplace);
        loaded++;
      } catch (JedisDataException e) {
        if (!String.valueOf(e.getMessage()).startsWith("READONLY")) { // a replica: replicated
          failures.add(e);
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (loaded == 0 || !failures.isEmpty()) {
      JedisException e =
          new JedisException(
              "could not load function library "
                  + name
                  + " on every cluster node ("
                  + loaded
                  + " took it)");
      failures.forEach(e::addSuppressed);
      throw e;
    }
  }

  private void loadOn(java.util.function.Function<String, String> functionLoadReplace) {
    try {
      String unused = functionLoadReplace.apply(code);
    } catch (JedisDataException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("unknown command")) {
        throw new BackendException(
            "redis: the job store needs Redis 7 or later (it runs as a Redis Function library,"
                + " FUNCTION LOAD / FCALL); the server answered: "
                + e.getMessage(),
            e);
      }
      throw e;
    }
  }

  private static boolean missing(JedisDataException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Function not found")
        || m.toLowerCase(Locale.ROOT).contains("unknown command");
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always available", e);
    }
  }
}
