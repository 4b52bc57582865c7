package io.cordum.testkit.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Redis server for tests. {@link #start()} uses {@code CORDUM_TEST_REDIS_URL} when set, otherwise
 * runs a private {@code redis-server} on a free port with an append-only file that is synced on
 * every write, so a killed and restarted server keeps its data. Without either, the test is skipped
 * (failed under {@code CI=true}).
 */
public final class RedisServer extends TestServer {
  /** The variable naming an external server to use instead of a private one. */
  public static final String URL_ENV = "CORDUM_TEST_REDIS_URL";

  private RedisServer(String url, int port, @Nullable ServerProcess process) {
    super(url, port, URL_ENV, process);
  }

  /** A server for the current test, or a skip (failure under CI) when none is available. */
  public static RedisServer start() {
    return start(List.of());
  }

  /**
   * A private server with extra {@code redis-server} arguments, which override the defaults (for
   * example {@code --appendonly no} for a benchmark); an external server is used only when no extra
   * arguments are given.
   */
  public static RedisServer start(List<String> extraArgs) {
    String external = extraArgs.isEmpty() ? System.getenv(URL_ENV) : null;
    if (external != null && !external.isBlank()) {
      URI u = URI.create(external.trim());
      return new RedisServer(external.trim(), u.getPort() < 0 ? 6379 : u.getPort(), null);
    }
    return launch(extraArgs, false);
  }

  /**
   * A private server that speaks only TLS ({@code --port 0 --tls-port <port>}), with the given
   * server certificate and key, and the CA that client certificates must chain to. Its {@link
   * #url()} is {@code rediss://127.0.0.1:<port>}. It counts as up once it accepts connections (its
   * PING check needs a TLS client, and possibly a client certificate).
   *
   * @param requireClientCertificate {@code --tls-auth-clients yes} rather than {@code no}
   */
  public static RedisServer startTls(
      Path cert, Path key, Path ca, boolean requireClientCertificate) {
    return launch(
        List.of(
            "--tls-cert-file",
            cert.toString(),
            "--tls-key-file",
            key.toString(),
            "--tls-ca-cert-file",
            ca.toString(),
            "--tls-auth-clients",
            requireClientCertificate ? "yes" : "no"),
        true);
  }

  private static RedisServer launch(List<String> extraArgs, boolean tls) {
    Path bin = ServerProcess.onPath("redis-server");
    if (bin == null) {
      throw ServerProcess.unavailable("redis-server");
    }
    int port = ServerProcess.freePort();
    Path dir;
    try {
      dir = Files.createTempDirectory("cordum-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                bin.toString(),
                "--port",
                tls ? "0" : Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                dir.toString(),
                "--daemonize",
                "no"));
    if (tls) {
      cmd.addAll(List.of("--tls-port", Integer.toString(port)));
    }
    cmd.addAll(extraArgs); // later options win
    ServerProcess p = new ServerProcess("redis", cmd, dir, tls ? s -> true : RedisServer::pong);
    p.start(port, Duration.ofSeconds(20));
    return new RedisServer((tls ? "rediss" : "redis") + "://127.0.0.1:" + port, port, p);
  }

  private static boolean pong(Socket s) {
    try {
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[7];
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}
