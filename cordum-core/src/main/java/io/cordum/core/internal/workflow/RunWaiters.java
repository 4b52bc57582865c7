package io.cordum.core.internal.workflow;

import io.cordum.api.ClosedException;
import io.cordum.api.NotFoundException;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The futures of {@link DefaultWorkflowEngine#awaitTerminal(String)}: completed at once when this
 * engine stores a run's end, and by {@link #poll()} (on every timer tick) for runs that another
 * replica ended. Registering first and reading the store after closes the race with an end stored
 * in between.
 */
final class RunWaiters {
  private final WorkflowStore store;
  private final Map<String, List<CompletableFuture<WorkflowRun>>> waiting =
      new ConcurrentHashMap<>();

  RunWaiters(WorkflowStore store) {
    this.store = store;
  }

  CompletableFuture<WorkflowRun> await(String runId) {
    CompletableFuture<WorkflowRun> f = new CompletableFuture<>();
    waiting.computeIfAbsent(runId, k -> new CopyOnWriteArrayList<>()).add(f);
    Optional<WorkflowRun> run = store.getRun(runId);
    if (run.isEmpty()) {
      remove(runId, f);
      f.completeExceptionally(new NotFoundException("workflow run " + runId));
    } else if (run.get().isTerminal()) {
      ended(run.get());
    }
    return f;
  }

  /** Completes the waiters of a run that has ended. */
  void ended(WorkflowRun run) {
    if (!run.isTerminal()) {
      return;
    }
    List<CompletableFuture<WorkflowRun>> fs = waiting.remove(run.id());
    if (fs != null) {
      fs.forEach(f -> f.complete(run));
    }
  }

  /** Reads the awaited runs that are still open (ended elsewhere, or deleted). */
  void poll() {
    for (String id : List.copyOf(waiting.keySet())) {
      Optional<WorkflowRun> run = store.getRun(id);
      if (run.isEmpty()) {
        fail(id, new NotFoundException("workflow run " + id + " was deleted"));
      } else {
        ended(run.get());
      }
    }
  }

  /** Fails every open waiter (the engine is closing). */
  void closeAll() {
    for (String id : List.copyOf(waiting.keySet())) {
      fail(
          id,
          new ClosedException(
              "the workflow engine was closed before run "
                  + id
                  + " ended; await it on another engine"));
    }
  }

  private void fail(String id, RuntimeException e) {
    List<CompletableFuture<WorkflowRun>> fs = waiting.remove(id);
    if (fs != null) {
      fs.forEach(f -> f.completeExceptionally(e));
    }
  }

  private void remove(String id, CompletableFuture<WorkflowRun> f) {
    waiting.computeIfPresent(
        id,
        (k, l) -> {
          l.remove(f);
          return l.isEmpty() ? null : l;
        });
  }
}
