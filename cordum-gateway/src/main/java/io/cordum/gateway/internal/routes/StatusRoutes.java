package io.cordum.gateway.internal.routes;

import io.cordum.api.health.Health;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.core.Cordum;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.Reply;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code /health}, {@code /api/v1/status} and {@code /api/v1/workers}. */
final class StatusRoutes {
  private final Cordum cordum;
  private final GatewayConfig config;
  private final Instant started = Instant.now();

  StatusRoutes(Cordum cordum, GatewayConfig config) {
    this.cordum = cordum;
    this.config = config;
  }

  Object health(Call c) {
    return Reply.text("ok");
  }

  Object status(Call c) {
    Instant now = Instant.now();
    List<Health> backends = cordum.health();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
    out.put("uptime_seconds", java.time.Duration.between(started, now).toSeconds());
    out.put(
        "build",
        Map.of(
            "version",
            config.buildVersion(),
            "commit",
            config.buildCommit(),
            "date",
            config.buildDate()));
    Health nats = find(backends, "nats");
    Map<String, Object> bus = new LinkedHashMap<>();
    bus.put("connected", nats == null || nats.ok());
    bus.put("status", nats == null ? "in-memory" : nats.status());
    bus.put("url", nats == null ? "" : nats.target());
    out.put("nats", bus);
    Health redis = find(backends, "redis");
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("ok", redis == null || redis.ok());
    store.put("error", redis == null ? "" : redis.error());
    out.put("redis", store);
    out.put("workers", Map.of("count", cordum.workers().snapshot().size()));
    List<Map<String, Object>> all = new ArrayList<>();
    for (Health h : backends) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("backend", h.backend());
      m.put("ok", h.ok());
      m.put("status", h.status());
      m.put("target", h.target());
      m.put("error", h.error());
      all.add(m);
    }
    out.put("backends", all);
    return out;
  }

  private static @Nullable Health find(List<Health> l, String backend) {
    return l.stream().filter(h -> h.backend().equals(backend)).findFirst().orElse(null);
  }

  Object workers(Call c) {
    return cordum.workers().snapshot().values().stream()
        .sorted(Comparator.comparing(WorkerInfo::workerId))
        .map(Views::worker)
        .toList();
  }
}
