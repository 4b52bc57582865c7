package io.cordum.api.pointer;

import io.cordum.api.ValidationException;

/**
 * The pointer format shared with Cordum: {@code redis://} followed by the raw key, with {@code
 * ctx:<job_id>} for a job's input and {@code res:<job_id>} for its output. Other backends use the
 * same strings so that pointers written by one component resolve in every other. Reads also accept
 * the CAP SDKs' {@code redis://ctx/<job_id>} and {@code redis://res/<job_id>} forms (see {@link
 * #readKeys}).
 */
public final class Pointers {
  /** The scheme prefix of every pointer. */
  public static final String PREFIX = "redis://";

  /** The key namespace of job inputs. */
  public static final String CONTEXT_NAMESPACE = "ctx:";

  /** The key namespace of job outputs. */
  public static final String RESULT_NAMESPACE = "res:";

  private Pointers() {}

  /** The key of a job's input, {@code ctx:<job_id>}. */
  public static String contextKey(String jobId) {
    return CONTEXT_NAMESPACE + jobId;
  }

  /** The key of a job's output, {@code res:<job_id>}. */
  public static String resultKey(String jobId) {
    return RESULT_NAMESPACE + jobId;
  }

  /** The pointer of a job's input, {@code redis://ctx:<job_id>}. */
  public static String contextPointer(String jobId) {
    return PREFIX + contextKey(jobId);
  }

  /** The pointer of a job's output, {@code redis://res:<job_id>}. */
  public static String resultPointer(String jobId) {
    return PREFIX + resultKey(jobId);
  }

  /** The pointer of a key, {@code redis://<key>}. */
  public static String forKey(String key) {
    return PREFIX + key;
  }

  /**
   * The key a pointer names.
   *
   * @throws ValidationException if the pointer is empty, lacks the {@code redis://} prefix or names
   *     no key
   */
  public static String keyOf(String pointer) {
    if (pointer.isEmpty()) {
      throw new ValidationException("pointer", "must not be empty");
    }
    if (!pointer.startsWith(PREFIX)) {
      throw new ValidationException("pointer", "must start with " + PREFIX + ": " + pointer);
    }
    String key = pointer.substring(PREFIX.length());
    if (key.isEmpty()) {
      throw new ValidationException("pointer", "must name a key after " + PREFIX);
    }
    return key;
  }

  /**
   * The key a context or result pointer names.
   *
   * @throws ValidationException if the pointer is malformed or outside the {@code ctx:} and {@code
   *     res:} namespaces (a pointer store never reads arbitrary keys)
   */
  public static String blobKeyOf(String pointer) {
    String key = keyOf(pointer);
    if (!(key.startsWith(CONTEXT_NAMESPACE) && key.length() > CONTEXT_NAMESPACE.length())
        && !(key.startsWith(RESULT_NAMESPACE) && key.length() > RESULT_NAMESPACE.length())) {
      throw new ValidationException(
          "pointer", "must name a ctx:<job_id> or res:<job_id> key: " + pointer);
    }
    return key;
  }

  /**
   * The keys a context or result pointer may be read from, in order, or none when no pointer store
   * can resolve it. CAP says pointers are opaque URIs, and the CAP SDKs' examples write {@code
   * redis://ctx/<job_id>} and {@code redis://res/<job_id>}: such a pointer is read from the key it
   * names ({@code ctx/<job_id>}, where the CAP runtimes put it), then from Cordum's {@code
   * ctx:<job_id>}. Cordum's own {@code redis://ctx:<job_id>} names one key. Any other pointer
   * (another scheme, another namespace) cannot be resolved here: reading it gives no data, never an
   * exception, and never reaches other keys.
   */
  public static java.util.List<String> readKeys(String pointer) {
    if (!pointer.startsWith(PREFIX)) {
      return java.util.List.of();
    }
    String key = pointer.substring(PREFIX.length());
    for (String ns : new String[] {CONTEXT_NAMESPACE, RESULT_NAMESPACE}) {
      if (key.startsWith(ns) && key.length() > ns.length()) {
        return java.util.List.of(key);
      }
      String slash = ns.substring(0, ns.length() - 1) + "/";
      if (key.startsWith(slash) && key.length() > slash.length()) {
        return java.util.List.of(key, ns + key.substring(slash.length()));
      }
    }
    return java.util.List.of();
  }
}
