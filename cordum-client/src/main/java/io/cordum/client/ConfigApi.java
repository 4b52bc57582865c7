package io.cordum.client;

import io.cordum.client.model.ConfigDocument;
import io.cordum.client.model.ConfigScope;
import io.cordum.client.model.ConfigWrite;
import io.cordum.client.model.EffectiveConfig;
import org.jspecify.annotations.Nullable;

/** The hierarchical config service ({@code /api/v1/config}). */
public final class ConfigApi {
  private final Transport t;

  ConfigApi(Transport t) {
    this.t = t;
  }

  /**
   * One document.
   *
   * @param scopeId the id in the scope ({@code null} or blank: {@code default} for system, the
   *     key's tenant for org)
   * @throws NotFoundException when there is none
   */
  public ConfigDocument get(ConfigScope scope, @Nullable String scopeId) {
    return t.req("GET", "/api/v1/config")
        .query("scope", scope.wireName())
        .query("scope_id", scopeId)
        .fetch(ConfigDocument.class);
  }

  /**
   * Replaces a document. With {@link ConfigWrite.Builder#expectRevision} it is a compare-and-set
   * (and not retried); without, the write is retried like a read (it is idempotent).
   *
   * @throws ConflictException when the document changed since the revision given
   * @throws BadRequestException when the content breaks a rule (pools and timeouts are checked)
   */
  public void set(ConfigWrite write) {
    t.req("POST", "/api/v1/config").json(write).idempotent(write.revision() == null).execute();
  }

  /** The config a job of this org, team, workflow and step gets (blank parts are left out). */
  public EffectiveConfig effective(
      @Nullable String orgId,
      @Nullable String teamId,
      @Nullable String workflowId,
      @Nullable String stepId) {
    return t.req("GET", "/api/v1/config/effective")
        .query("org_id", orgId)
        .query("team_id", teamId)
        .query("workflow_id", workflowId)
        .query("step_id", stepId)
        .fetch(EffectiveConfig.class);
  }
}
