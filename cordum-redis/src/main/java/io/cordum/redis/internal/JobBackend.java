package io.cordum.redis.internal;

import io.cordum.api.internal.store.Micros;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the job store's operations share: the client, the keys, the scripts and the settings every
 * script gets in its first arguments (see {@code job_common.lua}).
 */
public final class JobBackend {
  /** How many expired jobs one script unindexes at most. */
  public static final int PURGE_BATCH = 100;

  private final UnifiedJedis redis;
  private final JobKeys keys;
  private final JobScripts scripts = new JobScripts();
  private final Duration retention;
  private final String ttlMillis;
  private final String historyLimit;
  private final String decisionsLimit;
  private final JobWrites writes;

  /**
   * @param retention how long a job lives after its last write, by the injected clock
   * @param realTtl the Redis TTL set on every key a write touches (retention plus a margin)
   * @param writeBatch the most per-job writes sent in one call (group commit); 1 for none
   * @param writesInFlight how many write calls may be in flight before writes wait and batch
   */
  public JobBackend(
      UnifiedJedis redis,
      JobKeys keys,
      Duration retention,
      Duration realTtl,
      int historyLimit,
      int decisionsLimit,
      int writeBatch,
      int writesInFlight) {
    this.redis = redis;
    this.keys = keys;
    this.retention = retention;
    this.ttlMillis = Long.toString(Micros.pxMillis(realTtl));
    this.historyLimit = Integer.toString(historyLimit);
    this.decisionsLimit = Integer.toString(decisionsLimit);
    this.writes = new JobWrites(redis, keys.globals(), scripts.batch, writeBatch, writesInFlight);
  }

  /** The group commit of per-job writes. */
  public JobWrites writes() {
    return writes;
  }

  /** The client. */
  public UnifiedJedis redis() {
    return redis;
  }

  /** The key names. */
  public JobKeys keys() {
    return keys;
  }

  /** The scripts. */
  public JobScripts scripts() {
    return scripts;
  }

  /** How long a job lives after its last write, by the injected clock. */
  public Duration retention() {
    return retention;
  }

  /** The real TTL of written keys, in milliseconds, as a script argument. */
  public String ttlMillis() {
    return ttlMillis;
  }

  /**
   * Runs a per-job script: the job's keys, the common arguments, then {@code extra}; sent together
   * with other threads' writes when they are made at the same time (see {@link JobWrites}).
   */
  public List<?> runJob(LuaFunction script, String id, long now, List<String> extra) {
    return (List<?>) writes.run(script, keys.own(id), args(now, id, extra));
  }

  /** Runs a per-job script with {@code extraKeys} after the job's keys. */
  public List<?> runJob(
      LuaFunction script, String id, List<String> extraKeys, long now, List<String> extra) {
    List<String> k = keys.own(id);
    k.addAll(extraKeys);
    return (List<?>) writes.run(script, k, args(now, id, extra));
  }

  /** Runs a script on the global keys plus {@code extraKeys}. */
  public List<?> runGlobal(
      LuaFunction script, List<String> extraKeys, long now, List<String> extra) {
    List<String> k = new ArrayList<>(keys.globals());
    k.addAll(extraKeys);
    return (List<?>) script.run(redis, k, args(now, "", extra));
  }

  private List<String> args(long now, String id, List<String> extra) {
    List<String> a = new ArrayList<>(7 + extra.size());
    a.add(Long.toString(now));
    a.add(Long.toString(Micros.plus(now, retention)));
    a.add(ttlMillis);
    a.add(historyLimit);
    a.add(decisionsLimit);
    a.add(id);
    a.add(Integer.toString(PURGE_BATCH));
    a.addAll(extra);
    return a;
  }

  /** The record hashes of the given jobs (empty maps for absent ones), in one round trip. */
  public List<Map<String, String>> loadAll(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return RedisCalls.call(
        "load jobs",
        () -> {
          List<Response<Map<String, String>>> replies = new ArrayList<>(ids.size());
          try (AbstractPipeline p = redis.pipelined()) {
            for (String id : ids) {
              replies.add(p.hgetAll(keys.meta(id)));
            }
            p.sync();
          }
          List<Map<String, String>> out = new ArrayList<>(ids.size());
          replies.forEach(r -> out.add(r.get()));
          return out;
        });
  }

  /**
   * Removes index entries whose job is gone or expired (each checked again inside the script), and
   * purges expired jobs.
   */
  public void cleanup(long now, List<Stale> stale) {
    List<String> metaKeys = new ArrayList<>(stale.size());
    List<String> extra = new ArrayList<>(stale.size() * 3);
    for (Stale s : stale) {
      metaKeys.add(keys.meta(s.id()));
      extra.add(s.id());
      extra.add(Integer.toString(s.position()));
      extra.add(s.member());
    }
    runGlobal(scripts.cleanup, metaKeys, now, extra);
  }

  /**
   * An index entry met during a read whose job was gone or expired.
   *
   * @param id the job id
   * @param position the 1-based position of the index among the global keys
   * @param member the entry
   */
  public record Stale(String id, int position, String member) {}
}
