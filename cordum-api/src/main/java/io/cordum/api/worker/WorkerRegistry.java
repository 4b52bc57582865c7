package io.cordum.api.worker;

import io.cordum.api.cap.Heartbeat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workers that heartbeat recently. Each heartbeat replaces the worker's previous entry; an
 * entry older than the registry's TTL (30 s by default) is gone (one exactly TTL old is still
 * live). A heartbeat with a blank worker id is ignored: no subject can reach such a worker.
 * Thread-safe.
 *
 * <p>Every scheduler replica receives every heartbeat (the heartbeat subject has no queue group),
 * so a registry local to each replica sees the same workers.
 */
public interface WorkerRegistry extends AutoCloseable {

  /** Records a heartbeat, received now. */
  void update(Heartbeat heartbeat);

  /** The live workers by id. */
  Map<String, WorkerInfo> snapshot();

  /** The live workers of one pool. */
  List<WorkerInfo> workersForPool(String pool);

  /** One live worker. */
  Optional<WorkerInfo> get(String workerId);

  /** Forgets a worker. Returns whether it was known. */
  boolean remove(String workerId);

  /** Stops any background expiry. */
  @Override
  void close();
}
