package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterQuery;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DeadLetterStore}, as one JUnit 5 suite that every implementation runs.
 * Extend it and implement {@link #createStore(ManualClock, DeadLetterRetention)}; the store must
 * take the time only from the clock and honour the retention it is given.
 */
public abstract class DeadLetterStoreContract {
  /** The clock of the store under test. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable DeadLetterStore store;

  /** Creates a store with the given retention, taking the time from {@code clock}. */
  protected abstract DeadLetterStore createStore(ManualClock clock, DeadLetterRetention retention);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createDeadLetterStore() {
    store = createStore(clock, DeadLetterRetention.DEFAULT);
  }

  @AfterEach
  void cleanUpDeadLetterStore() {
    cleanUp();
  }

  /** The store under test. */
  protected DeadLetterStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  /** An entry created now. */
  protected DeadLetterEntry entry(String jobId) {
    return entry(jobId, clock.instant());
  }

  /** An entry created at {@code at}. */
  protected static DeadLetterEntry entry(String jobId, Instant at) {
    return DeadLetterEntry.builder()
        .jobId(jobId)
        .topic("job.default")
        .tenant("t1")
        .status(JobStatus.FAILED)
        .reason("boom")
        .reasonCode("worker_error")
        .lastState(JobState.FAILED)
        .attempts(1)
        .createdAt(at)
        .build();
  }

  private List<String> ids(Page<DeadLetterEntry> page) {
    return page.items().stream().map(DeadLetterEntry::jobId).toList();
  }

  private List<String> all(DeadLetterQuery first) {
    List<String> seen = new ArrayList<>();
    DeadLetterQuery q = first;
    for (int pages = 0; pages < 100; pages++) {
      Page<DeadLetterEntry> page = store().list(q);
      seen.addAll(ids(page));
      if (page.nextCursor() == null) {
        return seen;
      }
      q = q.toBuilder().cursor(page.nextCursor()).build();
    }
    throw new AssertionError("no end of listing");
  }

  @Test
  void addGetListDelete() {
    store().add(entry("job-1"));

    DeadLetterEntry got = store().get("job-1").orElseThrow();
    assertThat(got.jobId()).isEqualTo("job-1");
    assertThat(got.reason()).isEqualTo("boom");
    assertThat(ids(store().list(DeadLetterQuery.builder().limit(10).build())))
        .containsExactly("job-1");

    assertThat(store().delete("job-1")).isTrue();
    assertThat(store().list(DeadLetterQuery.all()).items()).isEmpty();
    assertThat(store().get("job-1")).isEmpty();
    assertThat(store().delete("job-1")).isFalse();
  }

  @Test
  void everyFieldRoundTripsIncludingTheFullRequest() {
    JobRequest req =
        JobRequest.builder()
            .jobId("job-1")
            .topic("job.default")
            .priority(JobPriority.CRITICAL)
            .contextPtr("redis://ctx:job-1")
            .memoryId("mem-1")
            .tenantId("t1")
            .principalId("p1")
            .workflowId("wf-1")
            .env(Map.of("k", "v"))
            .labels(Map.of("team", "red"))
            .budget(Budget.ofDeadline(Duration.ofSeconds(10)))
            .meta(
                JobMetadata.builder()
                    .capability("cap")
                    .riskTags("secrets")
                    .packId("pack")
                    .actorId("me")
                    .actorType(ActorType.HUMAN)
                    .idempotencyKey("idem")
                    .build())
            .build();
    DeadLetterEntry e =
        entry("job-1").toBuilder()
            .request(req)
            .status(JobStatus.DENIED)
            .reasonCode("safety_denied")
            .lastState(JobState.DENIED)
            .attempts(3)
            .build();

    store().add(e);

    assertThat(store().get("job-1")).contains(e);
  }

  @Test
  void optionalFieldsMayBeAbsent() {
    DeadLetterEntry e = DeadLetterEntry.builder().jobId("job-1").createdAt(clock.instant()).build();

    store().add(e);

    DeadLetterEntry got = store().get("job-1").orElseThrow();
    assertThat(got).isEqualTo(e);
    assertThat(got.status()).isNull();
    assertThat(got.lastState()).isNull();
    assertThat(got.request()).isNull();
  }

  @Test
  void listsNewestFirstAndPagesWithTheCursor() {
    Instant now = clock.instant();
    store().add(entry("job-a", now.minusSeconds(120)));
    store().add(entry("job-b", now.minusSeconds(60)));
    store().add(entry("job-c", now.minusSeconds(30)));

    Page<DeadLetterEntry> first = store().list(DeadLetterQuery.builder().limit(2).build());
    assertThat(ids(first)).containsExactly("job-c", "job-b");
    assertThat(first.nextCursor()).isNotNull();

    Page<DeadLetterEntry> second =
        store().list(DeadLetterQuery.builder().limit(2).cursor(first.nextCursor()).build());
    assertThat(ids(second)).containsExactly("job-a");
    assertThat(second.nextCursor()).isNull();
  }

  // Entries that share a timestamp (here a microsecond) are not skipped by the cursor.
  @Test
  void entriesSharingAMicrosecondAreNeitherSkippedNorRepeated() {
    List<String> added = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      store().add(entry("job-" + i));
      added.add("job-" + i);
    }

    List<String> seen = all(DeadLetterQuery.builder().limit(10).build());

    assertThat(seen).hasSize(25).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(added);
  }

  @Test
  void filtersApplyBeforeThePageIsCut() {
    for (int i = 0; i < 30; i++) {
      store()
          .add(
              entry("job-" + i).toBuilder()
                  .topic(i % 3 == 0 ? "job.special" : "job.default")
                  .tenant(i % 2 == 0 ? "t-even" : "t-odd")
                  .reasonCode(i % 5 == 0 ? "no_workers" : "worker_error")
                  .build());
      clock.advance(Duration.ofMillis(1));
    }

    Page<DeadLetterEntry> first =
        store().list(DeadLetterQuery.builder().topic("job.special").limit(5).build());
    assertThat(first.items()).hasSize(5).allMatch(e -> e.topic().equals("job.special"));
    assertThat(ids(first)).containsExactly("job-27", "job-24", "job-21", "job-18", "job-15");
    assertThat(all(DeadLetterQuery.builder().topic("job.special").limit(5).build())).hasSize(10);
    assertThat(
            all(
                DeadLetterQuery.builder()
                    .tenant("t-even")
                    .reasonCode("no_workers")
                    .limit(2)
                    .build()))
        .containsExactly("job-20", "job-10", "job-0");
    assertThat(store().list(DeadLetterQuery.builder().tenant("nobody").build()).items()).isEmpty();
  }

  @Test
  void addingTheSameJobAgainReplacesItsEntry() {
    store().add(entry("job-1"));
    clock.advance(Duration.ofSeconds(1));
    store().add(entry("job-1").toBuilder().reason("again").build());

    assertThat(store().list(DeadLetterQuery.all()).items())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("again"));
    assertThat(store().get("job-1").orElseThrow().createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void retentionKeepsOnlyTheNewestEntries() {
    store = createStore(clock, new DeadLetterRetention(Duration.ofDays(1), 3));
    for (int i = 0; i < 5; i++) {
      store().add(entry("job-" + i));
      clock.advance(Duration.ofMillis(1));
    }

    assertThat(ids(store().list(DeadLetterQuery.all()))).containsExactly("job-4", "job-3", "job-2");
    assertThat(store().get("job-0")).isEmpty();
    assertThat(store().claim("job-1")).isEmpty();
  }

  @Test
  void retentionDropsEntriesOlderThanTheMaximumAge() {
    store = createStore(clock, new DeadLetterRetention(Duration.ofHours(1), 100));
    store().add(entry("old"));
    clock.advance(Duration.ofMinutes(30));
    store().add(entry("young"));

    clock.advance(Duration.ofMinutes(30));

    assertThat(store().get("old")).isEmpty();
    assertThat(ids(store().list(DeadLetterQuery.all()))).containsExactly("young");
    clock.advance(Duration.ofMinutes(30));
    assertThat(store().get("young")).isEmpty();
    assertThat(store().list(DeadLetterQuery.all()).items()).isEmpty();
  }

  @Test
  void claimRemovesAndReturnsTheEntryOnce() {
    store().add(entry("job-1"));

    assertThat(store().claim("job-1"))
        .get()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("boom"));
    assertThat(store().claim("job-1")).isEmpty();
    assertThat(store().get("job-1")).isEmpty();
    assertThat(store().list(DeadLetterQuery.all()).items()).isEmpty();
  }

  @Test
  void concurrentClaimsGiveTheEntryToExactlyOne() throws Exception {
    for (int round = 0; round < 10; round++) {
      String id = "job-race-" + round;
      store().add(entry(id));

      List<Optional<DeadLetterEntry>> results = Races.run(8, () -> store().claim(id));

      assertThat(results.stream().filter(Optional::isPresent).count())
          .as("claims won in round %d", round)
          .isEqualTo(1);
    }
  }

  @Test
  void blankJobIdIsRejected() {
    assertThatThrownBy(() -> store().add(entry(" ")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("job_id"));
    assertThatThrownBy(() -> store().get("")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store().delete("")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store().claim(" ")).isInstanceOf(ValidationException.class);
  }

  @Test
  void invalidCursorIsRejected() {
    assertThatThrownBy(() -> store().list(DeadLetterQuery.builder().cursor("x!").build()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void limitIsBounded() {
    assertThatThrownBy(() -> DeadLetterQuery.builder().limit(0).build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> DeadLetterQuery.builder().limit(DeadLetterQuery.MAX_LIMIT + 1).build())
        .isInstanceOf(ValidationException.class);
  }
}
