package io.cordum.core.internal.config;

import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's pool and timeout settings as config sections, in the lower-case shape of {@code
 * pools.yaml} and {@code timeouts.yaml}, for the {@code pools} and {@code timeouts} keys of the
 * system document, with the field names the parsers read (never capitalised names such as {@code
 * Topics}), so that they pass the config service's checks and parse back to equal settings.
 */
public final class SchedulerConfigs {
  private SchedulerConfigs() {}

  /** {@code {topics: {topic: pool or [pools]}, pools: {name: {requires: [...]}}}}. */
  public static Map<String, Object> pools(PoolConfig pools) {
    Map<String, Object> topics = new LinkedHashMap<>();
    pools.topics().forEach((t, p) -> topics.put(t, p.size() == 1 ? p.get(0) : List.copyOf(p)));
    Map<String, Object> byName = new LinkedHashMap<>();
    pools.pools().forEach((n, req) -> byName.put(n, Map.of("requires", List.copyOf(req))));
    return Map.of("topics", topics, "pools", byName);
  }

  /** {@code {reconciler: {...}, topics: {...}, workflows: {...}}}, in whole seconds. */
  public static Map<String, Object> timeouts(TimeoutConfig t) {
    Map<String, Object> topics = new LinkedHashMap<>();
    t.topics()
        .forEach(
            (name, v) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              put(m, "timeout_seconds", v.timeout());
              put(m, "max_retries", v.maxRetries());
              topics.put(name, m);
            });
    Map<String, Object> workflows = new LinkedHashMap<>();
    t.workflows()
        .forEach(
            (name, v) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              put(m, "child_timeout_seconds", v.childTimeout());
              put(m, "total_timeout_seconds", v.totalTimeout());
              put(m, "max_retries", v.maxRetries());
              workflows.put(name, m);
            });
    return Map.of(
        "reconciler",
        Map.of(
            "dispatch_timeout_seconds", t.dispatchTimeout().toSeconds(),
            "running_timeout_seconds", t.runningTimeout().toSeconds(),
            "scan_interval_seconds", t.scanInterval().toSeconds()),
        "topics",
        topics,
        "workflows",
        workflows);
  }

  private static void put(Map<String, Object> m, String key, @Nullable Object v) {
    if (v instanceof Duration d) {
      m.put(key, d.toSeconds());
    } else if (v != null) {
      m.put(key, v);
    }
  }
}
