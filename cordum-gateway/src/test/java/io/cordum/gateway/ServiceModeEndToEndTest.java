package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.nats.NatsBusModule;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Service mode end to end (issue 11): a control plane on NATS (JetStream) + Redis with the gateway,
 * a worker in <em>another JVM</em> that knows only NATS and Redis, and two tenants' keys. A job
 * submitted over HTTP is run by that process, its result is read back over HTTP, and each tenant's
 * stream carries its own job's events and never the other tenant's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceModeEndToEndTest {
  NatsServer nats;
  RedisServer redis;
  Cordum cordum;
  Gateway gateway;
  Process worker;
  long workerPid;
  Http acme;
  Http globex;

  @BeforeAll
  void start() throws Exception {
    nats = NatsServer.start();
    redis = RedisServer.start();
    String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    cordum =
        Cordum.builder()
            .pools(PoolConfig.builder().topic("job.e2e", "e2e").pool("e2e").build())
            .modules(
                new NatsBusModule(
                    NatsConfig.builder()
                        .url(nats.url())
                        .jetStream(true)
                        .ackWait(Duration.ofSeconds(5))
                        .build()),
                new RedisStoresModule(
                    RedisConfig.builder().url(redis.url()).keyPrefix(prefix).build()))
            .build()
            .start();
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .authProvider(new TwoTenantKeys())
            .config(GatewayConfig.builder().port(0).build())
            .build()
            .start();
    acme = new Http(gateway.uri()).with("X-API-Key", TwoTenantKeys.ACME);
    globex = new Http(gateway.uri()).with("X-API-Key", TwoTenantKeys.GLOBEX);
    worker = startWorker(nats.url(), redis.url(), prefix, "proc-worker");
  }

  /** Starts {@link WorkerProcessMain} in a child JVM and waits for its READY line. */
  Process startWorker(String natsUrl, String redisUrl, String prefix, String id) throws Exception {
    Path log = Files.createDirectories(Path.of("target", "e2e")).resolve(id + ".log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath(),
                WorkerProcessMain.class.getName(),
                natsUrl,
                redisUrl,
                prefix,
                id));
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  if (line.startsWith("READY ")) {
                    return line;
                  }
                }
                throw new IllegalStateException("the worker process exited; see " + log);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    workerPid = Long.parseLong(ready.get(60, TimeUnit.SECONDS).substring(6).trim());
    return p;
  }

  /** Surefire names the class path in java.class.path (or in a jar whose manifest does). */
  static String classPath() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl instanceof URLClassLoader u && u.getURLs().length > 0) {
      List<String> parts = new ArrayList<>();
      for (URL url : u.getURLs()) {
        parts.add(url.getPath());
      }
      return String.join(File.pathSeparator, parts);
    }
    return System.getProperty("java.class.path");
  }

  @AfterAll
  void stop() throws Exception {
    if (worker != null) {
      worker.getOutputStream().close(); // the worker stops when its stdin closes
      if (!worker.waitFor(20, TimeUnit.SECONDS)) {
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (gateway != null) {
      gateway.close();
    }
    if (cordum != null) {
      cordum.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (nats != null) {
      nats.close();
    }
  }

  /** Collects a stream's frames. */
  static final class Frames implements WebSocket.Listener {
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder part = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        frames.add(Http.JSON.readTree(part.toString()));
        part.setLength(0);
      }
      ws.request(1);
      return null;
    }

    boolean saw(String jobId, String kind) {
      return frames.stream()
          .anyMatch(f -> f.has(kind) && jobId.equals(f.get(kind).path("jobId").asString("")));
    }

    boolean mentions(String text) {
      return frames.stream().anyMatch(f -> f.toString().contains(text));
    }
  }

  WebSocket stream(String key, Frames frames) {
    String token =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(key.getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .subprotocols("cordum-api-key", token)
        .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + "/api/v1/stream"), frames)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  String submit(Http as, String prompt) {
    Http.Resp r = as.post("/api/v1/jobs", "{\"prompt\":\"" + prompt + "\",\"topic\":\"job.e2e\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("job_id").asString();
  }

  JsonNode awaitSucceeded(Http as, String id) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Http.Resp r = as.get("/api/v1/jobs/" + id);
              last[0] = r.status() == 200 ? r.json() : null;
              return last[0] != null && last[0].get("state").asString().equals("SUCCEEDED");
            });
    return last[0];
  }

  @Test
  void aJobSubmittedOverHttpIsRunByAWorkerProcessAndEachTenantSeesOnlyItsOwn() {
    // The worker process announces itself over NATS before any job is sent.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> acme.get("/api/v1/workers").body().contains("proc-worker"));
    Frames acmeFrames = new Frames();
    Frames globexFrames = new Frames();
    WebSocket acmeWs = stream(TwoTenantKeys.ACME, acmeFrames);
    WebSocket globexWs = stream(TwoTenantKeys.GLOBEX, globexFrames);

    String acmeJob = submit(acme, "from acme");
    String globexJob = submit(globex, "from globex");

    JsonNode a = awaitSucceeded(acme, acmeJob);
    JsonNode g = awaitSucceeded(globex, globexJob);
    long self = ProcessHandle.current().pid();
    assertThat(a.get("tenant").asString()).isEqualTo("acme");
    assertThat(a.get("actor_id").asString()).isEqualTo("ann");
    assertThat(a.get("result").get("pid").asLong()).isEqualTo(workerPid).isNotEqualTo(self);
    assertThat(a.get("result").get("echo").asString()).contains("from acme");
    assertThat(g.get("tenant").asString()).isEqualTo("globex");
    assertThat(g.get("result").get("pid").asLong()).isEqualTo(workerPid);
    assertThat(g.get("result").get("echo").asString()).contains("from globex");

    // Neither tenant reads, lists or cancels the other's job.
    assertThat(globex.get("/api/v1/jobs/" + acmeJob).status()).isIn(403, 404);
    assertThat(acme.get("/api/v1/jobs/" + globexJob).status()).isIn(403, 404);
    assertThat(acme.post("/api/v1/jobs/" + globexJob + "/cancel", "").status()).isIn(403, 404);
    assertThat(acme.get("/api/v1/jobs?limit=1000").body())
        .contains(acmeJob)
        .doesNotContain(globexJob);
    assertThat(globex.get("/api/v1/jobs?limit=1000").body())
        .contains(globexJob)
        .doesNotContain(acmeJob);

    // Each stream shows its tenant's request and result, and nothing of the other tenant.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> acmeFrames.saw(acmeJob, "jobResult") && globexFrames.saw(globexJob, "jobResult"));
    assertThat(acmeFrames.saw(acmeJob, "jobRequest")).isTrue();
    assertThat(globexFrames.saw(globexJob, "jobRequest")).isTrue();
    JsonNode result =
        acmeFrames.frames.stream()
            .filter(
                f ->
                    f.has("jobResult")
                        && acmeJob.equals(f.get("jobResult").path("jobId").asString("")))
            .findFirst()
            .orElseThrow();
    assertThat(result.get("jobResult").get("status").asString()).isEqualTo("JOB_STATUS_SUCCEEDED");
    assertThat(acmeFrames.mentions(globexJob)).isFalse();
    assertThat(acmeFrames.mentions("from globex")).isFalse();
    assertThat(globexFrames.mentions(acmeJob)).isFalse();
    assertThat(globexFrames.mentions("from acme")).isFalse();
    acmeWs.sendClose(1000, "bye").join();
    globexWs.sendClose(1000, "bye").join();
  }
}
