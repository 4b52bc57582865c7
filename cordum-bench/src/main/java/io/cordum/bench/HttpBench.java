package io.cordum.bench;

import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.gateway.Gateway;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.testkit.http.RawHttp;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The gateway over loopback, beside its floors, in one run against one server.
 *
 * <p>HTTP rows: {@code window} client connections (HTTP/1.1 keep-alive, one thread each, a lean
 * raw-socket client) send requests back to back: {@code GET /health} (the floor: the server, its
 * middleware and the client, with no work), then {@code POST /api/v1/jobs} (auth, validation, the
 * job saved and published: the answer is the accepted job, not its end), then the same submit in
 * process ({@code cordum.jobs().submit} from {@code window} threads, no HTTP). Two no-op workers
 * run the submitted jobs meanwhile, as in a real deployment; each row waits until its jobs have
 * ended before the next starts.
 *
 * <p>Stream rows: {@code clients} WebSocket clients on {@code /api/v1/stream} (heartbeat events
 * only), then events published on the bus at a fixed rate for a few seconds; each event carries its
 * publish time, and each client records the lag to its arrival. Reported: events delivered per
 * second (to all clients together), lag p50/p99, and clients closed as too slow (the rows of {@link
 * StreamBench}, which also runs the one-client baseline).
 *
 * <p>Settings: the defaults a user gets (in-memory backends, {@code GatewayConfig} defaults, one
 * API key) except the per-key rate limit, which is off (its default, 50/s, would be the
 * measurement); the port is a free one.
 *
 * <p>Run: {@code ./mvnw -B -q -pl cordum-bench -am -DskipTests package exec:java
 * -Dexec.mainClass=io.cordum.bench.HttpBench -Dexec.args="20000 1,64 100 1000,5000,20000 5"}
 * (requests per HTTP row, windows, stream clients, event rates per second, seconds per rate).
 */
public final class HttpBench {
  private static final String KEY = StreamBench.KEY;
  private static final String SUBMIT_BODY = "{\"prompt\":\"bench\",\"topic\":\"job.bench\"}";

  private HttpBench() {}

  /** Runs every row and prints two Markdown tables. */
  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int[] windows = ints(args.length > 1 ? args[1] : "1,64");
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int[] rates = ints(args.length > 3 ? args[3] : "1000,5000,20000");
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 5;

