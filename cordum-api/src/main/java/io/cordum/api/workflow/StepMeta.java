package io.cordum.api.workflow;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A step's {@code meta}: what its jobs carry as CAP {@code JobMetadata} (the tenant always comes
 * from the run). Strings are trimmed and blank list entries dropped.
 *
 * @param actorId who asks; also becomes the job's principal
 * @param actorType {@code human} or {@code service} (case-insensitive); anything else is
 *     unspecified
 * @param idempotencyKey the job's idempotency key
 * @param packId the pack the step belongs to
 * @param capability the capability the job exercises
 * @param riskTags risk tags for policy
 * @param requires capabilities a pool must offer
 * @param labels metadata labels
 */
public record StepMeta(
    String actorId,
    String actorType,
    String idempotencyKey,
    String packId,
    String capability,
    List<String> riskTags,
    List<String> requires,
    Map<String, String> labels) {

  /** No metadata. */
  public static final StepMeta EMPTY =
      new StepMeta("", "", "", "", "", List.of(), List.of(), Map.of());

  /** Trims strings and drops blank list entries. */
  public StepMeta {
    actorId = trim(actorId);
    actorType = trim(actorType);
    idempotencyKey = trim(idempotencyKey);
    packId = trim(packId);
    capability = trim(capability);
    riskTags = clean(riskTags);
    requires = clean(requires);
    labels = JsonTrees.strings(labels);
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return actorId.isEmpty()
        && actorType.isEmpty()
        && idempotencyKey.isEmpty()
        && packId.isEmpty()
        && capability.isEmpty()
        && riskTags.isEmpty()
        && requires.isEmpty()
        && labels.isEmpty();
  }

  private static String trim(@Nullable String s) {
    return s == null ? "" : s.trim();
  }

  private static List<String> clean(@Nullable List<String> l) {
    if (l == null) {
      return List.of();
    }
    return l.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
  }
}
