package io.cordum.redis.internal;

import io.cordum.api.Page;
import io.cordum.api.internal.store.ListCursor;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.redis.internal.JobBackend.Stale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ZRangeParams;

/**
 * The job store's multi-record reads: listings, due timers and deadlines, trace members. Each scans
 * an index in batches, loads the records of a batch in one round trip and checks every hit against
 * its record (live by the injected clock, still filed at that place, matching the filters), so a
 * page is short only when nothing more matches. Entries of jobs found gone or expired are removed
 * afterwards ({@link JobBackend#cleanup}).
 */
public final class JobScans {
  private static final int MIN_BATCH = 64;
  private static final int MAX_BATCH = 1000;

  private final JobBackend backend;

  /** Scans over the given backend. */
  public JobScans(JobBackend backend) {
    this.backend = backend;
  }

  /** One listing page; see {@link io.cordum.api.job.JobStore#list}. */
  public Page<JobRecord> list(JobQuery q, long now) {
    Source src = source(q);
    boolean newestFirst = q.order() == JobQuery.Order.NEWEST_FIRST;
    String p = src.prefix;
    String lo = p.isEmpty() ? "-" : "[" + p;
    String hi = p.isEmpty() ? "+" : "(" + Lex.prefixEnd(p);
    Long after = q.updatedAfter() == null ? null : Micros.ceil(q.updatedAfter());
    Long before = q.updatedBefore() == null ? null : Micros.of(q.updatedBefore());
    if (before != null && before < 0) {
      return new Page<>(List.of(), null);
    }
    if (after != null && after > 0) {
      lo = "[" + p + Lex.pad(after);
    }
    if (before != null && before < Long.MAX_VALUE) {
      hi = "(" + p + Lex.pad(before + 1);
    }
    if (q.cursor() != null) {
      ListCursor c = ListCursor.decode(q.cursor());
      String member = "(" + p + Lex.pad(c.micros()) + "\0" + c.id();
      if (newestFirst && (before == null || c.micros() <= before)) {
        hi = member;
      } else if (!newestFirst && (after == null || c.micros() >= after)) {
        lo = member;
      }
    }
    int batch = Math.min(MAX_BATCH, Math.max(MIN_BATCH, q.limit() + 1));
    List<JobRecord> items = new ArrayList<>(q.limit());
    Set<String> seen = new HashSet<>();
    List<Stale> stale = new ArrayList<>();
    JobRecord last = null;
    String cursor = null;
    scan:
    while (true) {
      String from = newestFirst ? hi : lo;
      String to = newestFirst ? lo : hi;
      ZRangeParams range = ZRangeParams.zrangeByLexParams(from, to).limit(0, batch);
      List<String> members =
          RedisCalls.call(
              "list jobs",
              () -> backend.redis().zrange(src.key, newestFirst ? range.rev() : range));
      if (members.isEmpty()) {
        break;
      }
      List<String> ids = new ArrayList<>(members.size());
      List<Long> times = new ArrayList<>(members.size());
      for (String m : members) {
        // <prefix><19 digits>\0<id>
        times.add(Long.parseLong(m.substring(p.length(), p.length() + 19)));
        ids.add(m.substring(p.length() + 20));
      }
      List<Map<String, String>> hashes = backend.loadAll(ids);
      for (int i = 0; i < members.size(); i++) {
        Map<String, String> f = hashes.get(i);
        if (f.isEmpty() || RecordCodec.expiresAt(f) <= now) {
          stale.add(new Stale(ids.get(i), src.position, members.get(i)));
          continue;
        }
        if (RecordCodec.updatedAt(f) != times.get(i)) {
          continue; // updated since it was filed here: it is listed at its new place
        }
        JobRecord r = RecordCodec.decode(f);
        if (!matches(r, q) || !seen.add(r.id())) {
          continue;
        }
        if (items.size() == q.limit()) {
          JobRecord prev = Objects.requireNonNull(last); // the page is full, so not empty
          cursor = new ListCursor(Micros.of(prev.updatedAt()), prev.id()).encode();
          break scan;
        }
        items.add(r);
        last = r;
      }
      if (members.size() < batch) {
        break;
      }
      String next = "(" + members.get(members.size() - 1);
      if (newestFirst) {
        hi = next;
      } else {
        lo = next;
      }
    }
    cleanup(now, stale);
    return new Page<>(items, cursor);
  }

