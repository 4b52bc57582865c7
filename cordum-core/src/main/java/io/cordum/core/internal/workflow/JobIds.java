package io.cordum.core.internal.workflow;

import java.util.Optional;

/**
 * The job-id grammar of workflow steps, kept exactly as Cordum's because workers and the scheduler
 * depend on it: {@code <run>:<step>@<attempt>} and, for fan-out children, {@code
 * <run>:<step>[<i>]@<attempt>}. Run ids may contain {@code :}; step ids may not.
 */
final class JobIds {
  private JobIds() {}

  /**
   * A parsed job id.
   *
   * @param runId the run
   * @param stepKey the step or child key ({@code step} or {@code step[i]})
   * @param stepId the definition step
   * @param index the child index, or -1
   * @param attempt the attempt number (0 if absent or invalid)
   */
  record Parsed(String runId, String stepKey, String stepId, int index, int attempt) {}

  static String of(String runId, String stepKey, int attempt) {
    return runId + ":" + stepKey + "@" + attempt;
  }

  static String childKey(String stepId, int index) {
    return stepId + "[" + index + "]";
  }

  static Optional<Parsed> parse(String jobId) {
    int colon = jobId.lastIndexOf(':');
    if (colon <= 0 || colon == jobId.length() - 1) {
      return Optional.empty();
    }
    String run = jobId.substring(0, colon);
    String part = jobId.substring(colon + 1);
    int attempt = 0;
    int at = part.lastIndexOf('@');
    if (at >= 0) {
      try {
        attempt = Integer.parseInt(part.substring(at + 1));
      } catch (NumberFormatException e) {
        attempt = 0;
      }
      part = part.substring(0, at);
    }
    if (part.isEmpty()) {
      return Optional.empty();
    }
    int bracket = part.indexOf('[');
    String step = part;
    int index = -1;
    if (bracket >= 0) {
      step = part.substring(0, bracket);
      int close = part.indexOf(']', bracket);
      try {
        index = Integer.parseInt(part.substring(bracket + 1, close < 0 ? part.length() : close));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new Parsed(run, part, step, index, attempt));
  }
}
