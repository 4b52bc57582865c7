package io.cordum.api.schema;

/**
 * One way an instance breaks a JSON schema.
 *
 * @param path where in the instance, as a JSON path ({@code $} is the root, {@code $.a.b[0]},
 *     <code>$['key.with.dots']</code>); for a missing or unexpected property, the path of that
 *     property
 * @param keyword the schema keyword that failed, such as {@code required} or {@code type}
 * @param message what is wrong, such as {@code required property 'name' not found}
 */
public record SchemaViolation(String path, String keyword, String message) {
  @Override
  public String toString() {
    return path + ": " + message + " (" + keyword + ")";
  }
}
