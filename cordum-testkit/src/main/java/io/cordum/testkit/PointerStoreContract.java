package io.cordum.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.pointer.PointerStore;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PointerStore}, as one JUnit 5 suite that every implementation runs. Extend
 * it and implement {@link #createStore(ManualClock)}:
 *
 * <pre>{@code
 * class MyPointerStoreTest extends PointerStoreContract {
 *   @Override protected PointerStore createStore(ManualClock clock) { return new MyStore(clock); }
 * }
 * }</pre>
 *
 * <p>The store must take the time only from the given clock and keep entries for {@link #ttl()} (24
 * hours unless overridden). Each test uses fresh job ids, and {@link #cleanUp()} runs after each
 * test.
 */
public abstract class PointerStoreContract {
  /** The clock of the store under test; advance it to make time pass. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable PointerStore store;
  private String prefix = "";

  /** Creates the store under test, taking the time from {@code clock}. */
  protected abstract PointerStore createStore(ManualClock clock);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  /** How long the store under test keeps an entry after its last write. */
  protected Duration ttl() {
    return Duration.ofHours(24);
  }

  @BeforeEach
  void createPointerStore() {
    prefix = "ptr-" + Long.toHexString(System.nanoTime()) + "-";
    store = createStore(clock);
  }

  @AfterEach
  void cleanUpPointerStore() {
    cleanUp();
  }

  /** The store under test. */
  protected PointerStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  private String job(String name) {
    return prefix + name;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void contextRoundTrip() {
    String ptr = store().putContext(job("a"), bytes("{\"prompt\":\"hi\"}"));

    assertThat(ptr).isEqualTo("redis://ctx:" + job("a"));
    assertThat(store().get(ptr))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("{\"prompt\":\"hi\"}")));
  }

  @Test
  void resultRoundTrip() {
    String ptr = store().putResult(job("a"), bytes("out"));

    assertThat(ptr).isEqualTo("redis://res:" + job("a"));
    assertThat(store().get(ptr)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("out")));
  }

  @Test
  void contextAndResultAreSeparate() {
    store().putContext(job("a"), bytes("in"));

    assertThat(store().get("redis://res:" + job("a"))).isEmpty();
    store().putResult(job("a"), bytes("out"));
    assertThat(store().get("redis://ctx:" + job("a")))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("in")));
  }

  @Test
  void everyByteValueAndEmptyDataRoundTrip() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String full = store().putResult(job("bin"), all);
    String empty = store().putResult(job("empty"), new byte[0]);

    assertThat(store().get(full)).hasValueSatisfying(b -> assertThat(b).isEqualTo(all));
    assertThat(store().get(empty)).hasValueSatisfying(b -> assertThat(b).isEmpty());
  }

  @Test
  void overwriteReplaces() {
    store().putContext(job("a"), bytes("first"));

    String ptr = store().putContext(job("a"), bytes("second"));

    assertThat(store().get(ptr)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("second")));
  }

  @Test
  void storedBytesAreCopies() {
    byte[] data = bytes("abc");
    String ptr = store().putContext(job("a"), data);
    data[0] = 'X';

    byte[] read = store().get(ptr).orElseThrow();
    assertThat(read).isEqualTo(bytes("abc"));
    read[1] = 'Y';

    assertThat(store().get(ptr)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("abc")));
  }

  @Test
  void missingPointerIsEmpty() {
    assertThat(store().get("redis://ctx:" + job("never"))).isEmpty();
    assertThat(store().get("redis://res:" + job("never"))).isEmpty();
  }

  @Test
  void pointersItCannotResolveReadAsAbsentAndCannotBeDeleted() {
    // CAP pointers are opaque URIs: one this store cannot resolve means no data, not a failure
    // (a job's bookkeeping must not fail on it); it never reaches other keys.
    List<String> bad =
        List.of(
            "",
            "http://x",
            "s3://bucket/ctx/x",
            "ctx:" + job("a"),
            "redis://",
            "redis://ctx:",
            "redis://res:",
            "redis://ctx/",
            "redis://job:req:x",
            "redis://art:x",
            "redis://mem:x:events",
            "redis://sys:workers:snapshot",
            "REDIS://ctx:x",
            "redis://CTX:x");
    store().putContext(job("a"), bytes("in"));
    for (String pointer : bad) {
      assertThat(store().get(pointer)).as("get(%s)", pointer).isEmpty();
      assertThatThrownBy(() -> store().delete(pointer))
          .as("delete(%s)", pointer)
          .isInstanceOf(ValidationException.class);
    }
    assertThat(store().get("redis://ctx:" + job("a"))).isPresent();
  }

  @Test
  void theCapSdkSlashFormsResolveToTheJobsBlobs() {
    store().putContext(job("s"), bytes("in"));
    store().putResult(job("s"), bytes("out"));
    assertThat(store().get("redis://ctx/" + job("s")))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("in")));
    assertThat(store().get("redis://res/" + job("s")))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("out")));
    assertThat(store().get("redis://ctx/" + job("none"))).isEmpty();
  }

  @Test
  void blankJobIdIsRejected() {
    for (String id : List.of("", " ")) {
      assertThatThrownBy(() -> store().putContext(id, bytes("x")))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e ->
                  assertThat(e.violations())
                      .anySatisfy(v -> assertThat(v.field()).isEqualTo("job_id")));
      assertThatThrownBy(() -> store().putResult(id, bytes("x")))
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void deleteRemoves() {
    String ptr = store().putResult(job("a"), bytes("out"));

    assertThat(store().delete(ptr)).isTrue();

    assertThat(store().get(ptr)).isEmpty();
    assertThat(store().delete(ptr)).isFalse();
  }

  @Test
  void deleteLeavesTheOtherNamespace() {
    store().putContext(job("a"), bytes("in"));
    String res = store().putResult(job("a"), bytes("out"));

    store().delete("redis://ctx:" + job("a"));

    assertThat(store().get(res)).isPresent();
  }

  @Test
  void copyCopiesTheBytes() {
    String from = store().putContext(job("a"), bytes("input"));
    String to = "redis://ctx:" + job("b");

    assertThat(store().copy(from, to)).isTrue();

    assertThat(store().get(to)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("input")));
    assertThat(store().get(from)).isPresent();
  }

  @Test
  void copyAcrossNamespaces() {
    String from = store().putContext(job("a"), bytes("input"));
    String to = "redis://res:" + job("b");

    assertThat(store().copy(from, to)).isTrue();

    assertThat(store().get(to)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("input")));
  }

  @Test
  void copyOfMissingSourceIsFalse() {
    String to = "redis://ctx:" + job("b");

    assertThat(store().copy("redis://ctx:" + job("none"), to)).isFalse();

    assertThat(store().get(to)).isEmpty();
  }

  @Test
  void copyToABadPointerIsRejected() {
    String from = store().putContext(job("a"), bytes("input"));

    assertThatThrownBy(() -> store().copy(from, "redis://art:x"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store().copy("redis://job:req:x", "redis://ctx:" + job("b")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void entriesLiveForTheTtl() {
    String ptr = store().putContext(job("a"), bytes("in"));

    clock.advance(ttl().minusSeconds(1));

    assertThat(store().get(ptr)).isPresent();
  }

  @Test
  void entriesExpireAfterTheTtl() {
    String ctx = store().putContext(job("a"), bytes("in"));
    String res = store().putResult(job("a"), bytes("out"));

    clock.advance(ttl().plusSeconds(1));

    assertThat(store().get(ctx)).isEmpty();
    assertThat(store().get(res)).isEmpty();
    assertThat(store().delete(ctx)).isFalse();
    assertThat(store().copy(ctx, "redis://ctx:" + job("b"))).isFalse();
  }

  @Test
  void overwriteRestartsTheTtl() {
    store().putContext(job("a"), bytes("first"));
    clock.advance(ttl().minusHours(1));
    String ptr = store().putContext(job("a"), bytes("second"));

    clock.advance(Duration.ofHours(2));

    assertThat(store().get(ptr)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("second")));
  }

  @Test
  void copyGetsAFreshTtl() {
    String from = store().putContext(job("a"), bytes("input"));
    clock.advance(ttl().minusHours(1));
    String to = "redis://ctx:" + job("b");
    store().copy(from, to);

    clock.advance(Duration.ofHours(2));

    assertThat(store().get(from)).isEmpty();
    assertThat(store().get(to)).isPresent();
  }

  @Test
  void writeAfterExpiryStartsOver() {
    String ptr = store().putContext(job("a"), bytes("old"));
    clock.advance(ttl().plusSeconds(1));

    store().putContext(job("a"), bytes("new"));

    assertThat(store().get(ptr)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("new")));
  }
}
