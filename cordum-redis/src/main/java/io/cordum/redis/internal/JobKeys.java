package io.cordum.redis.internal;

import io.cordum.api.job.JobState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The keys of the job store. Every one starts with the store's hash tag (such as {@code
 * {cordum}:}), so every key of the job store is in one Redis Cluster slot and every multi-key
 * script is legal there. After the tag come Cordum's key names. See {@code docs/redis-layout.md}.
 */
public final class JobKeys {
  /** Position (1-based, as in Lua's KEYS) of job:recent. */
  public static final int RECENT = 1;

  /** Position of job:timers. */
  public static final int TIMERS = 2;

  /** Position of job:deadline. */
  public static final int DEADLINES = 3;

  /** Position of job:index:topic. */
  public static final int BY_TOPIC = 4;

  /** Position of job:index:tenant. */
  public static final int BY_TENANT = 5;

  /** Position of job:traces. */
  public static final int TRACES = 7;

  /** How many global keys every job script gets before the per-job keys. */
  public static final int GLOBAL_COUNT = 17;

  private final String tag;
  private final List<String> globals;

  /** Keys under {@code tag}, such as {@code {cordum}:}. */
  public JobKeys(String tag) {
    this.tag = tag;
    List<String> g = new ArrayList<>(GLOBAL_COUNT);
    g.add(tag + "job:recent");
    g.add(tag + "job:timers");
    g.add(tag + "job:deadline");
    g.add(tag + "job:index:topic");
    g.add(tag + "job:index:tenant");
    g.add(tag + "job:tenant:active");
    g.add(tag + "job:traces");
    for (JobState s : JobState.values()) {
      g.add(tag + "job:index:" + s.name().toLowerCase(Locale.ROOT));
    }
    this.globals = Collections.unmodifiableList(g);
  }

  /** The hash tag every key starts with. */
  public String tag() {
    return tag;
  }

  /** The global keys, in the order of {@code job_common.lua}. */
  public List<String> globals() {
    return globals;
  }

  /** The global key at a 1-based position. */
  public String global(int position) {
    return globals.get(position - 1);
  }

  /** The lexicographic index of one state, {@code job:index:<state>}. */
  public String stateIndex(JobState state) {
    return globals.get(TRACES + state.ordinal());
  }

  /** The 1-based position of a state's index. */
  public static int stateIndexPosition(JobState state) {
    return TRACES + 1 + state.ordinal();
  }

  /** The global keys followed by the job's own four keys, as a per-job script gets them. */
  public List<String> forJob(String id) {
    List<String> k = new ArrayList<>(GLOBAL_COUNT + 4);
    k.addAll(globals);
    k.add(meta(id));
    k.add(request(id));
    k.add(events(id));
    k.add(decisions(id));
    return k;
  }

  /** The job's own four keys (record, request, history, decisions), in a list that can grow. */
  public List<String> own(String id) {
    List<String> k = new ArrayList<>(5);
    k.add(meta(id));
    k.add(request(id));
    k.add(events(id));
    k.add(decisions(id));
    return k;
  }

  /** The record hash, {@code job:meta:<id>}. */
  public String meta(String id) {
    return tag + "job:meta:" + id;
  }

  /** The request snapshot, {@code job:req:<id>}. */
  public String request(String id) {
    return tag + "job:req:" + id;
  }

  /** The state history list, {@code job:events:<id>}. */
  public String events(String id) {
    return tag + "job:events:" + id;
  }

  /** The safety decision list, {@code job:decisions:<id>}. */
  public String decisions(String id) {
    return tag + "job:decisions:" + id;
  }

  /**
   * The idempotency key of a (tenant, key) pair: {@code job:idempotency:<n>:<tenant>:<key>} where
   * {@code n} is the tenant's length in UTF-8 bytes, so no two pairs share a key, whatever colons
   * the tenant or key holds.
   */
  public String idempotency(String tenant, String key) {
    return tag
        + "job:idempotency:"
        + tenant.getBytes(StandardCharsets.UTF_8).length
        + ":"
        + tenant
        + ":"
        + key;
  }
}
