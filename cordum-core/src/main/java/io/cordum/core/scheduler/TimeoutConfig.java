package io.cordum.core.scheduler;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Timeouts and retry counts: the {@code timeouts.yaml} file of Cordum (env {@code
 * TIMEOUT_CONFIG_PATH}), in YAML or JSON.
 *
 * <pre>
 * topics:     {job.batch: {timeout_seconds: 600, max_retries: 2}}
 * workflows:  {wf-1: {child_timeout_seconds: 60, total_timeout_seconds: 600, max_retries: 1}}
 * reconciler: {dispatch_timeout_seconds: 300, running_timeout_seconds: 9000,
 *              scan_interval_seconds: 30}
 * </pre>
 *
 * <p>The scheduler uses the per-topic values: {@code timeout_seconds} is the running timeout of
 * that topic's jobs and {@code max_retries} their retry count. A field left out keeps its
 * documented default, whatever other fields are set.
 *
 * <p>The defaults recover by themselves (issue 12); Cordum's were 300 s / 9000 s / 30 s, which left
 * a claimed-but-unpublished job or a lost submit waiting five minutes or more.
 *
 * @param dispatchTimeout how long a job may stay SCHEDULED or DISPATCHED before its claim is
 *     published again (SCHEDULED: a replica died between its claim and its publish) or its attempt
 *     fails (DISPATCHED), and how old a PENDING job with no timer must be before the pending replay
 *     dispatches it from its stored request (a submit the bus lost); default 10 s
 * @param runningTimeout how long a job may stay RUNNING unless its topic says otherwise (default
 *     9000 s); it bounds hung handlers and jobs on workers that do not heartbeat; a worker that
 *     heartbeats and dies is caught by the worker timeout long before
 * @param scanInterval how often the pending replay and the worker-liveness sweep run (default 5 s)
 * @param topics per-topic overrides
 * @param workflows per-workflow timeouts (used by the workflow engine)
 */
