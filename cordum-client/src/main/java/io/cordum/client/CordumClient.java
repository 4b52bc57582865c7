package io.cordum.client;

import io.cordum.client.model.GatewayStatus;
import io.cordum.client.model.WorkerInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * A client of one Cordum gateway. Thread-safe; make one per gateway and share it.
 *
 * <pre>{@code
 * try (CordumClient cordum = CordumClient.builder()
 *     .gateway("http://localhost:8081").apiKey(System.getenv("CORDUM_API_KEY")).build()) {
 *   SubmittedJob job = cordum.jobs().submit(
 *       SubmitJobRequest.builder("summarize").topic("job.default").context(Map.of("doc", 42))
 *           .build());
 *   JobDetail done = cordum.jobs().await(job.jobId(), Duration.ofMinutes(1), null);
 * }
 * }</pre>
 *
 * <p>Every call blocks until the gateway answers or {@link Builder#requestTimeout} passes, and
 * throws a {@link CordumClientException} subclass on failure. Safe requests are retried under the
 * {@link RetryPolicy}.
 */
public final class CordumClient implements AutoCloseable {
  /** The gateway address Cordum's tools use when none is given. */
  public static final String DEFAULT_GATEWAY = "http://localhost:8081";

  private final Transport transport;
  private final @Nullable ExecutorService ownExecutor;
  private final JobsApi jobs;
  private final WorkflowsApi workflows;
  private final RunsApi runs;
  private final ApprovalsApi approvals;
  private final DlqApi dlq;
  private final ConfigApi config;
  private final SchemasApi schemas;
  private final LocksApi locks;
  private final PolicyApi policy;
  private final ArtifactsApi artifacts;
  private final StreamApi stream;
  private final AuthApi auth;
  private final JavaType workerList;

  private CordumClient(Transport transport, @Nullable ExecutorService ownExecutor) {
    this.transport = transport;
    this.ownExecutor = ownExecutor;
    this.jobs = new JobsApi(transport);
    this.workflows = new WorkflowsApi(transport);
    this.runs = new RunsApi(transport);
    this.approvals = new ApprovalsApi(transport);
    this.dlq = new DlqApi(transport);
    this.config = new ConfigApi(transport);
    this.schemas = new SchemasApi(transport);
    this.locks = new LocksApi(transport);
    this.policy = new PolicyApi(transport);
    this.artifacts = new ArtifactsApi(transport);
    this.stream = new StreamApi(transport);
    this.auth = new AuthApi(transport);
    this.workerList =
        transport.json.getTypeFactory().constructCollectionType(List.class, WorkerInfo.class);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A client of this gateway with this key (blank: none) and the default settings. */
  public static CordumClient create(String gateway, @Nullable String apiKey) {
    return builder().gateway(gateway).apiKey(apiKey).build();
  }

  /** The gateway's base address. */
  public URI gateway() {
    return transport.base;
  }

  /** Jobs. */
  public JobsApi jobs() {
    return jobs;
  }

  /** Workflow definitions. */
  public WorkflowsApi workflows() {
    return workflows;
  }

  /** Workflow runs. */
  public RunsApi runs() {
    return runs;
  }

  /** Jobs held for approval. */
  public ApprovalsApi approvals() {
    return approvals;
  }

  /** The dead-letter queue. */
  public DlqApi dlq() {
    return dlq;
  }

  /** The config service. */
  public ConfigApi config() {
    return config;
  }

  /** The schema registry. */
  public SchemasApi schemas() {
    return schemas;
  }

  /** Locks. */
  public LocksApi locks() {
    return locks;
  }

  /** The safety kernel and policy bundles. */
  public PolicyApi policy() {
    return policy;
  }

  /** Artifacts and memory pointers. */
  public ArtifactsApi artifacts() {
    return artifacts;
  }

  /** The live event stream. */
  public StreamApi stream() {
    return stream;
  }

  /** Who the caller is, API keys ({@code /api/v1/auth/keys}) and the audit log. */
  public AuthApi auth() {
    return auth;
  }

  /** Whether the gateway answers {@code GET /health} (no key needed). */
  public boolean health() {
    try {
      transport.req("GET", "/health").execute();
      return true;
    } catch (CordumClientException e) {
      return false;
    }
  }

  /** The gateway's status: uptime, build, backend health, worker count. */
  public GatewayStatus status() {
    return transport.req("GET", "/api/v1/status").fetch(GatewayStatus.class);
  }

  /** The live workers, by id. */
  public List<WorkerInfo> workers() {
    return transport.req("GET", "/api/v1/workers").fetch(workerList);
  }

  /** Releases the client's own threads (a shared {@link HttpClient} is left alone). */
  @Override
  public void close() {
    if (ownExecutor != null) {
      ownExecutor.shutdown();
    }
  }

  /** Builds a {@link CordumClient}. */
  public static final class Builder {
    private URI gateway = URI.create(DEFAULT_GATEWAY);
    private String apiKey = "";
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable HttpClient httpClient;
    private Transport.Sleeper sleeper =
        d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    private Builder() {
      headers.put("User-Agent", "cordum-java-client/" + version());
    }

    /**
     * The gateway's address, such as {@code http://localhost:8081} (default); a trailing {@code /}
     * is ignored.
     */
    public Builder gateway(String v) {
      String s = Objects.requireNonNull(v, "gateway").trim();
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      URI u;
      try {
        u = URI.create(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("gateway is not a URL: " + v, e);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        throw new IllegalArgumentException("gateway must be an http:// or https:// URL, was " + v);
      }
      this.gateway = u;
      return this;
    }

    /** The API key, sent as {@code X-API-Key} (null or blank: none). */
    public Builder apiKey(@Nullable String v) {
      this.apiKey = v == null ? "" : v.trim();
      return this;
    }

    /** How long connecting may take (default 5 s). */
    public Builder connectTimeout(Duration v) {
      this.connectTimeout = positive("connectTimeout", v);
      return this;
    }

    /** How long one request may take until the answer's head arrives (default 15 s). */
    public Builder requestTimeout(Duration v) {
      this.requestTimeout = positive("requestTimeout", v);
      return this;
    }

    /** When to retry (default {@link RetryPolicy#DEFAULT}; {@link RetryPolicy#NONE} for never). */
    public Builder retry(RetryPolicy v) {
      this.retry = Objects.requireNonNull(v, "retry");
      return this;
    }

    /** A header sent with every request (such as {@code X-Principal-Id}). */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * An {@link HttpClient} to use (to share connections, or for TLS settings); its own connect
     * timeout then applies. By default the client makes its own.
     */
    public Builder httpClient(HttpClient v) {
      this.httpClient = Objects.requireNonNull(v, "httpClient");
      return this;
    }

    /** Test hook: how the client waits between attempts. */
    Builder sleeper(Transport.Sleeper v) {
      this.sleeper = v;
      return this;
    }

    private static Duration positive(String name, Duration v) {
      Objects.requireNonNull(v, name);
      if (v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + v);
      }
      return v;
    }

    /** Builds the client. */
    public CordumClient build() {
      ExecutorService own = null;
      HttpClient http = httpClient;
      if (http == null) {
        own =
            Executors.newCachedThreadPool(
                r -> {
                  Thread t = new Thread(r, "cordum-client");
                  t.setDaemon(true);
                  return t;
                });
        http =
            HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(own)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
      }
      return new CordumClient(
          new Transport(http, gateway, apiKey, requestTimeout, retry, headers, sleeper), own);
    }

    private static String version() {
      String v = CordumClient.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }
  }
}
