package io.cordum.client.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/status}: the gateway's uptime and build, the bus and store health, and how
 * many workers are live.
 *
 * @param time the gateway's clock (seconds)
 * @param uptimeSeconds seconds since the gateway started
 * @param build version, commit and build date
 * @param nats the bus ({@code status} is {@code in-memory} for the in-memory bus)
 * @param redis the stores
 * @param workers the live worker count
 * @param backends every backend's health
 */
public record GatewayStatus(
    @Nullable Instant time,
    long uptimeSeconds,
    Build build,
    Nats nats,
    Redis redis,
    Workers workers,
    List<BackendHealth> backends) {

  /** Normalizes absent parts to empty ones. */
  public GatewayStatus {
    build = build == null ? new Build("", "", "") : build;
    nats = nats == null ? new Nats(false, "", "") : nats;
    redis = redis == null ? new Redis(false, "") : redis;
    workers = workers == null ? new Workers(0) : workers;
    backends = Norm.list(backends);
  }

  /** Whether every backend is healthy. */
  public boolean healthy() {
    return backends.stream().allMatch(BackendHealth::ok) && nats.connected() && redis.ok();
  }

  /**
   * The build.
   *
   * @param version version
   * @param commit commit
   * @param date build date
   */
  public record Build(String version, String commit, String date) {
    /** Normalizes nulls. */
    public Build {
      version = Norm.s(version);
      commit = Norm.s(commit);
      date = Norm.s(date);
    }
  }

  /**
   * The bus.
   *
   * @param connected connected
   * @param status status
   * @param url server URL
   */
  public record Nats(boolean connected, String status, String url) {
    /** Normalizes nulls. */
    public Nats {
      status = Norm.s(status);
      url = Norm.s(url);
    }
  }

  /**
   * The stores.
   *
   * @param ok healthy
   * @param error the error, or {@code ""}
   */
  public record Redis(boolean ok, String error) {
    /** Normalizes nulls. */
    public Redis {
      error = Norm.s(error);
    }
  }

  /**
   * Workers.
   *
   * @param count how many are live
   */
  public record Workers(int count) {}

  /**
   * One backend's health.
   *
   * @param backend its name, such as {@code redis}
   * @param ok healthy
   * @param status a short status
   * @param target what it connects to
   * @param error the error, or {@code ""}
   */
  public record BackendHealth(
      String backend, boolean ok, String status, String target, String error) {
    /** Normalizes nulls. */
    public BackendHealth {
      backend = Norm.s(backend);
      status = Norm.s(status);
      target = Norm.s(target);
      error = Norm.s(error);
    }
  }
}
