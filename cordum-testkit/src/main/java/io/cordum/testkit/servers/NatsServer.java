package io.cordum.testkit.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * A NATS server with JetStream for tests. {@link #start()} uses {@code CORDUM_TEST_NATS_URL} when
 * set, otherwise runs a private {@code nats-server -js} on a free port with its own store
 * directory, kept across {@link #restart()}. Without either, the test is skipped (failed under
 * {@code CI=true}).
 */
public final class NatsServer extends TestServer {
  /** The variable naming an external server to use instead of a private one. */
  public static final String URL_ENV = "CORDUM_TEST_NATS_URL";

  private NatsServer(String url, int port, @Nullable ServerProcess process) {
    super(url, port, URL_ENV, process);
  }

  /** A server for the current test, or a skip (failure under CI) when none is available. */
  public static NatsServer start() {
    return start(List.of());
  }

  /**
   * A private server with extra {@code nats-server} arguments (for example {@code --tls --tlscert
   * c.pem --tlskey k.pem}); an external server is used only when no extra arguments are given.
   */
  public static NatsServer start(List<String> extraArgs) {
    return start(extraArgs, true);
  }

  /** A private server without JetStream (core NATS only), never an external one. */
  public static NatsServer startWithoutJetStream() {
    return start(List.of(), false);
  }

  /**
   * The ports of a local NATS cluster of {@code nodes} nodes, for {@link #startClusterNode}: a
   * client port and a route port each, all free now.
   *
   * @return {@code [node][0]} the client port, {@code [node][1]} the route port
   */
  public static int[][] clusterPorts(int nodes) {
    int[][] out = new int[nodes][2];
    for (int i = 0; i < nodes; i++) {
      out[i][0] = ServerProcess.freePort();
      out[i][1] = ServerProcess.freePort();
    }
    return out;
  }

  /**
   * Starts node {@code node} of a local JetStream cluster named {@code cordum} (never an external
   * server), routed to every other node of {@code ports}. It is returned as soon as it accepts
   * clients, which is before JetStream has a meta leader: that needs a majority of the nodes.
   */
  public static NatsServer startClusterNode(int[][] ports, int node) {
    Path bin = ServerProcess.onPath("nats-server");
    if (bin == null) {
      throw ServerProcess.unavailable("nats-server");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("cordum-nats-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder routes = new StringBuilder();
    for (int[] p : ports) {
      routes.append(routes.length() == 0 ? "" : ",").append("nats://127.0.0.1:").append(p[1]);
    }
    int port = ports[node][0];
    List<String> cmd =
        List.of(
            bin.toString(),
            "-a",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-n",
            "n" + node,
            "-js",
            "-sd",
            dir.resolve("js").toString(),
            "--cluster_name",
            "cordum",
            "--cluster",
            "nats://127.0.0.1:" + ports[node][1],
            "--routes",
            routes.toString());
    ServerProcess p = new ServerProcess("nats-n" + node, cmd, dir, NatsServer::info);
    p.start(port, Duration.ofSeconds(20));
    return new NatsServer("nats://127.0.0.1:" + port, port, p);
  }

  private static NatsServer start(List<String> extraArgs, boolean jetStream) {
    String external = extraArgs.isEmpty() && jetStream ? System.getenv(URL_ENV) : null;
    if (external != null && !external.isBlank()) {
      URI u = URI.create(external.trim());
      return new NatsServer(external.trim(), u.getPort() < 0 ? 4222 : u.getPort(), null);
    }
    Path bin = ServerProcess.onPath("nats-server");
    if (bin == null) {
      throw ServerProcess.unavailable("nats-server");
    }
    int port = ServerProcess.freePort();
    Path dir;
    try {
      dir = Files.createTempDirectory("cordum-nats-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(bin.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)));
    if (jetStream) {
      cmd.addAll(List.of("-js", "-sd", dir.resolve("js").toString()));
    }
    cmd.addAll(extraArgs);
    ServerProcess p =
        new ServerProcess(
            "nats", cmd, dir, jetStream ? NatsServer::jetStreamInfo : NatsServer::info);
    p.start(port, Duration.ofSeconds(20));
    String scheme = extraArgs.contains("--tls") ? "tls" : "nats";
    return new NatsServer(scheme + "://127.0.0.1:" + port, port, p);
  }

  private static boolean info(Socket s) {
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String line = r.readLine();
      return line != null && line.startsWith("INFO ");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean jetStreamInfo(Socket s) {
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String line = r.readLine();
      return line != null && line.startsWith("INFO ") && line.contains("\"jetstream\":true");
    } catch (IOException e) {
      return false;
    }
  }
}
