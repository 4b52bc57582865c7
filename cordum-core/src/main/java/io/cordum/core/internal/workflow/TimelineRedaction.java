package io.cordum.core.internal.workflow;

import io.cordum.api.workflow.TimelineEvent;
import io.cordum.core.internal.secret.SecretRefs;
import java.util.Map;

/**
 * Masks {@code secret://} references in a timeline event's message and data before it is stored:
 * the timeline is shown to operators and kept for the run's life, so it must never hold a reference
 * that names a secret.
 */
final class TimelineRedaction {
  private TimelineRedaction() {}

  @SuppressWarnings("unchecked")
  static TimelineEvent apply(TimelineEvent e) {
    TimelineEvent out = e;
    String message = SecretRefs.redactText(e.message());
    if (!message.equals(e.message())) {
      out = out.withMessage(message);
    }
    SecretRefs.Redaction<Object> data = SecretRefs.redact(e.data());
    if (data.changed() && data.value() instanceof Map<?, ?> m) {
      out = out.withData((Map<String, ?>) m);
    }
    return out;
  }
}
