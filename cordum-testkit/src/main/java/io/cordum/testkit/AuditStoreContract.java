package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.audit.AuditEntry;
import io.cordum.api.audit.AuditStore;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditStore}, as one JUnit 5 suite that every implementation runs. Extend
 * it and implement {@link #createStore(int)} (an empty store keeping {@code capacity} entries
 * overall and per tenant); {@link #cleanUp()} runs after each test.
 */
public abstract class AuditStoreContract {
  /** The clock entries take their times from. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable AuditStore store;

  /** Creates an empty store under test with the given capacity. */
  protected abstract AuditStore createStore(int capacity);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createAuditStore() {
    store = createStore(5);
  }

  @AfterEach
  void cleanUpAuditStore() {
    cleanUp();
  }

  /** The store under test (capacity 5). */
  protected AuditStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  /** An entry of the tenant at the clock's time, advancing the clock a second. */
  protected AuditEntry entry(String tenant, String principal, int status) {
    AuditEntry e =
        new AuditEntry(
            clock.instant(),
            "r-" + clock.instant().getEpochSecond(),
            "POST",
            "/api/v1/jobs",
            "/api/v1/jobs",
            status,
            AuditEntry.outcomeOf(status),
            status >= 400 ? "some_code" : "",
            tenant,
            principal,
            principal.isEmpty() ? "" : "admin",
            principal.isEmpty() ? "" : "k-" + principal,
            "10.0.0.1",
            "curl/8");
    clock.advance(Duration.ofSeconds(1));
    return e;
  }

  @Test
  void entriesComeBackNewestFirstWithEveryField() {
    AuditEntry a = entry("t1", "alice", 200);
    AuditEntry b = entry("t1", "bob", 403);
    store().append(a);
    store().append(b);

    assertThat(store().query(null, e -> true, 10)).containsExactly(b, a);
    assertThat(store().query("t1", e -> true, 1)).containsExactly(b);
  }

  @Test
  void queriesAreScopedByTenantAndFiltered() {
    AuditEntry a1 = entry("t1", "alice", 200);
    AuditEntry b1 = entry("t2", "bob", 200);
    AuditEntry anon = entry("", "", 401);
    AuditEntry a2 = entry("t1", "alice", 403);
    for (AuditEntry e : new AuditEntry[] {a1, b1, anon, a2}) {
      store().append(e);
    }

    assertThat(store().query("t1", e -> true, 10)).containsExactly(a2, a1);
    assertThat(store().query("t2", e -> true, 10)).containsExactly(b1);
    assertThat(store().query("t3", e -> true, 10)).isEmpty();
    assertThat(store().query(null, e -> true, 10)).containsExactly(a2, anon, b1, a1);
    assertThat(store().query("t1", e -> e.outcome().equals("denied"), 10)).containsExactly(a2);
    assertThat(store().query(null, e -> e.outcome().equals("unauthenticated"), 10))
        .containsExactly(anon);
  }

  @Test
  void theOldestAreDroppedPastTheCapacityOverallAndPerTenant() {
    for (int i = 0; i < 7; i++) {
      store().append(entry("t1", "p" + i, 200));
    }
    store().append(entry("t2", "q", 200));

    assertThat(store().query("t1", e -> true, 100))
        .extracting(AuditEntry::principal)
        .containsExactly("p6", "p5", "p4", "p3", "p2");
    assertThat(store().query(null, e -> true, 100))
        .extracting(AuditEntry::principal)
        .containsExactly("q", "p6", "p5", "p4", "p3");
    assertThat(store().query("t2", e -> true, 100)).hasSize(1);
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> store().query(null, e -> true, 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit");
  }
}
