package io.cordum.core.internal.job;

import io.cordum.api.cap.JobRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a submit repeats an earlier one (same request, same input) or differs from it, and in
 * which fields. A repeat is answered with the earlier job; a difference under the same job id or
 * idempotency key is refused, so that what a job was submitted with is never rewritten.
 */
final class SubmitMatch {
  private SubmitMatch() {}

  /**
   * The fields (snake_case, plus {@code input}) in which {@code incoming} differs from the stored
   * request, ignoring the job id and the input pointer (which name the job).
   */
  static List<String> differences(
      JobRequest stored,
      Optional<byte[]> storedInput,
      JobRequest incoming,
      byte @Nullable [] input) {
    JobRequest a = stored.toBuilder().jobId("").contextPtr("").build();
    JobRequest b = incoming.toBuilder().jobId("").contextPtr("").build();
    List<String> out = new ArrayList<>();
    for (RecordComponent c : JobRequest.class.getRecordComponents()) {
      if (!Objects.equals(value(c, a), value(c, b))) {
        out.add(snake(c.getName()));
      }
    }
    boolean same =
        input == null
            ? storedInput.isEmpty()
            : storedInput.isPresent() && Arrays.equals(storedInput.get(), input);
    if (!same) {
      out.add("input");
    }
    return out;
  }

  private static @Nullable Object value(RecordComponent c, JobRequest r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
