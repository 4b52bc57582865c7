package io.cordum.bench;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.Subjects;
import io.cordum.core.Cordum;
import io.cordum.gateway.Gateway;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.auth.ApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Event delivery lag of the WebSocket stream {@code /api/v1/stream}: {@code N} clients connected,
 * events published on the bus at a fixed rate for a few seconds, each event carrying its publish
 * time ({@code System.nanoTime()} in a label; clients and server share the JVM), each client
 * recording the lag to the frame's arrival.
 *
 * <p>Every rate runs first with one client (the baseline: the same server, bus, serialisation and
 * client, with no fan-out), then with each larger client count. Reported per row: events published
 * per second, frames delivered per second (all clients together), lag p50/p99/max, clients the
 * server closed as too slow (close code 1008), the frames those clients missed, and frames still
 * not delivered 60 s after the last publish (a backlog that never drained).
 *
 * <p>Settings: {@code GatewayConfig} defaults (256-event buffer per client unless given, payload
 * wrapper on) with one API key and no rate limit; in-memory backends; clients on {@code
 * java.net.http} (one {@code HttpClient}, so one selector thread, per 25 clients) in the same JVM.
 *
 * <p>Run: {@code ./mvnw -B -q -pl cordum-bench -am -DskipTests package exec:java
 * -Dexec.mainClass=io.cordum.bench.StreamBench -Dexec.args="1,100 1000,5000,20000 5 256"} (client
 * counts, event rates per second, seconds per row, and optionally the buffer per client, {@code
 * CORDUM_STREAM_CLIENT_BUFFER}, default 256).
 */
public final class StreamBench {
  static final String KEY = "bench-key";
  private static final int CLIENTS_PER_HTTP_CLIENT = 25;
  private static final List<HttpClient> HTTP = new ArrayList<>();

  private StreamBench() {}

  /** Runs every row and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    int[] clientCounts = ints(args.length > 0 ? args[0] : "1,100");
    int[] rates = ints(args.length > 1 ? args[1] : "1000,5000,20000");
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int buffer =
        args.length > 3 ? Integer.parseInt(args[3]) : GatewayConfig.DEFAULT.streamClientBuffer();
    GatewayConfig cfg =
        GatewayConfig.builder()
            .port(0)
            .apiKeys(ApiKeys.of(KEY))
            .rateLimitPerSecond(0)
            .streamClientBuffer(buffer)
            .build();
    System.out.println(
        "stream buffer per client: "
            + buffer
            + " events; "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs; Java "
            + System.getProperty("java.version"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Cordum cordum = Cordum.builder().build().start();
        Gateway gateway =
            Gateway.builder().cordum(cordum).config(cfg).meterRegistry(registry).build().start()) {
      int max = Arrays.stream(clientCounts).max().orElse(1);
      stream(cordum, registry, gateway.port(), max, 500, 2); // warm-up (JIT), not reported
      System.out.println();
      System.out.println(Row.HEADER);
      for (int rate : rates) {
        for (int clients : clientCounts) {
          System.out.println(
              stream(cordum, registry, gateway.port(), clients, rate, seconds).markdown());
        }
      }
    }
    System.exit(0);
  }

  static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  /** One row's figures. */
  record Row(
      int clients,
      int rate,
      int seconds,
      double published,
      double delivered,
      double p50Ms,
      double p99Ms,
      double maxMs,
      long closed,
      long missed,
      long late) {
    static final String HEADER =
        "| clients | events/s for s | events/s published "
            + "| frames/s delivered | lag p50 (ms) | lag p99 (ms) | lag max (ms) "
            + "| closed (1008) | frames missed by closed clients | frames not delivered in 60 s |"
            + "\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|";

    String markdown() {
      return String.format(
          "| %d | %d for %d s | %,.0f | %,.0f | %.2f | %.2f | %.2f | %d | %,d | %,d |",
          clients, rate, seconds, published, delivered, p50Ms, p99Ms, maxMs, closed, missed, late);
    }
  }

