package io.cordum.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/** A server process of a cluster (a NATS node, a Redis node): restartable with the same data. */
final class ServerProc {
  private final String name;
  private final List<String> command;
  private final Path dir;
  private final int port;
  private @Nullable Process process;

  ServerProc(String name, List<String> command, Path dir, int port) {
    this.name = name;
    this.command = List.copyOf(command);
    this.dir = dir;
    this.port = port;
  }

  int port() {
    return port;
  }

  String name() {
    return name;
  }

  /** Starts the process and waits until its port accepts connections. */
  void start() {
    try {
      Files.createDirectories(dir);
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + dir.resolve(name + ".log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        LockSupport.parkNanos(50_000_000L); // polling a child's port
      }
    }
    throw new IllegalStateException(name + " did not listen on " + port);
  }

  /** SIGKILL. */
  void kill9() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    process = null;
  }

  boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** A free loopback port. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free loopback port whose Redis Cluster bus port (the port + 10000) is free too: with only the
   * first checked, a node sometimes failed with "Failed listening on port ... (cluster)".
   */
  static int freePortWithClusterBus() {
    for (int i = 0; i < 100; i++) {
      int port = freePort();
      if (port + 10_000 > 65_535) {
        continue;
      }
      try (ServerSocket s =
          new ServerSocket(port + 10_000, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new IllegalStateException("no free port with a free cluster bus port");
  }

  /** The first binary of that name on the usual paths, or a clear failure. */
  static String binary(String name) {
    for (String d :
        (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/usr/local/bin")
            .split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(name + " is not on PATH");
  }
}
