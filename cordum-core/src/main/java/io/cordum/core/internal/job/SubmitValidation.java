package io.cordum.core.internal.job;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a submitted request must satisfy before anything is stored. Each violation names the
 * field and the rule; every violation is reported at once. The bounds keep one request from filling
 * the job store, the DLQ and log lines (a 10,000-label map once produced a 128 KB reason).
 */
final class SubmitValidation {
  /** Longest job id (they are parts of store keys and pointers). */
  static final int MAX_JOB_ID = 256;

  /** Tenant ids: a letter or digit, then letters, digits, {@code . _ -}; at most 128. */
  static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Most labels (and env entries) on one job. */
  static final int MAX_ENTRIES = 256;

  /** Longest label or env key. */
  static final int MAX_KEY = 256;

  /** Longest label value. */
  static final int MAX_LABEL_VALUE = 4096;

  /** Longest env value (env carries prompts and settings, so more than a label). */
  static final int MAX_ENV_VALUE = 65_536;

  /** Most {@code meta.requires} entries. */
  static final int MAX_REQUIRES = 64;

  /**
   * Whether a string holds whitespace or a control character, as the regular expression {@code
   * .*[\s\p{Cntrl}].*} (ASCII classes) matches: a character loop, since it runs for every env entry
   * and label of every job.
   */
  static boolean hasBadChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7F) {
        return true;
      }
    }
    return false;
  }

  private SubmitValidation() {}

  /** Whether {@code s} matches {@link #TENANT}: a character loop, it runs for every job. */
  static boolean isTenant(String s) {
    int n = s.length();
    if (n == 0 || n > 128 || !isAlnum(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Throws a {@link ValidationException} listing every rule the request breaks. */
  static void check(JobRequest req) {
    List<Violation> v = new ArrayList<>();
    topic(req.topic(), v);
    jobId(req, v);
    tenant(req, v);
    entries("labels", req.labels(), MAX_LABEL_VALUE, v);
    entries("env", req.env(), MAX_ENV_VALUE, v);
    if (req.meta() != null) {
      entries("meta.labels", req.meta().labels(), MAX_LABEL_VALUE, v);
      if (req.meta().requires().size() > MAX_REQUIRES) {
        v.add(
            new Violation(
                "meta.requires",
                "at most " + MAX_REQUIRES + " entries; had " + req.meta().requires().size()));
      }
      req.meta()
          .requires()
          .forEach(
              r -> {
                if (r.isBlank()) {
                  v.add(new Violation("meta.requires", "entries must not be blank"));
                }
              });
    }
    if (req.budget() != null && req.budget().deadlineMs() < 0) {
      v.add(new Violation("budget.deadline_ms", "must not be negative (0 means no deadline)"));
    }
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  private static void topic(String topic, List<Violation> v) {
    if (topic.isBlank()) {
      v.add(new Violation("topic", "must not be blank"));
    } else if (!topic.equals(topic.strip())) {
      v.add(
          new Violation(
              "topic", "must not begin or end with whitespace; was \"" + shorten(topic) + "\""));
    } else if (!Subjects.isLiteral(topic)) {
      v.add(
          new Violation(
              "topic",
              "must be a subject of dot-separated tokens without wildcards"
                  + " or spaces, such as job.default; was \""
                  + shorten(topic)
                  + "\""));
    }
  }

  private static void jobId(JobRequest req, List<Violation> v) {
    String id = req.jobId();
    if (id.isEmpty()) {
      return; // generated
    }
    if (id.isBlank() || hasBadChar(id)) {
      v.add(new Violation("job_id", "must not contain whitespace or control characters"));
    }
    if (id.length() > MAX_JOB_ID) {
      v.add(new Violation("job_id", "at most " + MAX_JOB_ID + " characters; had " + id.length()));
    }
    if ((id.indexOf(':') >= 0 || id.indexOf('@') >= 0) && !isStepJobId(req)) {
      v.add(
          new Violation(
              "job_id",
              "must not contain ':' or '@' (they are reserved for"
                  + " workflow step jobs, <run_id>:<step_id>@<attempt>); was \""
                  + shorten(id)
                  + "\""));
    }
  }

  /** A workflow step's job (or a DLQ retry of one): the id starts with its run's id and ':'. */
  private static boolean isStepJobId(JobRequest req) {
    String run = req.labels().getOrDefault("run_id", "");
    return !run.isBlank() && !req.workflowId().isBlank() && req.jobId().startsWith(run + ":");
  }

  private static void tenant(JobRequest req, List<Violation> v) {
    String tenant = Tenants.of(req);
    if (!isTenant(tenant) || tenant.contains("..")) {
      v.add(
          new Violation(
              "tenant_id",
              "must be 1 to 128 letters, digits, '.', '_' or '-',"
                  + " starting with a letter or digit, without '..'; was \""
                  + shorten(tenant)
                  + "\""));
    }
  }

  private static void entries(
      String field, Map<String, String> map, int maxValue, List<Violation> v) {
    if (map.size() > MAX_ENTRIES) {
      v.add(new Violation(field, "at most " + MAX_ENTRIES + " entries; had " + map.size()));
      return; // one violation, not one per entry
    }
    for (var e : map.entrySet()) {
      String k = e.getKey();
      if (k.isBlank()) {
        v.add(new Violation(field, "keys must not be blank"));
      } else if (k.length() > MAX_KEY || hasBadChar(k)) {
        v.add(
            new Violation(
                field + "." + shorten(k),
                "keys must be at most "
                    + MAX_KEY
                    + " characters without whitespace or control characters"));
      } else if (e.getValue().length() > maxValue) {
        v.add(
            new Violation(
                field + "." + k,
                "values must be at most "
                    + maxValue
                    + " characters; had "
                    + e.getValue().length()));
      }
    }
  }

  /** A value quoted in an error, cut so that a huge value does not make a huge message. */
  static String shorten(String s) {
    String flat = s.replaceAll("\\p{Cntrl}", "?");
    return flat.length() <= 64 ? flat : flat.substring(0, 64) + "...(" + s.length() + " chars)";
  }
}
