package io.cordum.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleSnapshot;
import io.cordum.memory.InMemoryPolicyBundleStore;
import io.cordum.testkit.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bundle CRUD with compare-and-set, publish, rollback, snapshots and audit. */
class PolicyBundleServiceTest {
  final ManualClock clock = new ManualClock();
  final InMemoryPolicyBundleStore store = new InMemoryPolicyBundleStore(clock, 10, 100);
  final AtomicInteger reloads = new AtomicInteger();
  final DefaultPolicyBundleService svc =
      new DefaultPolicyBundleService(store, clock, reloads::incrementAndGet);

  static PolicyBundle draft(String id, String content) {
    return PolicyBundle.builder(id).content(content).enabled(false).build();
  }

  @Test
  void twoAdminsEditingTheSameBundleNeverLoseAnEdit() {
    PolicyBundle v1 = svc.put(draft("secops/a", "rules: []"), "alice");
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.createdAt()).isEqualTo(clock.instant());
    assertThat(v1.author()).isEqualTo("alice");
    PolicyBundle alice = v1.toBuilder().content("rules: [{id: a}]").build();
    PolicyBundle bob = v1.toBuilder().content("rules: [{id: b}]").build();
    assertThat(svc.put(alice, "alice").version()).isEqualTo(2);
    assertThatThrownBy(() -> svc.put(bob, "bob"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version 2, not 1");
    assertThat(svc.get("secops/a").orElseThrow().content()).isEqualTo("rules: [{id: a}]");
    assertThatThrownBy(() -> svc.put(draft("secops/a", "rules: []"), "carol"))
        .isInstanceOf(ConflictException.class);
    // edits of different bundles do not conflict
    svc.put(draft("secops/b", "rules: []"), "bob");
    assertThat(svc.list().bundles()).containsOnlyKeys("secops/a", "secops/b");
    assertThat(reloads).hasValue(3);
  }

  @Test
  void putValidatesIdAndContent() {
    assertThatThrownBy(() -> svc.put(draft("bad id", "rules: []"), "a"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> svc.put(draft("secops/x", " "), "a"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> svc.put(draft("secops/x", "rules: [{decision: nope}]"), "a"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations().get(0).field())
                    .isEqualTo("bundles.secops/x: rules[0].decision"));
    assertThat(svc.list().version()).isZero();
  }

  @Test
  void publishEnablesSecopsBundlesWithBeforeAndAfterSnapshots() {
    svc.put(draft("secops/a", "rules: [{id: a}]"), "alice");
    svc.put(draft("secops/b", "rules: [{id: b}]"), "alice");
    svc.put(PolicyBundle.builder("pack/x").content("rules: []").build(), "installer");
    var r = svc.publish(List.of(), "alice", "go live");
    assertThat(r.published()).containsExactly("secops/a", "secops/b");
    assertThat(svc.get("secops/a").orElseThrow().enabled()).isTrue();
    assertThat(svc.get("secops/a").orElseThrow().message()).isEqualTo("go live");
    assertThat(store.snapshots())
        .extracting(PolicyBundleSnapshot::id)
        .containsExactly(r.snapshotAfter(), r.snapshotBefore());
    assertThat(store.snapshot(r.snapshotBefore()).orElseThrow().bundles().get("secops/a").enabled())
        .isFalse();
    assertThat(r.snapshotAfter()).matches("\\d{4}-.*Z-[0-9a-f]{10}(-\\d+)?");
    assertThat(svc.audit(1))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("publish");
              assertThat(e.actor()).isEqualTo("alice");
              assertThat(e.snapshotAfter()).isEqualTo(r.snapshotAfter());
            });
  }

  @Test
  void aPublishThatFailsValidationWritesNothing() {
    svc.put(draft("secops/a", "rules: []"), "alice");
    // a pack fragment installed without validation
    var set = store.read();
    store.commit(
        set.version(),
        Map.of(
            "secops/a",
            set.bundles().get("secops/a"),
            "pack/bad",
            PolicyBundle.builder("pack/bad").content("rules: {").build()),
        List.of(),
        null);
    long version = store.read().version();
    assertThatThrownBy(() -> svc.publish(List.of("secops/a"), "alice", ""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("pack/bad");
    assertThat(store.read().version()).isEqualTo(version);
    assertThat(store.snapshots()).isEmpty();
    assertThatThrownBy(() -> svc.publish(List.of("secops/zzz"), "alice", ""))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void rollbackFindsItsTargetFirstEvenWithAFullHistoryAndKeepsPackFragments() {
    svc.put(draft("secops/a", "rules: [{id: v1}]"), "alice");
    var first = svc.publish(List.of(), "alice", "v1");
    for (int i = 2; i <= 6; i++) {
      PolicyBundle cur = svc.get("secops/a").orElseThrow();
      svc.put(cur.toBuilder().content("rules: [{id: v" + i + "}]").build(), "alice");
      svc.publish(List.of(), "alice", "v" + i);
    }
    svc.put(PolicyBundle.builder("pack/p").content("rules: [{id: pack}]").build(), "installer");
    assertThat(store.snapshots()).hasSize(10);
    String oldest = store.snapshots().get(9).id();
    var r = svc.rollback(oldest, "bob", "back");
    assertThat(r.rolledBackTo()).isEqualTo(oldest);
    PolicyBundle a = svc.get("secops/a").orElseThrow();
    assertThat(a.content())
        .isEqualTo(
            store.snapshots().stream()
                .filter(s -> s.id().equals(r.snapshotAfter()))
                .findFirst()
                .orElseThrow()
                .bundles()
                .get("secops/a")
                .content());
    assertThat(svc.get("pack/p")).isPresent();
    assertThat(a.version()).isGreaterThan(6);
    assertThatThrownBy(() -> svc.rollback("nope", "bob", "")).isInstanceOf(NotFoundException.class);
    assertThat(first.snapshotAfter()).isNotEmpty();
    assertThat(svc.audit(1).get(0).action()).isEqualTo("rollback");
  }

  @Test
  void rollbackRestoresTheFirstPublish() {
    svc.put(draft("secops/a", "rules: [{id: one}]"), "alice");
    var first = svc.publish(List.of(), "alice", "one");
    PolicyBundle cur = svc.get("secops/a").orElseThrow();
    svc.put(cur.toBuilder().content("rules: [{id: two}]").build(), "alice");
    svc.rollback(first.snapshotAfter(), "bob", "undo");
    assertThat(svc.get("secops/a").orElseThrow().content()).isEqualTo("rules: [{id: one}]");
    assertThat(svc.get("secops/a").orElseThrow().enabled()).isTrue();
  }

  @Test
  void deleteAndManualSnapshotsAreAudited() {
    PolicyBundle b = svc.put(draft("secops/a", "rules: []"), "alice");
    assertThatThrownBy(() -> svc.delete("secops/a", 0, "bob"))
        .isInstanceOf(ConflictException.class);
    svc.delete("secops/a", b.version(), "bob");
    assertThat(svc.get("secops/a")).isEmpty();
    PolicyBundleSnapshot s = svc.snapshot("empty on purpose", "bob");
    assertThat(s.bundles()).isEmpty();
    assertThat(svc.findSnapshot(s.id())).isPresent();
    assertThat(svc.audit(10))
        .extracting(e -> e.action())
        .containsExactly("snapshot", "delete", "put");
  }

  @Test
  void auditEntriesCarryTheActorsRoleAndNote() {
    svc.put(
        draft("secops/a", "rules: []"),
        io.cordum.api.policy.PolicyChange.by("alice").role("admin").note("draft").build());
    svc.publish(
        java.util.List.of(),
        io.cordum.api.policy.PolicyChange.by("bob")
            .role("secops")
            .message("ship it")
            .note("CHG-7")
            .build());
    assertThat(svc.audit(10))
        .satisfiesExactly(
            publish -> {
              assertThat(publish.action()).isEqualTo("publish");
              assertThat(publish.actor()).isEqualTo("bob");
              assertThat(publish.role()).isEqualTo("secops");
              assertThat(publish.message()).isEqualTo("ship it");
              assertThat(publish.note()).isEqualTo("CHG-7");
            },
            put -> {
              assertThat(put.actor()).isEqualTo("alice");
              assertThat(put.role()).isEqualTo("admin");
              assertThat(put.note()).isEqualTo("draft");
            });
    assertThat(svc.get("secops/a").orElseThrow().message()).isEqualTo("ship it");
  }

  @Test
  void rulesAreListedInEvaluationOrderWithTheirSource() {
    svc.put(
        PolicyBundle.builder("mypack/guard")
            .content(
                """
        rules:
          - id: pack-deny
            match: {topics: ["job.x"]}
            decision: deny
        """)
            .build(),
        "pack");
    svc.put(
        PolicyBundle.builder("secops/prod")
            .content(
                """
        rules:
          - {id: first, match: {topics: ["job.a"]}, decision: deny, reason: no}
          - {id: second, decision: allow}
        """)
            .build(),
        "alice");
    svc.put(
        PolicyBundle.builder("legacy")
            .content(
                """
        tenants:
          acme: {deny_topics: ["job.admin.*"], allow_topics: ["job.*", "job.b"]}
        """)
            .build(),
        "alice");
    svc.put(draft("secops/draft", "rules: [{id: hidden}]"), "alice");

    var listing = svc.rules(false);
    assertThat(listing.errors()).isEmpty();
    assertThat(listing.items())
        .extracting(r -> r.id())
        .containsExactly(
            "first",
            "second",
            "pack-deny",
            "legacy:acme:deny:0",
            "legacy:acme:allow:0",
            "legacy:acme:allow:1");
    var first = listing.items().get(0);
    assertThat(first.rule())
        .containsEntry("decision", "deny")
        .containsEntry("reason", "no")
        .containsEntry("match", java.util.Map.of("topics", java.util.List.of("job.a")));
    assertThat(first.source().fragmentId()).isEqualTo("secops/prod");
    assertThat(first.source().packId()).isEqualTo("secops");
    assertThat(first.source().overlayName()).isEqualTo("prod");
    assertThat(first.source().kind()).isEqualTo("secops");
    assertThat(first.source().version()).isEqualTo(1);
    assertThat(first.source().installedAt()).isEqualTo(clock.instant());
    assertThat(first.source().sha256()).hasSize(64);
    assertThat(listing.items().get(2).source().kind()).isEqualTo("pack");
    assertThat(listing.items().get(3).source())
        .satisfies(
            src -> {
              assertThat(src.kind()).isEqualTo("core");
              assertThat(src.packId()).isEmpty();
              assertThat(src.overlayName()).isEqualTo("legacy");
            });
    assertThat(listing.items().get(3).rule()).containsEntry("decision", "deny");

    assertThat(svc.rules(true).items()).extracting(r -> r.id()).contains("hidden");
    assertThat(svc.rules(true).items())
        .filteredOn(r -> r.id().equals("hidden"))
        .singleElement()
        .satisfies(r -> assertThat(r.enabled()).isFalse());
  }

  @Test
  void anUnreadableBundleIsAnErrorEntryNotAFailure() {
    svc.put(PolicyBundle.builder("secops/ok").content("rules: [{id: fine}]").build(), "a");
    var set = store.read();
    var bundles = new java.util.TreeMap<>(set.bundles());
    bundles.put(
        "secops/bad", PolicyBundle.builder("secops/bad").content("rules: [unclosed").build());
    store.commit(
        set.version(),
        bundles,
        java.util.List.of(),
        new io.cordum.api.policy.PolicyBundleAuditEntry(
            "x", "put", "a", java.util.List.of(), "", "", "", clock.instant()));
    var listing = svc.rules(false);
    assertThat(listing.items()).extracting(r -> r.id()).containsExactly("fine");
    assertThat(listing.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.fragmentId()).isEqualTo("secops/bad");
              assertThat(e.error()).contains("not valid YAML");
            });
  }
}
