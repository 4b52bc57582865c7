package io.cordum.gateway.internal.routes;

import io.cordum.api.Page;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.core.Cordum;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.RouteGroup;
import io.cordum.gateway.route.Routes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Numbers for an overview: {@code GET /api/v1/jobs/counts} (jobs per state, counted through the job
 * listing up to a cap per state) and {@code GET /api/v1/stats/throughput} (job results per
 * 30-second bucket over the last 15 minutes, observed on the bus by this replica since it started;
 * every replica observes every result, so any replica answers for all).
 *
 * <p>Thread-safe: the bus tap writes into a ring of atomic counters that readers only read.
 */
public final class StatsRoutes implements RouteGroup, AutoCloseable {
  static final int BUCKET_SECONDS = 30;
  static final int BUCKETS = 30;
  static final int MAX_COUNT_CAP = 1000;
  private static final String[] KINDS = {
    "succeeded", "failed", "cancelled", "timeout", "denied", "dead_lettered"
  };

  private final Cordum cordum;
  private final InstantSource clock;
  // Ring of BUCKETS buckets; slot i holds the bucket number (epoch seconds / BUCKET_SECONDS) it
  // counts for, and KINDS counters.
  private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS * KINDS.length);
  private final List<Subscription> taps = new ArrayList<>();
  private final Instant started;

  /** Creates the routes; {@link #start} subscribes the taps. */
  public StatsRoutes(Cordum cordum, InstantSource clock) {
    this.cordum = cordum;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public void register(Routes r) {
    r.get("/api/v1/jobs/counts")
        .permission(Permission.JOBS_READ)
        .tag("jobs")
        .summary(
            "How many of the tenant's jobs are in each state (counted up to cap per "
                + "state; a state at the cap is listed in capped)")
        .query("tenant", "tenant (default: the caller's)")
        .query("cap", "integer", "count at most this many per state (default and most 1000)")
        .query("states", "comma list of states (default: all)")
        .ok("JobCounts")
        .errors(400, 403)
        .handle(this::counts);
    r.get("/api/v1/stats/throughput")
        .permission(Permission.STATUS_READ)
        .tag("status")
        .summary(
            "Job results per 30-second bucket over the last 15 minutes (every tenant), "
                + "as observed on the bus since this gateway started")
        .ok("Throughput")
        .handle(this::throughput);
  }

  /** Subscribes to results and dead letters. */
  public void start() {
    taps.add(cordum.bus().observe(Subjects.RESULT, this::onResult));
    taps.add(cordum.bus().observe(Subjects.DLQ, m -> count(5)));
  }

  @Override
  public void close() {
    for (Subscription s : taps) {
      try {
        s.close();
      } catch (RuntimeException e) {
        // closing the bus first is fine: nothing left to stop
      }
    }
    taps.clear();
  }

  void onResult(BusMessage m) {
    if (!(m.packet().payload() instanceof JobResult r) || r.status() == null) {
      return;
    }
    switch (r.status()) {
      case SUCCEEDED -> count(0);
      case FAILED -> count(1);
      case CANCELLED -> count(2);
      case TIMEOUT -> count(3);
      case DENIED -> count(4);
      default -> {}
    }
  }

  private void count(int kind) {
    long bucket = clock.instant().getEpochSecond() / BUCKET_SECONDS;
    int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
    long seen = epochs.get(slot);
    if (seen != bucket && epochs.compareAndSet(slot, seen, bucket)) {
      for (int k = 0; k < KINDS.length; k++) {
        counts.set(slot * KINDS.length + k, 0);
      }
    }
    counts.incrementAndGet(slot * KINDS.length + kind);
  }

  private Object throughput(Call c) {
    long now = clock.instant().getEpochSecond() / BUCKET_SECONDS;
    List<Map<String, Object>> out = new ArrayList<>();
    for (long b = now - BUCKETS + 1; b <= now; b++) {
      int slot = (int) Math.floorMod(b, (long) BUCKETS);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", Json.time(Instant.ofEpochSecond(b * BUCKET_SECONDS)));
      boolean live = epochs.get(slot) == b;
      for (int k = 0; k < KINDS.length; k++) {
        m.put(KINDS[k], live ? counts.get(slot * KINDS.length + k) : 0L);
      }
      out.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bucket_seconds", BUCKET_SECONDS);
    m.put("observed_since", Json.time(started));
    m.put("buckets", out);
    return m;
  }

  private Object counts(Call c) {
    String tenantParam = c.query("tenant");
    String tenant =
        (tenantParam == null || tenantParam.isBlank()) && c.principal().crossTenant()
            ? null
            : c.tenant(tenantParam);
    int cap = MAX_COUNT_CAP;
    String cp = c.query("cap");
    if (cp != null && !cp.isBlank()) {
      try {
        cap = Integer.parseInt(cp.trim());
      } catch (NumberFormatException e) {
        cap = -1;
      }
      if (cap < 1 || cap > MAX_COUNT_CAP) {
        throw ApiError.badRequest(
            ErrorCodes.INVALID_ARGUMENT, "cap must be an integer between 1 and " + MAX_COUNT_CAP);
      }
    }
    List<JobState> states = new ArrayList<>();
    String sp = c.query("states", "");
    if (sp.isBlank()) {
      states.addAll(List.of(JobState.values()));
    } else {
      for (String s : sp.split(",")) {
        JobState st = JobRoutes.state(s);
        if (st != null && !states.contains(st)) {
          states.add(st);
        }
      }
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    List<String> capped = new ArrayList<>();
    long total = 0;
    for (JobState s : states) {
      Page<JobRecord> p =
          cordum.jobs().list(JobQuery.builder().state(s).tenant(tenant).limit(cap).build());
      int n = p.items().size();
      counts.put(s.name(), n);
      total += n;
      if (p.nextCursor() != null) {
        capped.add(s.name());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant", tenant == null ? "" : tenant);
    m.put("cap", cap);
    m.put("counts", counts);
    m.put("capped", capped);
    m.put("total", total);
    return m;
  }
}
