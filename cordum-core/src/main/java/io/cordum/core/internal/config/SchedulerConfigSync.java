package io.cordum.core.internal.config;

import io.cordum.api.CordumException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.SystemAlert;
import io.cordum.api.config.ConfigDocument;
import io.cordum.api.config.ConfigKey;
import io.cordum.core.internal.scheduler.Scheduler;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running scheduler's pools and timeouts in step with the config service, on every replica.
 *
 * <ul>
 *   <li><b>Seed.</b> At start the configured pools and timeouts are written into the system
 *       document ({@code system/default}, keys {@code pools} and {@code timeouts}) only where those
 *       keys are absent: once stored, the config service is the source of truth, and a replica
 *       started with other files follows it (and says so).
 *   <li><b>Reload.</b> When the stored sections change (compared by the SHA-256 of their canonical
 *       JSON) they are parsed with the scheduler's own parsers and swapped in; a section that does
 *       not parse keeps the one in force and is logged.
 *   <li><b>When.</b> A write through this replica's {@link ConfigService} applies at once and is
 *       announced on {@code cordum.config.changed} (core NATS, best effort), so other replicas
 *       reload at once too; every {@code interval} (injected clock) each replica also re-reads the
 *       document, the fallback for a lost announcement or a write made by another tool.
 * </ul>
 */
public final class SchedulerConfigSync implements AutoCloseable {
  /** The subject of change announcements (outside {@code sys.>}: not part of CAP). */
  public static final String SUBJECT = "cordum.config.changed";

  /** The default re-read interval ({@code SCHEDULER_CONFIG_RELOAD_INTERVAL}). */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(SchedulerConfigSync.class);
  private static final String SENDER = "cordum-config";

  private final DefaultConfigService config;
  private final Scheduler scheduler;
  private final Bus bus;
  private final InstantSource clock;
  private final Duration interval;
  private final ReentrantLock lock = new ReentrantLock();
  private final java.util.function.Consumer<ConfigKey> listener = this::localWrite;
  private final AtomicBoolean started = new AtomicBoolean();
  private @Nullable Subscription subscription;
  private @Nullable Instant nextRead;
  private String poolsHash = "";
  private String timeoutsHash = "";

  /**
   * A sync for one scheduler.
   *
   * @param interval how often the document is re-read; zero turns the sync off ({@link #start} does
   *     nothing: the scheduler keeps the pools and timeouts it was built with)
   */
  public SchedulerConfigSync(
      DefaultConfigService config,
      Scheduler scheduler,
      Bus bus,
      InstantSource clock,
      Duration interval) {
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (interval.isNegative()) {
      throw new io.cordum.api.ValidationException(
          "config_reload_interval", "must be a duration >= 0 (0: off), was " + interval);
    }
    this.interval = interval;
  }

  /**
   * Seeds the stored sections from the scheduler's configuration where absent, applies what is
   * stored, and starts listening to local writes and announcements. Idempotent. A store that can
   * not be reached now is logged, and the next {@link #tick} tries again.
   */
  public void start() {
    if (interval.isZero() || !started.compareAndSet(false, true)) {
      return;
    }
    config.addListener(listener);
    try {
      subscription = bus.observe(SUBJECT, m -> reloadQuietly());
    } catch (RuntimeException e) {
      log.warn(
          "config change announcements are off ({}); re-reading every {}s",
          e.toString(),
          interval.toSeconds());
    }
    try {
      seed();
      reload();
    } catch (CordumException e) {
      log.warn(
          "config service not reachable at start ({}); the scheduler keeps its configured"
              + " pools and timeouts until the next reload",
          e.getMessage());
    }
  }

  /** Re-reads the document if {@code interval} has passed since the last read. */
  public void tick() {
    if (!started.get()) {
      return;
    }
    Instant now = clock.instant();
    if (nextRead != null && now.isBefore(nextRead)) {
      return;
    }
    reloadQuietly();
  }

  /**
   * Reads the system document now and applies changed sections.
   *
   * @return whether anything was swapped in
   */
  public boolean reload() {
    lock.lock();
    try {
      nextRead = clock.instant().plus(interval);
      Optional<ConfigDocument> doc = config.find(ConfigKey.system());
      Map<String, Object> data = doc.map(ConfigDocument::data).orElse(Map.of());
      boolean changed = false;
      Object pools = data.get("pools");
      if (pools != null) {
        String h = CanonicalJson.sha256(pools);
        if (!h.equals(poolsHash)) {
          try {
            scheduler.updatePools(PoolConfig.parse(CanonicalJson.write(pools)));
            changed = true;
          } catch (RuntimeException e) {
            log.error(
                "pools in the config service are invalid; keeping the pools in force: {}",
                e.getMessage());
          }
          poolsHash = h;
        }
      }
      Object timeouts = data.get("timeouts");
      if (timeouts != null) {
        String h = CanonicalJson.sha256(timeouts);
        if (!h.equals(timeoutsHash)) {
          try {
            scheduler.updateTimeouts(TimeoutConfig.parse(CanonicalJson.write(timeouts)));
            changed = true;
          } catch (RuntimeException e) {
            log.error(
                "timeouts in the config service are invalid; keeping the timeouts in"
                    + " force: {}",
                e.getMessage());
          }
          timeoutsHash = h;
        }
      }
      return changed;
    } finally {
      lock.unlock();
    }
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.warn("reloading pools and timeouts from the config service failed: {}", e.toString());
    }
  }

  private void seed() {
    PoolConfig pools = scheduler.pools();
    TimeoutConfig timeouts = scheduler.timeouts();
    boolean[] differs = {false, false};
    config.update(
        ConfigKey.system(),
        data -> {
          if (data.get("pools") == null) {
            data.put("pools", SchedulerConfigs.pools(pools));
          } else {
            differs[0] =
                !CanonicalJson.sha256(data.get("pools"))
                    .equals(CanonicalJson.sha256(SchedulerConfigs.pools(pools)));
          }
          if (data.get("timeouts") == null) {
            data.put("timeouts", SchedulerConfigs.timeouts(timeouts));
          } else {
            differs[1] =
                !CanonicalJson.sha256(data.get("timeouts"))
                    .equals(CanonicalJson.sha256(SchedulerConfigs.timeouts(timeouts)));
          }
          return data;
        });
    if (differs[0] || differs[1]) {
      log.warn(
          "the config service holds other {} than this replica was started with; the"
              + " config service wins (change them with a config write to system/default)",
          differs[0] && differs[1] ? "pools and timeouts" : differs[0] ? "pools" : "timeouts");
    }
  }

  private void localWrite(ConfigKey key) {
    if (!key.equals(ConfigKey.system())) {
      return;
    }
    reloadQuietly();
    try {
      bus.publish(
          SUBJECT,
          BusPacket.of(
              "",
              SENDER,
              clock.instant(),
              SystemAlert.builder()
                  .level("INFO")
                  .component("config")
                  .code("config_changed")
                  .message(key.toString())
                  .build()));
    } catch (RuntimeException e) {
      log.debug(
          "config change announcement failed (others re-read within {}s): {}",
          interval.toSeconds(),
          e.toString());
    }
  }

  /** Stops listening. */
  @Override
  public void close() {
    config.removeListener(listener);
    Subscription s = subscription;
    if (s != null) {
      s.close();
    }
  }
}
