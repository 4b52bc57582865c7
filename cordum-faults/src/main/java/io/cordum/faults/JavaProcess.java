package io.cordum.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the suite's JVMs: started with this JVM's class path, its output appended to a log file,
 * killed with SIGKILL ({@link #kill9()}). Only processes started here are ever killed.
 */
final class JavaProcess {
  private static final List<String> JVM_FLAGS =
      List.of(
          "-Xmx256m",
          "-Xss512k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:-UsePerfData");

  private final String name;
  private final Process process;
  private final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code main} with {@code args} and {@code env} added to this process's environment. */
  static JavaProcess start(
      String name, Class<?> main, Map<String, String> env, Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      Files.createDirectories(dir);
      appendMarker(log, "---- start " + name + " " + String.join(" ", args));
      return new JavaProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * This JVM's class path. Under exec:java the project's jars are on the context class loader, not
   * on {@code java.class.path}; under surefire {@code java.class.path} names them (or a jar whose
   * manifest does).
   */
  private static String classPath() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl instanceof URLClassLoader u && u.getURLs().length > 0) {
      List<String> parts = new ArrayList<>();
      for (URL url : u.getURLs()) {
        try {
          parts.add(Path.of(url.toURI()).toString());
        } catch (java.net.URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      return String.join(File.pathSeparator, parts);
    }
    return System.getProperty("java.class.path");
  }

  private static void appendMarker(Path log, String line) throws IOException {
    Files.writeString(
        log,
        line + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the log has a line {@code word} after this start, or fails. */
  void awaitLine(String word, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (linesSinceStart().contains(word)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see " + log);
      }
      LockSupport.parkNanos(50_000_000L); // polling a child's log: there is no event to wait on
    }
    throw new IllegalStateException(
        name + " did not print " + word + " within " + timeout + "; see " + log);
  }

  private List<String> linesSinceStart() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int last = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("---- start ")) {
          last = i;
        }
      }
      return lines.subList(last, lines.size());
    } catch (IOException e) {
      return List.of();
    }
  }

  /** SIGKILL, as a crash would; returns once the process is gone. */
  void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
