package io.cordum.api.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The hierarchical config service: one document per scope and id ({@code system}, {@code org},
 * {@code team}, {@code workflow}, {@code step}), each with a revision that only increases, and the
 * effective config merged from them. Obtained from {@code Cordum.config()}.
 *
 * <p><b>Writes</b> are validated (the data must be JSON; the {@code pools}, {@code timeouts} and
 * {@code safety} sections must satisfy their schemas, every problem listed in one {@link
 * io.cordum.api.ValidationException}) and are a compare-and-set on the revision: a write that
 * expects another revision fails with {@link io.cordum.api.ConflictException}, and {@link #update}
 * re-reads and retries, so concurrent writers on any number of replicas lose nothing.
 *
 * <p><b>The merge</b> ({@link #resolve}) lays system, org, team, workflow and step over each other:
 * objects merge deep, other values replace, {@code null} deletes, and the {@code safety} section
 * can only be tightened by a narrower scope.
 *
 * <p>As an {@link EffectiveConfigProvider} it is what the scheduler embeds in each job's env as
 * {@code CORDUM_EFFECTIVE_CONFIG}. Store failures surface as {@link
 * io.cordum.api.BackendException}, never as "no config".
 */
public interface ConfigService extends EffectiveConfigProvider {

  /** The document, if it exists. */
  Optional<ConfigDocument> find(ConfigKey key);

  /**
   * The document.
   *
   * @throws io.cordum.api.NotFoundException if it does not exist
   */
  ConfigDocument get(ConfigKey key);

  /**
   * Like {@link #get(ConfigKey)}; a blank system id means {@code default}.
   *
   * @throws io.cordum.api.NotFoundException if it does not exist
   */
  ConfigDocument get(ConfigScope scope, String scopeId);

  /**
   * Replaces a document's data, whatever its revision.
   *
   * @throws io.cordum.api.ValidationException if the data is not valid (every problem listed)
   */
  ConfigDocument set(ConfigScope scope, String scopeId, Map<String, ?> data);

  /**
   * Writes a document.
   *
   * @throws io.cordum.api.ValidationException if the data is not valid (every problem listed)
   * @throws io.cordum.api.ConflictException if the write expects a revision that is not the current
   *     one
   */
  ConfigDocument set(ConfigWrite write);

  /**
   * Read-modify-write: applies {@code edit} to the current data ({@code {}} if there is no
   * document) and writes the result if nobody wrote in between; otherwise reads again and retries.
   * Labels are kept.
   *
   * @param edit takes the current data (a mutable copy) and returns the new data
   * @throws io.cordum.api.ValidationException if the edited data is not valid
   * @throws io.cordum.api.ConflictException if it still conflicts after many attempts
   */
  ConfigDocument update(ConfigKey key, UnaryOperator<Map<String, Object>> edit);

  /** Deletes a document, whatever its revision; {@code false} if there was none. */
  boolean delete(ConfigKey key);

  /**
   * Deletes a document if it is at {@code expectedRevision}.
   *
   * @throws io.cordum.api.ConflictException if it is at another revision
   */
  boolean delete(ConfigKey key, long expectedRevision);

  /**
   * The effective config of a target: the system document, then the org's, team's, workflow's and
   * step's (those with a non-blank id), merged in that order. Missing documents are skipped.
   */
  EffectiveConfig resolve(ConfigTarget target);
}
