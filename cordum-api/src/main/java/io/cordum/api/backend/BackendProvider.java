package io.cordum.api.backend;

import io.cordum.api.config.Settings;
import java.util.Optional;

/**
 * A backend that can be chosen by settings, found with {@link java.util.ServiceLoader}. A backend
 * artifact lists its implementation in {@code
 * META-INF/services/io.cordum.api.backend.BackendProvider}; the control plane's builder asks every
 * provider on the class path whether the settings select it.
 *
 * <p>Each provider owns a set of setting names (such as {@code REDIS_URL} and every {@code REDIS_*}
 * name). The builder refuses settings that nothing owns a use for: a setting of a backend that is
 * not selected (such as {@code NATS_USE_JETSTREAM} without {@code NATS_URL}), or a selecting
 * setting whose provider is not on the class path, so that a deployment never runs on other
 * backends than the ones it names.
 */
public interface BackendProvider {

  /** A short name, such as {@code redis} or {@code nats}. */
  String name();

  /** The Maven coordinates of the artifact that holds this provider, for error messages. */
  String artifact();

  /** The setting whose presence selects this backend, such as {@code REDIS_URL}. */
  String selector();

  /** Whether a setting name belongs to this backend (such as every {@code NATS_*} name). */
  boolean owns(String settingName);

  /**
   * Reads and validates this backend's settings, without any I/O. Problems are recorded in {@code
   * settings} (all of them, each naming its setting); then the result is empty.
   *
   * @param settings the settings, already known to select this backend
   * @return the backend ready to open, or empty when a setting was invalid
   */
  Optional<PreparedBackend> prepare(Settings.Reader settings);
}
