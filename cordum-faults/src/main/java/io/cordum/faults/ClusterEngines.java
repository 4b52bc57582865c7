package io.cordum.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Clustered engines, all local: a three-node NATS cluster with JetStream (streams with three
 * replicas, {@code NATS_JS_REPLICAS=3}) and a Redis Cluster of three masters with one replica each
 * (AOF, fsync always, node timeout 2 s). {@link #killNats()} kills one NATS node; {@link
 * #killRedis()} kills the master that holds the job store's slot (the {@code {cordum}} hash tag),
 * so its replica has to take over; each is restarted later with its data (the old master rejoins as
 * a replica).
 */
final class ClusterEngines implements Engines {
  private final List<ServerProc> nats = new ArrayList<>();
  private final List<ServerProc> redis = new ArrayList<>();
  private @Nullable ServerProc killedRedis;

  private ClusterEngines() {}

  static ClusterEngines start(Path runDir) {
    // Absolute: each server runs in its own directory, where a relative --dir or -sd would not
    // resolve (redis-server refuses to start).
    Path dir = runDir.toAbsolutePath();
    ClusterEngines e = new ClusterEngines();
    try {
      e.startNats(dir.resolve("nats"));
      e.startRedis(dir.resolve("redis"));
      return e;
    } catch (RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  private void startNats(Path dir) {
    int[] client = new int[3];
    int[] route = new int[3];
    for (int i = 0; i < 3; i++) {
      client[i] = ServerProc.freePort();
      route[i] = ServerProc.freePort();
    }
    String routes =
        java.util.Arrays.stream(route)
            .mapToObj(p -> "nats://127.0.0.1:" + p)
            .collect(Collectors.joining(","));
    String bin = ServerProc.binary("nats-server");
    for (int i = 0; i < 3; i++) {
      Path d = dir.resolve("n" + (i + 1));
      nats.add(
          new ServerProc(
              "nats-" + (i + 1),
              List.of(
                  bin,
                  "-a",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(client[i]),
                  "-n",
                  "n" + (i + 1),
                  "-js",
                  "-sd",
                  d.resolve("js").toString(),
                  "--cluster_name",
                  "cordum",
                  "--cluster",
                  "nats://127.0.0.1:" + route[i],
                  "--routes",
                  routes),
              d,
              client[i]));
    }
    nats.forEach(ServerProc::start);
    awaitJetStream();
  }

  /**
   * JetStream needs its meta leader elected before streams can be made, which on a busy machine
   * takes more than a few seconds: waits until the cluster answers a JetStream request (a process
   * that starts earlier fails with "JetStream ... is not available").
   */
  private void awaitJetStream() {
    String urls =
        nats.stream().map(n -> "nats://127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (io.nats.client.Connection c =
          io.nats.client.Nats.connect(
              new io.nats.client.Options.Builder().servers(urls.split(",")).build())) {
        c.jetStreamManagement(
                io.nats.client.JetStreamOptions.builder()
                    .requestTimeout(Duration.ofSeconds(2))
                    .build())
            .getAccountStatistics();
        return;
      } catch (Exception e) { // IOException, JetStreamApiException, InterruptedException
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        last = e;
        LockSupport.parkNanos(500_000_000L); // polling the servers' election
      }
    }
    throw new IllegalStateException(
        "the NATS cluster's JetStream did not answer within 60 s", last);
  }

  private void startRedis(Path dir) {
    String bin = ServerProc.binary("redis-server");
    for (int i = 0; i < 6; i++) {
      int port = ServerProc.freePortWithClusterBus();
      Path d = dir.resolve("r" + (i + 1));
      redis.add(
          new ServerProc(
              "redis-" + (i + 1),
              List.of(
                  bin,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "yes",
                  "--appendfsync",
                  "always",
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  "nodes.conf",
                  "--cluster-node-timeout",
                  "2000",
                  "--dir",
                  d.toString()),
              d,
              port));
    }
    redis.forEach(ServerProc::start);
    List<String> cmd =
        new ArrayList<>(List.of(ServerProc.binary("redis-cli"), "--cluster", "create"));
    redis.forEach(r -> cmd.add("127.0.0.1:" + r.port()));
    cmd.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    run(cmd);
    awaitClusterOk(redis.get(0));
  }

  @Override
  public Map<String, String> env(boolean jetStream) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        "NATS_URL",
        nats.stream().map(n -> "nats://127.0.0.1:" + n.port()).collect(Collectors.joining(",")));
    env.put("NATS_USE_JETSTREAM", Boolean.toString(jetStream));
    env.put("NATS_JS_REPLICAS", "3");
    // REDIS_URL selects the Redis backend; REDIS_CLUSTER_ADDRESSES (more than one) makes it a
    // cluster client (alone it is refused as having no effect).
    env.put("REDIS_URL", "redis://127.0.0.1:" + redis.get(0).port());
    env.put(
        "REDIS_CLUSTER_ADDRESSES",
        redis.stream().map(r -> "127.0.0.1:" + r.port()).collect(Collectors.joining(",")));
    return env;
  }

  @Override
  public void killNats() {
    nats.get(0).kill9();
  }

  @Override
  public void restartNats() {
    nats.get(0).start();
  }

  @Override
  public void killRedis() {
    ServerProc master = masterOfJobStore();
    master.kill9();
    killedRedis = master;
  }

  @Override
  public void restartRedis() {
    if (killedRedis != null) {
      killedRedis.start();
      ServerProc other = redis.stream().filter(r -> r != killedRedis).findFirst().orElseThrow();
      awaitClusterOk(other);
      killedRedis = null;
    }
  }

  /** The master serving the slot of {@code {cordum}}, the job store's hash tag. */
  private ServerProc masterOfJobStore() {
    ServerProc any = redis.stream().filter(ServerProc::isAlive).findFirst().orElseThrow();
    String slot = cli(any, "CLUSTER", "KEYSLOT", "{cordum}").trim();
    for (String line : cli(any, "CLUSTER", "NODES").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
        continue;
      }
      for (int i = 8; i < f.length; i++) {
        String[] range = f[i].split("-");
        int lo = Integer.parseInt(range[0]);
        int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
        int s = Integer.parseInt(slot);
        if (s >= lo && s <= hi) {
          int port =
              Integer.parseInt(
                  f[1].substring(
                      f[1].indexOf(':') + 1,
                      f[1].indexOf('@') < 0 ? f[1].length() : f[1].indexOf('@')));
          return redis.stream().filter(r -> r.port() == port).findFirst().orElseThrow();
        }
      }
    }
    throw new IllegalStateException("no master holds slot " + slot);
  }

  private static void awaitClusterOk(ServerProc node) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (cli(node, "CLUSTER", "INFO").contains("cluster_state:ok")) {
        return;
      }
      LockSupport.parkNanos(200_000_000L);
    }
    throw new IllegalStateException("the Redis Cluster did not become ok");
  }

  private static String cli(ServerProc node, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(ServerProc.binary("redis-cli"), "-p", Integer.toString(node.port())));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(cmd + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String describe() {
    return "3 nats-server nodes (JetStream, R3), Redis Cluster 3 masters + 3 replicas (AOF)";
  }

  @Override
  public void close() {
    nats.forEach(ServerProc::kill9);
    redis.forEach(ServerProc::kill9);
  }
}
