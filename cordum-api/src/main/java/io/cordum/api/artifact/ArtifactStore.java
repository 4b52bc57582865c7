package io.cordum.api.artifact;

import io.cordum.api.Page;
import java.util.Optional;

/**
 * Stores artifacts (files, reports, logs a job produces) behind pointers {@code redis://art:<id>},
 * per tenant, each kept for the time of its {@link RetentionClass}.
 *
 * <p>Only artifact pointers are accepted ({@link ArtifactPointers}); anything else is a {@link
 * io.cordum.api.ValidationException}. Content larger than the configured limit is an {@link
 * ArtifactTooLargeException}, empty content a {@code ValidationException}. The tenant of an
 * artifact is the upload's tenant ({@code default} when blank) and cannot be changed through
 * labels. Tenant-scoped reads treat another tenant's artifact as absent, so they do not reveal that
 * it exists. A backend failure throws {@link io.cordum.api.BackendException}.
 */
public interface ArtifactStore {

  /**
   * Stores an artifact under a new random id.
   *
   * @return its pointer, {@code redis://art:<id>}
   */
  String put(ArtifactUpload upload);

  /** The artifact, whatever its tenant (an administrator's view), or empty if absent/expired. */
  Optional<Artifact> get(String pointer);

  /** The artifact if it belongs to {@code tenant} (blank means {@code default}), else empty. */
  default Optional<Artifact> get(String pointer, String tenant) {
    String t = tenant.isBlank() ? io.cordum.api.job.Tenants.DEFAULT : tenant.trim();
    return get(pointer).filter(a -> a.metadata().tenant().equals(t));
  }

  /** Deletes the artifact whatever its tenant. Returns whether there was one. */
  boolean delete(String pointer);

  /** Deletes the artifact if it belongs to {@code tenant}. Returns whether there was one. */
  default boolean delete(String pointer, String tenant) {
    return get(pointer, tenant).isPresent() && delete(pointer);
  }

  /** One page of a tenant's live artifacts, newest first; no artifact is skipped or repeated. */
  Page<ArtifactSummary> list(ArtifactQuery query);
}
