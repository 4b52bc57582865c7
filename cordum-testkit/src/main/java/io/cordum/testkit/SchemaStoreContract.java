package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.schema.SchemaEntry;
import io.cordum.api.schema.SchemaStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SchemaStore}, as one JUnit 5 suite that every implementation runs. Extend
 * it and implement {@link #createStore(ManualClock)}; the store must start empty and take the time
 * only from the given clock. {@link #cleanUp()} runs after each test.
 */
public abstract class SchemaStoreContract {
  private static final String OBJ = "{\"type\":\"object\"}";
  private static final String STR = "{\"type\":\"string\"}";

  /** The clock of the store under test. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable SchemaStore store;

  /** Creates an empty store under test, taking the time from {@code clock}. */
  protected abstract SchemaStore createStore(ManualClock clock);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createSchemaStore() {
    store = createStore(clock);
  }

  @AfterEach
  void cleanUpSchemaStore() {
    cleanUp();
  }

  /** The store under test. */
  protected SchemaStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  @Test
  void putThenGet() {
    SchemaEntry e = store().put("orders/input", OBJ);

    assertThat(e).isEqualTo(new SchemaEntry("orders/input", OBJ, 1, clock.instant()));
    assertThat(store().get("orders/input")).contains(e);
    assertThat(store().get("orders")).isEmpty();
  }

  @Test
  void reRegisteringReplacesTheBodyAndCountsTheRevision() {
    store().put("s", OBJ);
    clock.advance(Duration.ofSeconds(1));
    SchemaEntry second = store().put("s", STR);

    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.registeredAt()).isEqualTo(clock.instant());
    assertThat(store().get("s").orElseThrow().body()).isEqualTo(STR);
  }

  @Test
  void listIsNewestFirstAndReRegisteringMovesToTheFront() {
    store().put("a", OBJ);
    clock.advance(Duration.ofSeconds(1));
    store().put("b", OBJ);
    clock.advance(Duration.ofSeconds(1));
    store().put("c", OBJ);
    assertThat(store().list(10)).containsExactly("c", "b", "a");

    clock.advance(Duration.ofSeconds(1));
    store().put("a", STR);
    assertThat(store().list(10)).containsExactly("a", "c", "b");
    assertThat(store().list(2)).containsExactly("a", "c");
  }

  @Test
  void sameTimeIsListedInReverseIdOrder() {
    store().put("x1", OBJ);
    store().put("x3", OBJ);
    store().put("x2", OBJ);
    assertThat(store().list(10)).containsExactly("x3", "x2", "x1");
  }

  @Test
  void deleteRemovesTheBodyAndTheListingEntry() {
    store().put("d", OBJ);
    store().put("keep", OBJ);

    assertThat(store().delete("d")).isTrue();
    assertThat(store().get("d")).isEmpty();
    assertThat(store().list(10)).containsExactly("keep");
    assertThat(store().delete("d")).isFalse();
  }

  @Test
  void aDeletedIdStartsOverWhenRegisteredAgain() {
    store().put("r", OBJ);
    store().put("r", OBJ);
    store().delete("r");
    assertThat(store().put("r", STR).revision()).isEqualTo(1);
  }

  @Test
  void blankIdsBodiesAndLimitsAreRejected() {
    assertThatThrownBy(() -> store().put(" ", OBJ))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> store().put("x", "  "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("schema");
    assertThatThrownBy(() -> store().list(0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit");
    assertThat(store().list(5)).isEmpty();
  }

  @Test
  void everyRegisteredSchemaStaysListed() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 520; i++) {
      String id = String.format("s%04d", i);
      ids.add(0, id);
      store().put(id, OBJ);
      clock.advance(Duration.ofMillis(1));
    }
    assertThat(store().list(1000)).containsExactlyElementsOf(ids);
    assertThat(store().get("s0000")).isPresent();
  }
}
