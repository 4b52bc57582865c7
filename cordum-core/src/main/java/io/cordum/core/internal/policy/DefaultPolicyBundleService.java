package io.cordum.core.internal.policy;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleAuditEntry;
import io.cordum.api.policy.PolicyBundleService;
import io.cordum.api.policy.PolicyBundleSet;
import io.cordum.api.policy.PolicyBundleSnapshot;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.policy.PolicyChange;
import io.cordum.api.policy.PolicyRuleListing;
import io.cordum.core.internal.policy.engine.PolicyParser;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Policy Studio operations on a {@link PolicyBundleStore}: edit bundles, publish, roll back,
 * snapshot and audit. Obtained from {@code Cordum.policyBundles()}.
 *
 * <p>Every change is one compare-and-set commit of the bundles together with its before/after
 * snapshots and its audit entry, so nothing is half written: a publish that fails validation writes
 * nothing (not even its "before" snapshot). Edits of one bundle carry the version the editor read
 * ({@link PolicyBundle#version()}); a stale version is a {@link ConflictException}, so two
 * administrators never overwrite each other. Edits of different bundles never conflict (the
 * set-level compare-and-set is retried). Every kind of change is audited. After a change the kernel
 * (if any) reloads at once on this replica; others pick it up on their interval.
 */
public final class DefaultPolicyBundleService implements PolicyBundleService {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");
  private static final int ATTEMPTS = 10;

  private final PolicyBundleStore store;
  private final InstantSource clock;
  private final Runnable afterChange;

  /**
   * A service on a store.
   *
   * @param store the store
   * @param clock the time source
   * @param afterChange run after each committed change (for example a kernel reload)
   */
  public DefaultPolicyBundleService(
      PolicyBundleStore store, InstantSource clock, Runnable afterChange) {
    this.store = store;
    this.clock = clock;
    this.afterChange = afterChange;
  }

  private record Change(
      Map<String, PolicyBundle> bundles,
      List<PolicyBundleSnapshot> snapshots,
      PolicyBundleAuditEntry audit) {}

  /** All bundles with the set's version. */
  @Override
  public PolicyBundleSet list() {
    return store.read();
  }

  /**
   * The rules of the bundles as authored, in evaluation order, each with its source bundle (what
   * {@code GET /api/v1/policy/rules} returns). Disabled bundles are left out unless {@code
   * includeDisabled}; a bundle that can not be read is an error entry.
   */
  @Override
  public PolicyRuleListing rules(boolean includeDisabled) {
    return RuleListings.of(store.read().bundles().values(), includeDisabled);
  }

  /** One bundle. */
  @Override
  public Optional<PolicyBundle> get(String id) {
    return Optional.ofNullable(store.read().bundles().get(id));
  }

  /**
   * Creates or updates a bundle. Pass the version you read ({@code 0} to create); content must be a
   * valid policy. {@code enabled} is taken as given (save drafts with {@code enabled=false}, then
   * {@link #publish}).
   *
   * @return the stored bundle (version increased)
   * @throws ConflictException if the bundle changed since {@code edit.version()} was read
   * @throws ValidationException if the id or the content is invalid
   */
  @Override
  public PolicyBundle put(PolicyBundle edit, String actor) {
    return put(edit, PolicyChange.of(actor, ""));
  }

  /**
   * Like {@link #put(PolicyBundle, String)}, recording the actor's role and note in the audit
   * entry; the message is the change's, else the bundle's.
   */
  @Override
  public PolicyBundle put(PolicyBundle edit, PolicyChange change) {
    String actor = change.actor();
    checkId(edit.id());
    if (edit.content().isBlank()) {
      throw new ValidationException("bundles." + edit.id() + ".content", "must not be blank");
    }
    validate(edit);
    Instant now = now();
    PolicyBundle[] stored = new PolicyBundle[1];
    commit(
        set -> {
          PolicyBundle old = set.bundles().get(edit.id());
          long current = old == null ? 0 : old.version();
          if (current != edit.version()) {
            throw new ConflictException(
                "bundle "
                    + edit.id()
                    + " is at version "
                    + current
                    + ", not "
                    + edit.version()
                    + "; someone else changed it: re-read and retry");
          }
          stored[0] =
              edit.toBuilder()
                  .version(current + 1)
                  .updatedAt(now)
                  .createdAt(old == null || old.createdAt() == null ? now : old.createdAt())
                  .author(edit.author().isBlank() ? actor : edit.author())
                  .build();
          Map<String, PolicyBundle> next = new TreeMap<>(set.bundles());
          next.put(edit.id(), stored[0]);
          return new Change(
              next,
              List.of(),
              entry(
                  "put",
                  change,
                  List.of(edit.id()),
                  change.message().isEmpty() ? edit.message() : change.message(),
                  "",
                  "",
                  now));
        });
    return stored[0];
  }

  /**
   * Deletes a bundle that still has the version the caller read.
   *
   * @throws NotFoundException if there is no such bundle
   * @throws ConflictException if it changed since
   */
  @Override
  public void delete(String id, long expectedVersion, String actor) {
    delete(id, expectedVersion, PolicyChange.of(actor, ""));
  }

  /** Like {@link #delete(String, long, String)}, recording role, message and note. */
  @Override
  public void delete(String id, long expectedVersion, PolicyChange change) {
    Instant now = now();
    commit(
        set -> {
          PolicyBundle old = set.bundles().get(id);
          if (old == null) {
            throw new NotFoundException("bundle " + id);
          }
          if (old.version() != expectedVersion) {
            throw new ConflictException(
                "bundle "
                    + id
                    + " is at version "
                    + old.version()
                    + ", not "
                    + expectedVersion
                    + "; re-read and retry");
          }
          Map<String, PolicyBundle> next = new TreeMap<>(set.bundles());
          next.remove(id);
          return new Change(
              next, List.of(), entry("delete", change, List.of(id), change.message(), "", "", now));
        });
  }

  /**
   * Enables bundles: the given ids, or every {@code secops/...} bundle when none are given. Every
   * bundle that would be enabled is validated first; a failure writes nothing.
   *
   * @throws NotFoundException if a given id does not exist
   * @throws ValidationException if there is nothing to publish or a bundle is invalid
   */
  @Override
  public PublishResult publish(List<String> ids, String actor, String message) {
    return publish(ids, PolicyChange.of(actor, message));
  }

  /**
   * Like {@link #publish(List, String, String)}, recording the actor's role and note in the audit
   * entry.
   */
  @Override
  public PublishResult publish(List<String> ids, PolicyChange change) {
    String actor = change.actor();
    String message = change.message();
    Instant now = now();
    PublishResult[] out = new PublishResult[1];
    commit(
        set -> {
          List<String> targets =
              new ArrayList<>(
                  new java.util.TreeSet<>(
                      ids.isEmpty()
                          ? set.bundles().keySet().stream()
                              .filter(i -> i.startsWith("secops/"))
                              .toList()
                          : ids));
          if (targets.isEmpty()) {
            throw new ValidationException("bundle_ids", "no policy bundles to publish");
          }
          Map<String, PolicyBundle> next = new TreeMap<>(set.bundles());
          for (String id : targets) {
            PolicyBundle b = next.get(id);
            if (b == null) {
              throw new NotFoundException("bundle " + id);
            }
            next.put(
                id,
                b.toBuilder()
                    .enabled(true)
                    .updatedAt(now)
                    .version(b.version() + 1)
                    .author(actor.isBlank() ? b.author() : actor)
                    .message(message.isBlank() ? b.message() : message)
                    .build());
          }
          validateEnabled(next);
          List<PolicyBundleSnapshot> snaps = beforeAfter(set.bundles(), next, now, "publish");
          String before = snaps.size() == 2 ? snaps.get(0).id() : "";
          String after = snaps.get(snaps.size() - 1).id();
          out[0] = new PublishResult(before, after, targets);
          return new Change(
              next, snaps, entry("publish", change, targets, message, before, after, now));
        });
    return out[0];
  }

  /**
   * Restores the bundles of a snapshot. Pack fragments ({@code <pack>/<name>} ids) keep their
   * current state: they belong to installed packs, not to the snapshot. The restored bundles are
   * validated first and get new versions, so editors holding old versions see a conflict.
   *
   * @throws NotFoundException if the snapshot does not exist
   * @throws ValidationException if a restored enabled bundle is invalid
   */
  @Override
  public RollbackResult rollback(String snapshotId, String actor, String message) {
    return rollback(snapshotId, PolicyChange.of(actor, message));
  }

  /**
   * Like {@link #rollback(String, String, String)}, recording the actor's role and note in the
   * audit entry.
   */
  @Override
  public RollbackResult rollback(String snapshotId, PolicyChange change) {
    String message = change.message();
    if (snapshotId == null || snapshotId.isBlank()) {
      throw new ValidationException("snapshot_id", "must not be blank");
    }
    PolicyBundleSnapshot target =
        store
            .snapshot(snapshotId.trim())
            .orElseThrow(() -> new NotFoundException("snapshot " + snapshotId));
    Instant now = now();
    RollbackResult[] out = new RollbackResult[1];
    commit(
        set -> {
          Map<String, PolicyBundle> next = new TreeMap<>();
          set.bundles()
              .forEach(
                  (id, b) -> {
                    if (BundleOrder.isPackFragment(id)) {
                      next.put(id, b);
                    }
                  });
          target
              .bundles()
              .forEach(
                  (id, b) -> {
                    if (!BundleOrder.isPackFragment(id)) {
                      PolicyBundle cur = set.bundles().get(id);
                      next.put(
                          id,
                          b.toBuilder()
                              .version((cur == null ? Math.max(0, b.version()) : cur.version()) + 1)
                              .updatedAt(now)
                              .build());
                    }
                  });
          validateEnabled(next);
          List<PolicyBundleSnapshot> snaps = beforeAfter(set.bundles(), next, now, "rollback");
          String before = snaps.size() == 2 ? snaps.get(0).id() : "";
          String after = snaps.get(snaps.size() - 1).id();
          out[0] = new RollbackResult(before, after, target.id());
          return new Change(
              next,
              snaps,
              entry(
                  "rollback",
                  change,
                  List.copyOf(target.bundles().keySet()),
                  message,
                  before,
                  after,
                  now));
        });
    return out[0];
  }

  /** Takes a snapshot of the current bundles (even when there are none). */
  @Override
  public PolicyBundleSnapshot snapshot(String note, String actor) {
    return snapshot(note, PolicyChange.of(actor, ""));
  }

  /**
   * Like {@link #snapshot(String, String)}: {@code note} is the snapshot's note (and the audit
   * entry's message unless the change has one); the change's role and note go to the audit.
   */
  @Override
  public PolicyBundleSnapshot snapshot(String note, PolicyChange change) {
    Instant now = now();
    PolicyBundleSnapshot s = BundleSnapshots.capture(store.read().bundles(), now, note, takenIds());
    store.addSnapshot(
        s,
        entry(
            "snapshot",
            change,
            List.of(),
            change.message().isEmpty() ? note : change.message(),
            "",
            s.id(),
            now));
    return s;
  }

  /** The snapshots, newest first. */
  @Override
  public List<PolicyBundleSnapshot> snapshots() {
    return store.snapshots();
  }

  /** A snapshot by id. */
  @Override
  public Optional<PolicyBundleSnapshot> findSnapshot(String id) {
    return store.snapshot(id);
  }

  /** The newest audit entries, newest first. */
  @Override
  public List<PolicyBundleAuditEntry> audit(int limit) {
    return store.audit(limit);
  }

  private interface Mutation {
    Change apply(PolicyBundleSet set);
  }

  private void commit(Mutation m) {
    for (int attempt = 1; ; attempt++) {
      PolicyBundleSet set = store.read();
      Change c = m.apply(set);
      try {
        store.commit(set.version(), c.bundles(), c.snapshots(), c.audit());
        break;
      } catch (ConflictException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
    afterChange.run();
  }

  private List<PolicyBundleSnapshot> beforeAfter(
      Map<String, PolicyBundle> before, Map<String, PolicyBundle> after, Instant now, String note) {
    Set<String> taken = takenIds();
    List<PolicyBundleSnapshot> out = new ArrayList<>();
    if (!before.isEmpty()) {
      out.add(BundleSnapshots.capture(before, now, "before " + note, taken));
    }
    out.add(BundleSnapshots.capture(after, now, "after " + note, taken));
    return out;
  }

  private Set<String> takenIds() {
    Set<String> taken = new HashSet<>();
    store.snapshots().forEach(s -> taken.add(s.id()));
    return taken;
  }

  private static void validateEnabled(Map<String, PolicyBundle> bundles) {
    bundles.values().stream()
        .filter(PolicyBundle::enabled)
        .forEach(DefaultPolicyBundleService::validate);
  }

  private static void validate(PolicyBundle b) {
    try {
      PolicyParser.parse(b.content());
    } catch (ValidationException e) {
      throw new ValidationException(
          e.violations().stream()
              .map(
                  v ->
                      new ValidationException.Violation(
                          "bundles." + b.id() + ": " + v.field(), v.rule()))
              .toList());
    }
  }

  private static void checkId(@Nullable String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ValidationException(
          "id",
          "must be segments of letters, digits, '.', '_', '-'"
              + " or '~' separated by '/', such as secops/prod-guard");
    }
  }

  private PolicyBundleAuditEntry entry(
      String action,
      PolicyChange change,
      List<String> ids,
      String message,
      String before,
      String after,
      Instant now) {
    String id =
        now.truncatedTo(ChronoUnit.SECONDS)
            + "-"
            + Hashing.hex(
                    action + "|" + String.join(",", ids) + "|" + now + "|" + UUID.randomUUID())
                .substring(0, 12);
    return new PolicyBundleAuditEntry(
        id, action, change.actor(), change.role(), ids, message, change.note(), before, after, now);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