    GatewayConfig cfg =
        GatewayConfig.builder().port(0).apiKeys(ApiKeys.of(KEY)).rateLimitPerSecond(0).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Cordum cordum =
            Cordum.builder()
                .pools(PoolConfig.builder().topic("job.bench", "bench").pool("bench").build())
                .build()
                .start();
        Gateway gateway =
            Gateway.builder().cordum(cordum).config(cfg).meterRegistry(registry).build().start()) {
      List<CordumWorker> workers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        workers.add(
            CordumWorker.builder()
                .workerId("bench-" + i)
                .pool("bench")
                .topics("job.bench")
                .maxParallel(64)
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .handler(job -> JobOutput.empty())
                .build()
                .start());
      }
      int port = gateway.port();
      // Warm-up (JIT), not reported.
      health(port, Math.max(1000, requests / 4), 8);
      httpSubmit(cordum, port, Math.max(1000, requests / 4), 8);
      inProcess(cordum, Math.max(1000, requests / 4), 8);

      List<Result> rows = new ArrayList<>();
      for (int w : windows) {
        rows.add(health(port, requests, w));
        rows.add(httpSubmit(cordum, port, requests, w));
        rows.add(inProcess(cordum, requests, w));
      }
      System.out.println();
      System.out.println(
          Result.header().replace("jobs/s", "req/s ").replace("   jobs |", "   reqs |"));
      rows.forEach(r -> System.out.println(r.row()));

      System.out.println();
      System.out.println(StreamBench.Row.HEADER);
      StreamBench.stream(cordum, registry, port, clients, 500, 1); // warm-up
      for (int rate : rates) {
        System.out.println(
            StreamBench.stream(cordum, registry, port, clients, rate, seconds).markdown());
      }
      for (CordumWorker w : workers) {
        w.close();
      }
    }
    System.exit(0);
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  /** One keep-alive connection per thread, requests back to back. */
  interface Call {
    /** Sends one request; returns the response body. */
    byte[] send(RawHttp http) throws Exception;
  }

  private static Result httpRow(
      String name,
      int port,
      int requests,
      int window,
      Call call,
      @Nullable ConcurrentLinkedQueue<byte[]> bodies)
      throws Exception {
    Histogram h = new Histogram();
    ExecutorService pool = Executors.newFixedThreadPool(window);
    AtomicInteger left = new AtomicInteger(requests);
    CountDownLatch ready = new CountDownLatch(window);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> tasks = new ArrayList<>();
    for (int t = 0; t < window; t++) {
      tasks.add(
          pool.submit(
              () -> {
                try (RawHttp http = new RawHttp("127.0.0.1", port, 30_000)) {
                  call.send(http); // opens the connection before the clock starts
                  ready.countDown();
                  go.await();
                  while (left.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    byte[] body = call.send(http);
                    h.record(System.nanoTime() - t0);
                    if (bodies != null) {
                      bodies.add(body);
                    }
                  }
                }
                return null;
              }));
    }
    ready.await();
    long begin = System.nanoTime();
    go.countDown();
    for (Future<?> f : tasks) {
      f.get();
    }
    double secs = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    return new Result(name, window, requests, secs, h.percentileMicros(50), h.percentileMicros(99));
  }

  private static byte[] request(String method, String path, @Nullable String body) {
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
            + KEY
            + "\r\n"
            + (body == null
                ? ""
                : "Content-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n")
            + "\r\n"
            + (body == null ? "" : body);
    return head.getBytes(StandardCharsets.UTF_8);
  }

  static Result health(int port, int requests, int window) throws Exception {
    byte[] req = request("GET", "/health", null);
    return httpRow(
        "floor: GET /health",
        port,
        requests,
        window,
        http -> {
          RawHttp.Response r = http.send(req, false);
          if (r.status() != 200) {
            throw new IllegalStateException("/health answered " + r.status());
          }
          return r.body();
        },
        null);
  }

  static Result httpSubmit(Cordum cordum, int port, int requests, int window) throws Exception {
    byte[] req = request("POST", "/api/v1/jobs", SUBMIT_BODY);
    ConcurrentLinkedQueue<byte[]> bodies = new ConcurrentLinkedQueue<>();
    Result r =
        httpRow(
            "POST /api/v1/jobs",
            port,
            requests,
            window,
            http -> {
              RawHttp.Response resp = http.send(req, false);
              if (resp.status() != 200) {
                throw new IllegalStateException(
                    "submit answered "
                        + resp.status()
                        + " "
                        + new String(resp.body(), StandardCharsets.UTF_8));
              }
              return resp.body();
            },
            bodies);
    List<String> ids = new ArrayList<>();
    for (byte[] b : bodies) {
      String s = new String(b, StandardCharsets.UTF_8);
      int i = s.indexOf("\"job_id\":\"") + 10;
      ids.add(s.substring(i, s.indexOf('"', i)));
    }
    awaitEnded(cordum, ids);
    return r;
  }

  static Result inProcess(Cordum cordum, int requests, int window) throws Exception {
    Histogram h = new Histogram();
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(window);
    AtomicInteger left = new AtomicInteger(requests);
    JobSubmission submission =
        JobSubmission.builder().topic("job.bench").input("{\"prompt\":\"bench\"}").build();
    long begin = System.nanoTime();
    List<Future<?>> tasks = new ArrayList<>();
    for (int t = 0; t < window; t++) {
      tasks.add(
          pool.submit(
              () -> {
                while (left.getAndDecrement() > 0) {
                  long t0 = System.nanoTime();
                  ids.add(cordum.jobs().submit(submission).jobId());
                  h.record(System.nanoTime() - t0);
                }
                return null;
              }));
    }
    for (Future<?> f : tasks) {
      f.get();
    }
    double secs = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    awaitEnded(cordum, new ArrayList<>(ids));
    return new Result(
        "in process: jobs().submit",
        window,
        requests,
        secs,
        h.percentileMicros(50),
        h.percentileMicros(99));
  }

  /** Waits until every job ended, so that a row's jobs do not run into the next row. */
  private static void awaitEnded(Cordum cordum, List<String> ids) throws Exception {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (String id : ids) {
      all.add(cordum.jobs().awaitTerminal(id));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
  }
}
