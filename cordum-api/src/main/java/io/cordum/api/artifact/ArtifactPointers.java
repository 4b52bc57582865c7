package io.cordum.api.artifact;

import io.cordum.api.ValidationException;
import java.util.regex.Pattern;

/**
 * The pointer format of artifacts, {@code redis://art:<id>} as in Cordum, where the id is a
 * lowercase UUID. A pointer to anything else (a job's {@code ctx:} input, any other key) is
 * rejected, so an artifact lookup can never read data that is not an artifact.
 */
public final class ArtifactPointers {
  /** What every artifact pointer starts with. */
  public static final String PREFIX = "redis://art:";

  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private ArtifactPointers() {}

  /** The pointer of artifact {@code id}. */
  public static String of(String id) {
    return PREFIX + checkId(id);
  }

  /**
   * The artifact id a pointer names.
   *
   * @throws ValidationException if it is not {@code redis://art:<uuid>}
   */
  public static String idOf(String pointer) {
    String p = pointer.trim();
    if (!p.startsWith(PREFIX)) {
      throw new ValidationException(
          "artifact_ptr",
          "must be " + PREFIX + "<id> (an artifact pointer), was \"" + pointer + "\"");
    }
    return checkId(p.substring(PREFIX.length()));
  }

  /** Whether {@code pointer} is a well-formed artifact pointer. */
  public static boolean isArtifactPointer(String pointer) {
    String p = pointer.trim();
    return p.startsWith(PREFIX) && ID.matcher(p.substring(PREFIX.length())).matches();
  }

  private static String checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw new ValidationException(
          "artifact_ptr", "must name an artifact id (a lowercase UUID), was \"" + id + "\"");
    }
    return id;
  }
}