  /**
   * Non-terminal jobs due in a score index (timers or deadlines): score at most {@code due},
   * earliest first, at most {@code limit}.
   */
  public List<JobRecord> due(
      int position, Instant due, int limit, long now, Function<JobRecord, @Nullable Instant> time) {
    String key = backend.keys().global(position);
    long bound = Micros.of(due);
    String max = Long.toString(bound);
    int batch = Math.min(MAX_BATCH, Math.max(MIN_BATCH, limit));
    List<JobRecord> out = new ArrayList<>();
    List<Stale> stale = new ArrayList<>();
    int offset = 0;
    while (out.size() < limit) {
      int from = offset;
      List<String> ids =
          RedisCalls.call(
              "scan due jobs",
              () ->
                  backend
                      .redis()
                      .zrange(
                          key,
                          new ZRangeParams(Protocol.Keyword.BYSCORE, "-inf", max)
                              .limit(from, batch)));
      if (ids.isEmpty()) {
        break;
      }
      List<Map<String, String>> hashes = backend.loadAll(ids);
      for (int i = 0; i < ids.size() && out.size() < limit; i++) {
        Map<String, String> f = hashes.get(i);
        if (f.isEmpty() || RecordCodec.expiresAt(f) <= now) {
          stale.add(new Stale(ids.get(i), position, ids.get(i)));
          continue;
        }
        JobRecord r = RecordCodec.decode(f);
        Instant at = time.apply(r);
        if (!r.isTerminal() && at != null && Micros.of(at) <= bound) {
          out.add(r);
        }
      }
      if (ids.size() < batch) {
        break;
      }
      offset += ids.size();
    }
    cleanup(now, stale);
    return List.copyOf(out);
  }

  /** The live jobs of a trace, oldest first (by creation time, then id). */
  public List<JobRecord> trace(String traceId, long now) {
    String key = backend.keys().global(JobKeys.TRACES);
    String p = Lex.prefix(traceId);
    List<String> members =
        RedisCalls.call(
            "read trace",
            () ->
                backend
                    .redis()
                    .zrange(key, ZRangeParams.zrangeByLexParams("[" + p, "(" + Lex.prefixEnd(p))));
    List<String> ids = new ArrayList<>(members.size());
    for (String m : members) {
      ids.add(m.substring(p.length() + 20));
    }
    List<Map<String, String>> hashes = backend.loadAll(ids);
    List<JobRecord> out = new ArrayList<>();
    List<Stale> stale = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Map<String, String> f = hashes.get(i);
      if (f.isEmpty() || RecordCodec.expiresAt(f) <= now) {
        stale.add(new Stale(ids.get(i), JobKeys.TRACES, members.get(i)));
        continue;
      }
      JobRecord r = RecordCodec.decode(f);
      if (r.traceId().equals(traceId)) {
        out.add(r);
      }
    }
    cleanup(now, stale);
    return List.copyOf(out);
  }

  private void cleanup(long now, List<Stale> stale) {
    for (int from = 0; from < stale.size(); from += MAX_BATCH) {
      backend.cleanup(now, stale.subList(from, Math.min(stale.size(), from + MAX_BATCH)));
    }
  }

  private static boolean matches(JobRecord r, JobQuery q) {
    return (q.state() == null || r.state() == q.state())
        && (q.topic() == null || r.topic().equals(q.topic()))
        && (q.tenant() == null || r.tenant().equals(q.tenant()))
        && (q.team() == null || r.team().equals(q.team()));
  }

  /**
   * The index a query scans. With several filters it takes the narrowest one that has an index
   * (topic, then tenant, then state); the other filters are checked on each record.
   */
  private Source source(JobQuery q) {
    List<Source> candidates = new ArrayList<>(3);
    if (q.topic() != null) {
      candidates.add(
          new Source(
              backend.keys().global(JobKeys.BY_TOPIC), JobKeys.BY_TOPIC, Lex.prefix(q.topic())));
    }
    if (q.tenant() != null) {
      candidates.add(
          new Source(
              backend.keys().global(JobKeys.BY_TENANT), JobKeys.BY_TENANT, Lex.prefix(q.tenant())));
    }
    if (q.state() != null) {
      JobState s = q.state();
      candidates.add(new Source(backend.keys().stateIndex(s), JobKeys.stateIndexPosition(s), ""));
    }
    if (candidates.isEmpty()) {
      return new Source(backend.keys().global(JobKeys.RECENT), JobKeys.RECENT, "");
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    Source best = candidates.get(0);
    long bestCount = Long.MAX_VALUE;
    for (Source s : candidates) {
      long n =
          RedisCalls.call(
              "count index",
              () ->
                  s.prefix.isEmpty()
                      ? backend.redis().zcard(s.key)
                      : backend
                          .redis()
                          .zlexcount(s.key, "[" + s.prefix, "(" + Lex.prefixEnd(s.prefix)));
      if (n < bestCount) {
        best = s;
        bestCount = n;
      }
    }
    return best;
  }

  /** An index to scan: its key, its position among the global keys, the members' prefix. */
  private record Source(String key, int position, String prefix) {}
}
