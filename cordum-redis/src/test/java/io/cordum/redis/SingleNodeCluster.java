package io.cordum.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;

/**
 * A private one-node Redis Cluster (cluster mode on, every slot on this node). Redis rejects a
 * command or script whose keys are in different slots with CROSSSLOT even here, so running a store
 * against it proves that every multi-key operation stays in one slot.
 */
final class SingleNodeCluster implements AutoCloseable {
  private final Process process;
  private final int port;

  private SingleNodeCluster(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static SingleNodeCluster start() {
    Path bin = Path.of("/usr/bin/redis-server");
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "redis-server"))) {
        bin = Path.of(dir, "redis-server");
        break;
      }
    }
    if (!Files.isExecutable(bin)) {
      String ci = System.getenv().getOrDefault("CI", "").toLowerCase(Locale.ROOT);
      if (List.of("1", "true", "yes", "y", "on").contains(ci)) {
        throw new AssertionError("redis-server is not on PATH; CI=true, so this is a failure");
      }
      Assumptions.abort("redis-server is not on PATH: skipping the cluster-mode test");
    }
    int port = freePort();
    try {
      Path dir = Files.createTempDirectory("cordum-redis-cluster-");
      Process p =
          new ProcessBuilder(
                  bin.toString(),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  dir.resolve("nodes.conf").toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString(),
                  "--daemonize",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      SingleNodeCluster cluster = new SingleNodeCluster(p, port);
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(() -> cluster.call(j -> j.ping()).equals("PONG"));
      cluster.call(j -> j.clusterAddSlotsRange(0, 16383));
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> cluster.call(Jedis::clusterInfo).contains("cluster_state:ok"));
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  String node() {
    return "127.0.0.1:" + port;
  }

  private <T> T call(java.util.function.Function<Jedis, T> f) {
    try (Jedis j = new Jedis("127.0.0.1", port)) {
      return f.apply(j);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
