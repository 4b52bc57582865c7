package io.cordum.testkit.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/** A server process the testkit runs, restartable on the same port with the same data dir. */
final class ServerProcess {
  private final String name;
  private final List<String> command;
  private final Path dir;
  private final Predicate<Socket> ready;
  private @Nullable Process process;

  ServerProcess(String name, List<String> command, Path dir, Predicate<Socket> ready) {
    this.name = name;
    this.command = List.copyOf(command);
    this.dir = dir;
    this.ready = ready;
  }

  Path dir() {
    return dir;
  }

  void start(int port, Duration timeout) {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve(name + ".log")
                + ": "
                + tail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        s.setSoTimeout(1000);
        if (ready.test(s)) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      pause();
    }
    stop(true);
    throw new IllegalStateException(
        name + " did not come up on port " + port + " within " + timeout + ": " + tail());
  }

  /** Stops the process: gracefully (SIGTERM) or by force (SIGKILL). */
  void stop(boolean force) {
    Process p = process;
    if (p == null) {
      return;
    }
    if (force) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
    try {
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void pause() {
    // Polling a child process's port: there is no event to wait on.
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }

  /** A free TCP port on the loopback interface. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** The binary's path if it is on PATH. */
  static @Nullable Path onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, binary);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    for (String d : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin")) {
      Path p = Path.of(d, binary);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Whether tests run in CI, where a missing server is a failure rather than a skip. */
  static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null
        && List.of("1", "true", "yes", "y", "on").contains(ci.trim().toLowerCase(Locale.ROOT));
  }

  /** Skips the test (or fails it under CI=true) because a server is unavailable. */
  static RuntimeException unavailable(String what) {
    String msg = what + " is not available: install it on PATH or set the URL variable. ";
    if (inCi()) {
      throw new AssertionError(msg + "CI=true, so this is a failure, not a skip.");
    }
    Assumptions.abort(msg + "Skipping (this would fail with CI=true).");
    return new IllegalStateException("unreachable");
  }
}
