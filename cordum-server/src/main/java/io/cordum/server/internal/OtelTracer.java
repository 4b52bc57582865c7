package io.cordum.server.internal;

import io.cordum.api.trace.JobTracer;
import io.cordum.api.trace.TraceSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Exports the engines' {@link TraceSpan}s as OpenTelemetry spans over OTLP/HTTP (protobuf).
 *
 * <p>Every span of a job is in the trace named by the job's trace id (a UUID maps to the 128-bit
 * OTel trace id as is; any other id is hashed), so that spans made on different replicas join one
 * trace without shared state. The submit span's id is derived from the job id too, and the job's
 * other spans (safety decision, dispatch, result) name it as their parent, wherever they were made.
 * Workflow step spans are in the run's trace, which is also the trace of the run's jobs.
 */
public final class OtelTracer implements JobTracer, AutoCloseable {
  private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("cordum.job_id");
  private static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("cordum.trace_id");
  private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("cordum.run_id");
  private static final AttributeKey<String> STEP_ID = AttributeKey.stringKey("cordum.step_id");

  /** The ids the next span must get: the SDK asks its id generator while starting a span. */
  private static final ThreadLocal<String[]> NEXT = new ThreadLocal<>();

  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final String endpoint;

  /**
   * An exporter to {@code endpoint} (the full traces URL, such as {@code
   * http://collector:4318/v1/traces}).
   */
  public OtelTracer(
      String endpoint,
      String serviceName,
      Map<String, String> headers,
      Duration scheduleDelay,
      Duration timeout) {
    this.endpoint = endpoint;
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setTimeout(timeout);
    headers.forEach(exporter::addHeader);
    IdGenerator random = IdGenerator.random();
    IdGenerator ids =
        new IdGenerator() {
          @Override
          public String generateSpanId() {
            String[] next = NEXT.get();
            return next != null && !next[1].isEmpty() ? next[1] : random.generateSpanId();
          }

          @Override
          public String generateTraceId() {
            String[] next = NEXT.get();
            return next != null ? next[0] : random.generateTraceId();
          }

          @Override
          public boolean generatesRandomTraceIds() {
            return false;
          }
        };
    this.provider =
        SdkTracerProvider.builder()
            .setIdGenerator(ids)
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter.build())
                    .setScheduleDelay(scheduleDelay)
                    .build())
            .build();
    this.tracer = provider.get("io.cordum.server");
  }

  /** Where spans go. */
  public String endpoint() {
    return endpoint;
  }

  @Override
  public void record(TraceSpan s) {
    String traceId = traceId(s.traceId().isEmpty() ? s.jobId() : s.traceId());
    SpanBuilder b =
        tracer
            .spanBuilder(s.kind().spanName())
            .setSpanKind(
                s.kind() == TraceSpan.Kind.DISPATCH ? SpanKind.PRODUCER : SpanKind.INTERNAL)
            .setStartTimestamp(
                s.start().getEpochSecond() * 1_000_000_000L + s.start().getNano(),
                TimeUnit.NANOSECONDS);
    String spanId = "";
    boolean jobChild =
        !s.jobId().isEmpty()
            && s.kind() != TraceSpan.Kind.SUBMIT
            && s.kind() != TraceSpan.Kind.WORKFLOW_STEP;
    if (jobChild) {
      b.setParent(
          Context.root()
              .with(
                  Span.wrap(
                      SpanContext.createFromRemoteParent(
                          traceId,
                          submitSpanId(s.jobId()),
                          TraceFlags.getSampled(),
                          TraceState.getDefault()))));
    } else {
      b.setNoParent();
      if (s.kind() == TraceSpan.Kind.SUBMIT) {
        spanId = submitSpanId(s.jobId());
      }
    }
    b.setAttribute(TRACE_ID, s.traceId());
    if (!s.jobId().isEmpty()) {
      b.setAttribute(JOB_ID, s.jobId());
    }
    if (!s.runId().isEmpty()) {
      b.setAttribute(RUN_ID, s.runId());
    }
    if (!s.stepId().isEmpty()) {
      b.setAttribute(STEP_ID, s.stepId());
    }
    s.attributes().forEach((k, v) -> b.setAttribute("cordum." + k, v));
    Span span;
    NEXT.set(new String[] {traceId, spanId});
    try {
      span = b.startSpan();
    } finally {
      NEXT.remove();
    }
    if (s.error()) {
      span.setStatus(StatusCode.ERROR, errorText(s));
    }
    span.end(s.end().getEpochSecond() * 1_000_000_000L + s.end().getNano(), TimeUnit.NANOSECONDS);
  }

  private static String errorText(TraceSpan s) {
    String status = s.attributes().get("status");
    if (status != null) {
      return status;
    }
    String decision = s.attributes().get("decision");
    return decision != null ? decision : "failed";
  }

  /** Sends what is queued, waiting up to {@code limit}. */
  public void flush(Duration limit) {
    provider.forceFlush().join(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }

  /** The OTel trace id (32 hex digits) of a Cordum trace id. */
  static String traceId(String cordumTraceId) {
    String hex = cordumTraceId.replace("-", "").toLowerCase(Locale.ROOT);
    if (hex.length() == 32
        && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        && !hex.equals("0".repeat(32))) {
      return hex;
    }
    return HexFormat.of().formatHex(sha256(cordumTraceId), 0, 16);
  }

  /** The span id (16 hex digits) of a job's submit span: the same on every replica. */
  static String submitSpanId(String jobId) {
    String id = HexFormat.of().formatHex(sha256("submit/" + jobId), 0, 8);
    return id.equals("0".repeat(16)) ? "0000000000000001" : id;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A description for the startup log. */
  @Override
  public String toString() {
    return "OTLP/HTTP " + endpoint;
  }
}
