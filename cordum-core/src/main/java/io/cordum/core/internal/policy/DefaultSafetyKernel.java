package io.cordum.core.internal.policy;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.PolicyAuditRecord;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.policy.PolicyExplanation;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SafetyKernel;
import io.cordum.core.internal.policy.engine.CompiledPolicy;
import io.cordum.core.internal.policy.engine.Evaluation;
import io.cordum.core.internal.policy.engine.Evaluator;
import io.cordum.core.internal.policy.engine.RequestView;
import io.cordum.core.internal.policy.engine.SourcedDocument;
import io.cordum.core.policy.SafetyKernelConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety kernel, in process. The live policy and its snapshot id are one immutable value
 * swapped atomically, so a decision always sees a consistent pair.
 *
 * <p><b>Loading.</b> The constructor loads the sources and fails if that fails (the kernel refuses
 * to start on a broken policy). Afterwards {@link #reload()} loads them again; a failed reload
 * keeps the current policy (last known good) and reports why. Any new snapshot id swaps the policy
 * in, including the move to no policy at all when every source was removed. {@link #tick()} reloads
 * when the reload interval has passed by the injected clock, and {@link #start} runs {@code tick}
 * on the host's executor.
 *
 * <p><b>Decisions.</b> {@link #check} and {@link #evaluate} use the decision cache when it is
 * enabled; {@link #explain} and {@link #simulate} never do. Each decision is audited.
 */
public final class DefaultSafetyKernel implements SafetyKernel, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DefaultSafetyKernel.class);

  private record Live(CompiledPolicy policy, String snapshot, PolicyLoader.Loaded loaded) {}

  private final SafetyKernelConfig config;
  private final InstantSource clock;
  private final PolicyLoader loader;
  private volatile Live live;
  private final ArrayDeque<String> history = new ArrayDeque<>();
  private final ReentrantLock reloadLock = new ReentrantLock();
  private final DecisionCache cache;
  private final DecisionAudit audit;
  private volatile Instant nextReload;
  private @Nullable ScheduledFuture<?> ticker;

  /**
   * Creates the kernel and loads its policy.
   *
   * @param config settings
   * @param bundles the bundle store whose enabled bundles join the policy, or {@code null}
   * @param clock the time source
   * @throws io.cordum.api.CordumException if the initial load fails
   */
  public DefaultSafetyKernel(
      SafetyKernelConfig config, @Nullable PolicyBundleStore bundles, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    this.loader = new PolicyLoader(config, bundles);
    this.cache = new DecisionCache(config.decisionCacheTtl(), config.decisionCacheSize(), clock);
    this.audit = new DecisionAudit(config.auditCapacity(), config.auditSink());
    PolicyLoader.Loaded first = loader.load();
    first.warnings().forEach(w -> log.warn("policy load: {}", w));
    swap(first);
    this.nextReload = clock.instant().plus(config.reloadInterval());
  }

  /** The settings. */
  public SafetyKernelConfig config() {
    return config;
  }

  @Override
  public SafetyDecisionRecord check(JobRequest request) {
    return decide("check", request);
  }

  @Override
  public SafetyDecisionRecord evaluate(JobRequest request) {
    return decide("evaluate", request);
  }

  @Override
  public PolicyExplanation explain(JobRequest request) {
    Live l = live;
    Evaluation e = Evaluator.evaluate(l.policy(), RequestView.of(request), true);
    return new PolicyExplanation(record("explain", request, e, l.snapshot(), false), e.trace());
  }

  @Override
  public PolicyExplanation simulate(JobRequest request, PolicyBundle draft) {
    Live l = live;
    PolicyLoader.BundleDoc d = PolicyLoader.parseDraft(draft);
    List<PolicyLoader.BundleDoc> bundles = new ArrayList<>();
    for (PolicyLoader.BundleDoc b : l.loaded().bundles()) {
      if (!b.bundle().id().equals(draft.id())) {
        bundles.add(b);
      }
    }
    bundles.add(d);
    bundles.sort(Comparator.comparing(PolicyLoader.BundleDoc::bundle, BundleOrder.ORDER));
    CompiledPolicy p = compile(l.loaded().base(), bundles);
    Evaluation e = Evaluator.evaluate(p, RequestView.of(request), true);
    String snap =
        "simulation:"
            + Hashing.hex(draft.id() + "\0" + draft.content()).substring(0, 12)
            + "+"
            + l.snapshot();
    return new PolicyExplanation(record("simulate", request, e, snap, false), e.trace());
  }

  @Override
  public String currentSnapshot() {
    return live.snapshot();
  }

  @Override
  public List<String> snapshots() {
    reloadLock.lock();
    try {
      return List.copyOf(history);
    } finally {
      reloadLock.unlock();
    }
  }

  @Override
  public ReloadStatus reload() {
    reloadLock.lock();
    try {
      PolicyLoader.Loaded loaded;
      try {
        loaded = loader.load();
      } catch (RuntimeException e) {
        log.warn(
            "policy reload failed, keeping snapshot {}: {}", currentSnapshot(), e.getMessage());
        return new ReloadStatus(
            currentSnapshot(), false, String.valueOf(e.getMessage()), List.of());
      }
      loaded.warnings().forEach(w -> log.warn("policy reload: {}", w));
      boolean changed = !loaded.snapshot().equals(currentSnapshot());
      if (changed) {
        swap(loaded);
        log.info("policy snapshot {} loaded", loaded.snapshot());
      } else {
        // Same policy: keep the bundles' parsed state fresh for simulations.
        Live l = live;
        live = new Live(l.policy(), l.snapshot(), loaded);
      }
      return new ReloadStatus(currentSnapshot(), changed, "", loaded.warnings());
    } finally {
      nextReload = clock.instant().plus(config.reloadInterval());
      reloadLock.unlock();
    }
  }

  /** Reloads if the reload interval has passed since the last load; returns the status if so. */
  public @Nullable ReloadStatus tick() {
    if (clock.instant().isBefore(nextReload)) {
      return null;
    }
    return reload();
  }

  /**
   * Runs {@link #tick()} on the executor (at most every second, and at least as often as the reload
   * interval) until {@link #close()}.
   */
  public void start(ScheduledExecutorService executor) {
    long ms = Math.max(10, Math.min(config.reloadInterval().toMillis(), 1000));
    reloadLock.lock();
    try {
      if (ticker == null) {
        ticker =
            executor.scheduleWithFixedDelay(
                () -> {
                  try {
                    tick();
                  } catch (RuntimeException e) {
                    log.warn("policy reload tick failed: {}", e.toString());
                  }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
      }
    } finally {
      reloadLock.unlock();
    }
  }

  @Override
  public List<PolicyAuditRecord> recentDecisions(int limit) {
    return audit.recent(limit);
  }

  /** How many decisions are cached now. */
  public int cachedDecisions() {
    return cache.size();
  }

  /** Stops the reload ticker. */
  @Override
  public void close() {
    reloadLock.lock();
    try {
      if (ticker != null) {
        ticker.cancel(false);
        ticker = null;
      }
    } finally {
      reloadLock.unlock();
    }
  }

  private SafetyDecisionRecord decide(String op, JobRequest request) {
    Live l = live;
    String key = null;
    if (cache.enabled()) {
      key = DecisionCache.key(l.snapshot(), request);
      Evaluation hit = cache.get(key);
      if (hit != null) {
        return record(op, request, hit, l.snapshot(), true);
      }
    }
    Evaluation e = Evaluator.evaluate(l.policy(), RequestView.of(request), false);
    if (key != null && e.cacheable()) {
      cache.put(key, e);
    }
    return record(op, request, e, l.snapshot(), false);
  }

  private SafetyDecisionRecord record(
      String op, JobRequest request, Evaluation e, String snapshot, boolean cached) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    SafetyDecisionRecord d =
        new SafetyDecisionRecord(
            e.decision(),
            e.reason(),
            e.ruleId(),
            e.ruleId().isEmpty() && !e.cacheable() ? "" : snapshot,
            e.constraints(),
            e.remediations(),
            e.approvalRequired(),
            e.approvalRequired() ? request.jobId() : "",
            "",
            now);
    audit.record(
        new PolicyAuditRecord(
            op,
            request.jobId(),
            e.ruleId(),
            d.policySnapshot(),
            e.decision(),
            e.constraints(),
            e.reason(),
            cached,
            now));
    return d;
  }

  private void swap(PolicyLoader.Loaded loaded) {
    CompiledPolicy p = compile(loaded.base(), loaded.bundles());
    live = new Live(p, loaded.snapshot(), loaded);
    cache.clear();
    history.addFirst(loaded.snapshot());
    while (history.size() > config.snapshotHistory()) {
      history.removeLast();
    }
  }

  private static CompiledPolicy compile(
      @Nullable SourcedDocument base, List<PolicyLoader.BundleDoc> bundles) {
    List<SourcedDocument> docs = new ArrayList<>();
    if (base != null) {
      docs.add(base);
    }
    for (PolicyLoader.BundleDoc b : bundles) {
      if (b.doc() != null) {
        docs.add(new SourcedDocument("bundle:" + b.bundle().id(), b.doc()));
      }
    }
    return CompiledPolicy.compile(docs);
  }
}