public record TimeoutConfig(
    Duration dispatchTimeout,
    Duration runningTimeout,
    Duration scanInterval,
    Map<String, TopicTimeout> topics,
    Map<String, WorkflowTimeout> workflows) {

  /** The defaults: 10 s, 9000 s, 5 s, no per-topic or per-workflow overrides. */
  public static final TimeoutConfig DEFAULT =
      new TimeoutConfig(
          Duration.ofSeconds(10),
          Duration.ofSeconds(9000),
          Duration.ofSeconds(5),
          Map.of(),
          Map.of());

  /** Validates durations and copies the maps. */
  public TimeoutConfig {
    requirePositive("reconciler.dispatch_timeout_seconds", dispatchTimeout);
    requirePositive("reconciler.running_timeout_seconds", runningTimeout);
    requirePositive("reconciler.scan_interval_seconds", scanInterval);
    topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    workflows = Collections.unmodifiableMap(new LinkedHashMap<>(workflows));
  }

  private static void requirePositive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ValidationException(field, "must be a positive duration, was " + d);
    }
  }

  /**
   * Per-topic settings.
   *
   * @param timeout the running timeout of the topic's jobs, or {@code null} for the default
   * @param maxRetries how many times a failed or timed-out job of the topic is retried, or {@code
   *     null} for the default
   */
  public record TopicTimeout(@Nullable Duration timeout, @Nullable Integer maxRetries) {}

  /**
   * Per-workflow settings, used by the workflow engine.
   *
   * @param childTimeout timeout of each step job, or {@code null}
   * @param totalTimeout timeout of the whole run, or {@code null}
   * @param maxRetries retries per step, or {@code null}
   */
  public record WorkflowTimeout(
      @Nullable Duration childTimeout,
      @Nullable Duration totalTimeout,
      @Nullable Integer maxRetries) {}

  /** The running timeout of a topic's jobs. */
  public Duration runningTimeoutFor(String topic) {
    TopicTimeout t = topics.get(topic);
    return t != null && t.timeout() != null ? t.timeout() : runningTimeout;
  }

  /** The retry count configured for a topic, if any. */
  public Optional<Integer> maxRetriesFor(String topic) {
    TopicTimeout t = topics.get(topic);
    return t == null ? Optional.empty() : Optional.ofNullable(t.maxRetries());
  }

  /** Reads and parses a file. */
  public static TimeoutConfig load(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read timeout config " + path, e);
    }
  }

  /**
   * Parses YAML or JSON. An empty document gives the defaults.
   *
   * @throws ValidationException listing every problem (unknown keys, negative or non-integer
   *     values), each naming its path
   */
  public static TimeoutConfig parse(String text) {
    if (text.isBlank()) {
      return DEFAULT;
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JacksonException e) {
      throw new ValidationException(
          "timeouts", "is not valid YAML or JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return DEFAULT;
    }
    if (!root.isObject()) {
      throw new ValidationException("timeouts", "must be a mapping");
    }
    List<Violation> errors = new ArrayList<>();
    unknownKeys(root, "", Set.of("topics", "workflows", "reconciler"), errors);

    JsonNode rec = root.path("reconciler");
    Duration dispatch = DEFAULT.dispatchTimeout;
    Duration running = DEFAULT.runningTimeout;
    Duration scan = DEFAULT.scanInterval;
    if (rec.isObject()) {
      unknownKeys(
          rec,
          "reconciler.",
          Set.of("dispatch_timeout_seconds", "running_timeout_seconds", "scan_interval_seconds"),
          errors);
      dispatch = seconds(rec, "reconciler.", "dispatch_timeout_seconds", dispatch, errors);
      running = seconds(rec, "reconciler.", "running_timeout_seconds", running, errors);
      scan = seconds(rec, "reconciler.", "scan_interval_seconds", scan, errors);
    } else if (!rec.isMissingNode() && !rec.isNull()) {
      errors.add(new Violation("reconciler", "must be a mapping"));
    }

    Map<String, TopicTimeout> topics = new LinkedHashMap<>();
    JsonNode t = root.path("topics");
    if (t.isObject()) {
      for (var e : t.properties()) {
        String p = "topics." + e.getKey() + ".";
        JsonNode v = e.getValue();
        if (!v.isObject()) {
          errors.add(new Violation("topics." + e.getKey(), "must be a mapping"));
          continue;
        }
        unknownKeys(v, p, Set.of("timeout_seconds", "max_retries"), errors);
        topics.put(
            e.getKey(),
            new TopicTimeout(
                seconds(v, p, "timeout_seconds", errors), count(v, p, "max_retries", errors)));
      }
    } else if (!t.isMissingNode() && !t.isNull()) {
      errors.add(new Violation("topics", "must be a mapping"));
    }

    Map<String, WorkflowTimeout> workflows = new LinkedHashMap<>();
    JsonNode w = root.path("workflows");
    if (w.isObject()) {
      for (var e : w.properties()) {
        String p = "workflows." + e.getKey() + ".";
        JsonNode v = e.getValue();
        if (!v.isObject()) {
          errors.add(new Violation("workflows." + e.getKey(), "must be a mapping"));
          continue;
        }
        unknownKeys(
            v, p, Set.of("child_timeout_seconds", "total_timeout_seconds", "max_retries"), errors);
        workflows.put(
            e.getKey(),
            new WorkflowTimeout(
                seconds(v, p, "child_timeout_seconds", errors),
                seconds(v, p, "total_timeout_seconds", errors),
                count(v, p, "max_retries", errors)));
      }
    } else if (!w.isMissingNode() && !w.isNull()) {
      errors.add(new Violation("workflows", "must be a mapping"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new TimeoutConfig(dispatch, running, scan, topics, workflows);
  }

  private static void unknownKeys(
      JsonNode node, String prefix, Set<String> allowed, List<Violation> errors) {
    for (String k : node.propertyNames()) {
      if (!allowed.contains(k)) {
        errors.add(new Violation(prefix + k, "unknown key; allowed: " + allowed));
      }
    }
  }

  private static Duration seconds(
      JsonNode node, String prefix, String key, Duration dflt, List<Violation> errors) {
    Duration d = seconds(node, prefix, key, errors);
    return d == null ? dflt : d;
  }

  /** The seconds set under {@code key}; null when not set, 0 or invalid (reported). */
  private static @Nullable Duration seconds(
      JsonNode node, String prefix, String key, List<Violation> errors) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      errors.add(new Violation(prefix + key, "must be an integer >= 0"));
      return null;
    }
    // 0 means "not set": keep the default rather than a zero timeout.
    return v.asLong() == 0 ? null : Duration.ofSeconds(v.asLong());
  }

  private static @Nullable Integer count(
      JsonNode node, String prefix, String key, List<Violation> errors) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
      errors.add(new Violation(prefix + key, "must be an integer >= 0"));
      return null;
    }
    return v.asInt();
  }
}
