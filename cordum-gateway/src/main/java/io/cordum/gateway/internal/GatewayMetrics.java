package io.cordum.gateway.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Request count and duration per method, route pattern and status: the timer {@code
 * cordum.gateway.http.requests} (Prometheus: {@code cordum_gateway_http_requests_seconds} with
 * {@code _count} and {@code _sum}). Unmatched paths share the route tag {@code unmatched}, so the
 * tag set stays bounded. No registry: no cost.
 */
public final class GatewayMetrics {
  /** The timer's name. */
  public static final String REQUESTS = "cordum.gateway.http.requests";

  private final @Nullable MeterRegistry registry;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  /** Creates the metrics on the registry, or none. */
  public GatewayMetrics(@Nullable MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one request. */
  public void record(String method, String route, int status, long nanos) {
    if (registry == null) {
      return;
    }
    String key = method + ' ' + route + ' ' + status;
    Timer t = timers.get(key);
    if (t == null) {
      t =
          timers.computeIfAbsent(
              key,
              k ->
                  Timer.builder(REQUESTS)
                      .description("HTTP requests served by the Cordum gateway")
                      .tag("method", method)
                      .tag("route", route)
                      .tag("status", Integer.toString(status))
                      .register(registry));
    }
    t.record(nanos, TimeUnit.NANOSECONDS);
  }
}