  /** A stream client that records the lag of each benchmark event. */
  static final class Client implements WebSocket.Listener {
    final Histogram lag = new Histogram();
    final AtomicLong received = new AtomicLong();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile long lastArrival;
    private final StringBuilder part = new StringBuilder();

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        long now = System.nanoTime();
        int i = part.indexOf("\"bench_t\":\"");
        if (i >= 0) {
          int from = i + 11;
          long sent = Long.parseLong(part.substring(from, part.indexOf("\"", from)));
          lag.record(now - sent);
          received.incrementAndGet();
          lastArrival = now;
        }
        part.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      closed.complete(code);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(-1);
    }
  }

  /**
   * Connects {@code clients} clients on {@code ?kind=heartbeat}, publishes {@code rate} events a
   * second for {@code seconds} seconds, waits (up to 60 s) until every client got every event or
   * was closed, and closes the clients.
   */
  static Row stream(
      Cordum cordum, MeterRegistry registry, int port, int clients, int rate, int seconds)
      throws Exception {
    long drained = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (connected(registry) > 0 && System.nanoTime() < drained) { // the last row's clients
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    List<Client> listeners = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      if (i / CLIENTS_PER_HTTP_CLIENT == HTTP.size()) {
        HTTP.add(HttpClient.newHttpClient()); // kept for later rows (Java 17 cannot close one)
      }
      Client c = new Client();
      listeners.add(c);
      sockets.add(
          HTTP.get(i / CLIENTS_PER_HTTP_CLIENT)
              .newWebSocketBuilder()
              .header("X-API-Key", KEY)
              .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream?kind=heartbeat"), c)
              .get(30, TimeUnit.SECONDS));
    }
    // The server registers a client just after its handshake: wait until every one is counted.
    long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (connected(registry) < clients && System.nanoTime() < ready) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    int events = rate * seconds;
    long interval = 1_000_000_000L / rate;
    long begin = System.nanoTime();
    for (int i = 0; i < events; i++) {
      long due = begin + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      cordum
          .bus()
          .publish(
              Subjects.HEARTBEAT,
              BusPacket.of(
                  "bench",
                  "bench",
                  Instant.now(),
                  Heartbeat.builder()
                      .workerId("bench-stream")
                      .pool("none")
                      .labels(Map.of("bench_t", Long.toString(System.nanoTime())))
                      .build()));
    }
    double publishSecs = (System.nanoTime() - begin) / 1e9;
    long expected = (long) events * clients;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline
        && received(listeners) + missed(listeners, events) < expected) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    long delivered = received(listeners);
    long last = listeners.stream().mapToLong(c -> c.lastArrival).max().orElse(begin);
    long closed = listeners.stream().filter(c -> c.closed.isDone()).count();
    long missed = missed(listeners, events);
    Histogram all = new Histogram();
    listeners.forEach(c -> all.addAll(c.lag));
    for (WebSocket ws : sockets) {
      ws.abort();
    }
    double deliverSecs = Math.max(publishSecs, (last - begin) / 1e9);
    return new Row(
        clients,
        rate,
        seconds,
        events / publishSecs,
        delivered / deliverSecs,
        all.percentileMicros(50) / 1000,
        all.percentileMicros(99) / 1000,
        all.percentileMicros(100) / 1000,
        closed,
        missed,
        expected - delivered - missed);
  }

  private static long received(List<Client> listeners) {
    return listeners.stream().mapToLong(c -> c.received.get()).sum();
  }

  /** Events a closed client will never receive (so the wait does not hang on them). */
  private static long missed(List<Client> listeners, int events) {
    return listeners.stream()
        .filter(c -> c.closed.isDone())
        .mapToLong(c -> events - c.received.get())
        .sum();
  }

  /** Stream clients the server counts (its gauge). */
  static double connected(MeterRegistry registry) {
    var g = registry.find("cordum.gateway.stream.clients").gauge();
    return g == null ? Double.MAX_VALUE : g.value();
  }
}
