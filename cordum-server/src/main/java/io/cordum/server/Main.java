package io.cordum.server;

import io.cordum.api.ValidationException;
import io.cordum.api.config.Settings;
import io.cordum.server.internal.Logging;
import io.cordum.server.internal.SettingsSources;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar cordum-server.jar [--config FILE] [--NAME=value ...]}: runs a {@link
 * CordumServer} until SIGTERM or SIGINT, then stops it gracefully and exits 0.
 *
 * <p>Exit codes: 0 after a clean stop (or {@code --help}), 2 for a bad argument or setting (the
 * message names each), 1 when the server cannot start (a port in use, a backend that does not
 * answer) or a stop overran its time.
 */
public final class Main {
  /** A bad argument or setting. */
  public static final int EXIT_CONFIG = 2;

  /** The server could not start, or could not stop in time. */
  public static final int EXIT_FAILURE = 1;

  private Main() {}

  /** Runs the server. */
  public static void main(String[] args) throws InterruptedException {
    int code = start(List.of(args), System.getenv(), System.err);
    if (code >= 0) {
      System.exit(code);
    }
    // Serving: the shutdown hook stops the server and halts with the exit code.
    new CountDownLatch(1).await();
  }

  /**
   * Starts the server and installs the shutdown hook. Returns -1 while the server runs, or the exit
   * code when it did not start.
   */
  static int start(List<String> args, Map<String, String> env, PrintStream err) {
    SettingsSources sources;
    try {
      sources = SettingsSources.load(args, env);
    } catch (ValidationException e) {
      return invalid(e, err);
    }
    if (sources.help()) {
      System.out.print(USAGE);
      return 0;
    }
    if (sources.version()) {
      String v = Main.class.getPackage().getImplementationVersion();
      System.out.println("cordum-server " + (v == null ? "dev" : v));
      return 0;
    }
    // Before the first logger: the format and level come from the same settings.
    Settings s = sources.settings();
    Logging.configure(
        s.get("CORDUM_LOG_FORMAT").map(Settings.Value::text).orElse("text"),
        s.get("CORDUM_LOG_LEVEL").map(Settings.Value::text).orElse("INFO"));
    CordumServer.Prepared prepared;
    try {
      prepared = CordumServer.builder().args(args).environment(env).build();
    } catch (ValidationException e) {
      return invalid(e, err);
    }
    CordumServer server;
    try {
      server = prepared.start();
    } catch (RuntimeException e) {
      err.println("cordum-server: cannot start: " + e.getMessage());
      org.slf4j.LoggerFactory.getLogger(Main.class).error("cannot start", e);
      Logging.flush();
      return EXIT_FAILURE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "cordum-server-stop"));
    return -1;
  }

  /** Stops the server in order, bounded in time, and halts with 0 (or 1 if it overran). */
  private static void stop(CordumServer server) {
    Duration limit = server.shutdownTimeout().plusSeconds(15);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(limit.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              org.slf4j.LoggerFactory.getLogger(Main.class)
                  .error(
                      "the stop took longer than {}: exiting with what is left unfinished", limit);
              Logging.flush();
              Runtime.getRuntime().halt(EXIT_FAILURE);
            },
            "cordum-server-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    server.close();
    Logging.flush();
    // A JVM stopped by a signal exits 128+signal; a clean stop is not a failure.
    Runtime.getRuntime().halt(0);
  }

  private static int invalid(ValidationException e, PrintStream err) {
    err.println("cordum-server: invalid settings, not started:");
    e.violations().forEach(v -> err.println("  " + v.field() + ": " + v.rule()));
    err.println("(see --help and docs/server.md)");
    err.flush();
    return EXIT_CONFIG;
  }

  static final String USAGE =
      """
      Usage: java -jar cordum-server.jar [--config FILE] [--NAME=value ...]

      Runs the Cordum control plane: scheduler, workflow engine, safety kernel, config
      service, DLQ and the HTTP gateway (/api/v1, /console), with /health, /ready and
      /metrics on a management port.

      Every setting is a variable name (NATS_URL, REDIS_URL, GATEWAY_HTTP_ADDR, ...), given
      as a flag (--NATS_URL=nats://host:4222), in the environment, or in a YAML file
      (--config FILE or CORDUM_CONFIG); flags win over the environment, which wins over the
      file. An unknown name or a bad value stops startup with a message naming it.

      With no NATS_URL and REDIS_URL it runs in memory (data is lost on exit) on
      127.0.0.1:8081 (API) and 127.0.0.1:9092 (management).

      Common settings:
        GATEWAY_HTTP_ADDR        API address, host:port (default 127.0.0.1:8081)
        GATEWAY_METRICS_ADDR     management address (default 127.0.0.1:9092)
        NATS_URL, REDIS_URL      the bus and the stores (default: in memory)
        CORDUM_API_KEYS          API keys; with none, only a loopback address is allowed
        CORDUM_AUTH_DISABLED     true to serve without keys on any address
        CORDUM_AUTH_PROVIDER     api-keys (default: one tenant, every key admin) or
                                 key-store (keys with tenants and roles)
        SAFETY_POLICY_PATH       the safety policy file
        CORDUM_LOG_FORMAT        text (default) or json
        CORDUM_SHUTDOWN_TIMEOUT  grace period of a stop (default 20s)

      Exit codes: 0 clean stop, 1 cannot start, 2 bad setting.
      """;
}
