package io.cordum.core.internal.workflow;

import io.cordum.api.Page;
import io.cordum.api.workflow.RunCreation;
import io.cordum.api.workflow.RunQuery;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A store that counts the run updates it stores and, when armed, holds the next update until
 * released (the update then goes to the store as it was asked).
 */
final class GatedWorkflowStore implements WorkflowStore {
  private final WorkflowStore d;
  final AtomicInteger updates = new AtomicInteger();
  final AtomicInteger conflicts = new AtomicInteger();
  private final AtomicReference<@Nullable CountDownLatch[]> gate = new AtomicReference<>();

  GatedWorkflowStore(WorkflowStore delegate) {
    this.d = delegate;
  }

  /** Holds the next update; returns {entered, release}. */
  CountDownLatch[] arm() {
    CountDownLatch[] g = {new CountDownLatch(1), new CountDownLatch(1)};
    gate.set(g);
    return g;
  }

  @Override
  public WorkflowRun updateRun(WorkflowRun run, long expectedVersion, List<TimelineEvent> events) {
    CountDownLatch[] g = gate.getAndSet(null);
    if (g != null) {
      g[0].countDown();
      try {
        if (!g[1].await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("the gate was not released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    try {
      WorkflowRun saved = d.updateRun(run, expectedVersion, events);
      updates.incrementAndGet();
      return saved;
    } catch (io.cordum.api.ConflictException e) {
      conflicts.incrementAndGet();
      throw e;
    }
  }

  @Override
  public WorkflowDefinition saveDefinition(WorkflowDefinition definition, long expectedVersion) {
    return d.saveDefinition(definition, expectedVersion);
  }

  @Override
  public Optional<WorkflowDefinition> getDefinition(String workflowId) {
    return d.getDefinition(workflowId);
  }

  @Override
  public Optional<WorkflowDefinition> getDefinition(String workflowId, long version) {
    return d.getDefinition(workflowId, version);
  }

  @Override
  public List<WorkflowDefinition> listDefinitions(String tenant, int limit) {
    return d.listDefinitions(tenant, limit);
  }

  @Override
  public boolean deleteDefinition(String workflowId) {
    return d.deleteDefinition(workflowId);
  }

  @Override
  public RunCreation createRun(WorkflowRun run, int maxActiveRuns) {
    return d.createRun(run, maxActiveRuns);
  }

  @Override
  public long countActiveRuns(String tenant) {
    return d.countActiveRuns(tenant);
  }

  @Override
  public Optional<WorkflowRun> getRun(String runId) {
    return d.getRun(runId);
  }

  @Override
  public boolean deleteRun(String runId) {
    return d.deleteRun(runId);
  }

  @Override
  public Page<WorkflowRun> listRuns(RunQuery query) {
    return d.listRuns(query);
  }

  @Override
  public List<WorkflowRun> dueTimers(Instant now, int limit) {
    return d.dueTimers(now, limit);
  }

  @Override
  public Optional<String> findRunByIdempotencyKey(String tenant, String key) {
    return d.findRunByIdempotencyKey(tenant, key);
  }

  @Override
  public TimelineEvent appendTimeline(String runId, TimelineEvent event) {
    return d.appendTimeline(runId, event);
  }

  @Override
  public Page<TimelineEvent> timeline(String runId, TimelineQuery query) {
    return d.timeline(runId, query);
  }
}
