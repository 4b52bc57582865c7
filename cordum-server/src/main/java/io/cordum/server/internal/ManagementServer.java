package io.cordum.server.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cordum.api.health.Health;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The management port: {@code GET /health} (the process is alive), {@code GET /ready} (it serves
 * and its stores and bus answer: 200, else 503 with the reason) and {@code GET /metrics}
 * (Prometheus text). It is a listener of its own, so that probes and scrapes neither pass the
 * gateway's auth and rate limit nor count in its request metrics, and it can stay off the public
 * interface. The JDK's small HTTP server is enough for three routes.
 */
public final class ManagementServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Binds (not yet serving).
   *
   * @param host the address
   * @param port the port, 0 for a free one
   * @param serving whether the gateway serves (false while starting and once stopping)
   * @param health the backends' health
   * @param metrics the Prometheus text
   */
  public ManagementServer(
      String host,
      int port,
      BooleanSupplier serving,
      Supplier<List<Health>> health,
      Supplier<String> metrics)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "cordum-management");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/health",
        ex -> {
          if (method(ex)) {
            send(ex, 200, "application/json", "{\"status\":\"UP\"}\n");
          }
        });
    server.createContext(
        "/ready",
        ex -> {
          if (!method(ex)) {
            return;
          }
          if (!serving.getAsBoolean()) {
            send(ex, 503, "application/json", "{\"status\":\"DOWN\",\"reason\":\"not serving\"}\n");
            return;
          }
          List<Health> hs = health.get();
          boolean ok = hs.stream().allMatch(Health::ok);
          StringBuilder b =
              new StringBuilder("{\"status\":\"")
                  .append(ok ? "UP" : "DOWN")
                  .append("\",\"backends\":[");
          for (int i = 0; i < hs.size(); i++) {
            Health h = hs.get(i);
            b.append(i == 0 ? "" : ",")
                .append("{\"backend\":")
                .append(quote(h.backend()))
                .append(",\"ok\":")
                .append(h.ok())
                .append(",\"status\":")
                .append(quote(h.status()))
                .append(",\"target\":")
                .append(quote(h.target()));
            if (!h.error().isEmpty()) {
              b.append(",\"error\":").append(quote(h.error()));
            }
            b.append('}');
          }
          send(ex, ok ? 200 : 503, "application/json", b.append("]}\n").toString());
        });
    server.createContext(
        "/metrics",
        ex -> {
          if (method(ex)) {
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
          }
        });
    server.createContext(
        "/", ex -> send(ex, 404, "text/plain; charset=utf-8", "404 page not found\n"));
  }

  /** Starts serving. */
  public void start() {
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base address, such as {@code http://127.0.0.1:9092}. */
  public URI uri(String host) {
    String h =
        host.equals("0.0.0.0") || host.equals("::")
            ? "127.0.0.1"
            : host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static boolean method(HttpExchange ex) throws IOException {
    String m = ex.getRequestMethod();
    if (m.equals("GET") || m.equals("HEAD")) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", "GET, HEAD");
    send(ex, 405, "text/plain; charset=utf-8", "Method Not Allowed\n");
    return false;
  }

  private static void send(HttpExchange ex, int status, String type, @Nullable String body)
      throws IOException {
    try (ex) {
      byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
