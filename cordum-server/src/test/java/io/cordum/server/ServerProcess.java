package io.cordum.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar cordum-server.jar} as a child process on free ports, with its output in a file.
 * Closing it kills it if a test left it running.
 */
final class ServerProcess implements AutoCloseable {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  final Path output;
  final int apiPort;
  final int managementPort;

  private ServerProcess(Process process, Path output, int apiPort, int managementPort) {
    this.process = process;
    this.output = output;
    this.apiPort = apiPort;
    this.managementPort = managementPort;
  }

  /** The packaged jar (set by failsafe; the module's target directory otherwise). */
  static Path jar() {
    String p = System.getProperty("cordum.server.jar");
    Path jar = p != null ? Path.of(p) : Path.of("target", "cordum-server.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": run mvn package first");
    }
    return jar;
  }

  /** Starts the jar with the arguments (ports are added) and extra environment variables. */
  static ServerProcess start(List<String> args, Map<String, String> env) throws IOException {
    int api = freePort();
    int mgmt = freePort();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString(),
                "--GATEWAY_HTTP_ADDR=127.0.0.1:" + api,
                "--GATEWAY_METRICS_ADDR=127.0.0.1:" + mgmt));
    cmd.addAll(args);
    return launch(cmd, env, api, mgmt);
  }

  /** Starts the jar with exactly these arguments. */
  static ServerProcess startRaw(List<String> args, Map<String, String> env) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString()));
    cmd.addAll(args);
    return launch(cmd, env, -1, -1);
  }

  private static ServerProcess launch(List<String> cmd, Map<String, String> env, int api, int mgmt)
      throws IOException {
    Path out = Files.createTempFile("cordum-server", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    // The test's own backend variables must not leak into an in-memory server.
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("NATS_")
                    || k.startsWith("REDIS_")
                    || k.startsWith("CORDUM_")
                    || k.startsWith("GATEWAY_")
                    || k.startsWith("OTEL_")
                    || k.startsWith("SAFETY_"));
    pb.environment().putAll(env);
    return new ServerProcess(pb.start(), out, api, mgmt);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  URI api(String path) {
    return URI.create("http://127.0.0.1:" + apiPort + path);
  }

  URI management(String path) {
    return URI.create("http://127.0.0.1:" + managementPort + path);
  }

  /** Waits until {@code /ready} answers 200 (or the process died). */
  ServerProcess awaitReady() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "the server exited with " + process.exitValue() + ":\n" + output());
              }
              try {
                return get(management("/ready")).statusCode() == 200;
              } catch (IOException e) {
                return false;
              }
            });
    return this;
  }

  /** Waits for the exit and returns the code. */
  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + limit + ":\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try {
      Files.deleteIfExists(output);
    } catch (IOException e) {
      // a temp file: left behind
    }
  }
}
