package io.cordum.core.internal.config;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.config.ConfigDocument;
import io.cordum.api.config.ConfigEntry;
import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigService;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.config.ConfigTarget;
import io.cordum.api.config.ConfigWrite;
import io.cordum.api.config.EffectiveConfig;
import io.cordum.api.config.EffectiveConfigProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The hierarchical config service: one document per scope and id (system, org, team, workflow,
 * step), and the effective config of a target, merged from the documents that apply to it.
 *
 * <pre>{@code
 * DefaultConfigService config = cordum.config();
 * config.set(ConfigScope.SYSTEM, "", Map.of("timeout", 60, "model", "gpt-4"));
 * config.set(ConfigScope.ORG, "acme", Map.of("timeout", 30));
 * config.resolve(ConfigTarget.org("acme")).data();   // {model=gpt-4, timeout=30}
 * }</pre>
 *
 * <p><b>Writes</b> replace a document's data and are checked first: the data must be JSON (maps,
 * lists, strings, numbers, booleans, null), and its {@code pools}, {@code timeouts} and {@code
 * safety} sections must pass their checks ({@link ConfigSchemas#checkSection}); a bad document is
 * rejected with a {@link ValidationException} naming every bad field, and nothing is written. Each
 * write is a compare-and-set on the revision in the store: {@link #update} retries on a conflict,
 * so concurrent read-modify-writes lose nothing; a {@link ConfigWrite} with an expected revision
 * fails with {@link ConflictException} instead. Revisions only increase.
 *
 * <p><b>The merge</b> ({@link #resolve}) lays system, org, team, workflow and step over each other:
 * objects merge deep, other values replace, {@code null} deletes, and the {@code safety} section
 * can only be tightened by a narrower scope (see {@code docs/architecture.md}).
 *
 * <p>As an {@link EffectiveConfigProvider} it is what the scheduler embeds in each job's env as
 * {@code CORDUM_EFFECTIVE_CONFIG}. Store failures are not swallowed (treating them as "no config"
 * would run jobs without their policy): they surface as {@link io.cordum.api.BackendException}.
 */
public final class DefaultConfigService implements ConfigService {
  /** How many times {@link #update} retries after a conflict. */
  public static final int MAX_UPDATE_ATTEMPTS = 32;

  private static final List<ConfigScope> ORDER =
      List.of(
          ConfigScope.SYSTEM,
          ConfigScope.ORG,
          ConfigScope.TEAM,
          ConfigScope.WORKFLOW,
          ConfigScope.STEP);
  private static final List<String> SECTIONS = List.of("pools", "timeouts", "safety");

  /** How long {@link #effective} reuses a resolved config by default. */
  public static final java.time.Duration DEFAULT_EFFECTIVE_CACHE_TTL =
      java.time.Duration.ofSeconds(1);

  private static final int MAX_CACHED_TARGETS = 4096;

  private final ConfigStore store;
  private final long cacheTtlNanos;
  // Only the scheduler's per-job lookup is cached: every job would otherwise cost a store round
  // trip for a config that rarely changes. Writes through this service clear it; writes made
  // elsewhere (another replica) are seen within the TTL.
  private final java.util.concurrent.ConcurrentHashMap<ConfigTarget, Cached> cache =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Cached(long expiresAtNanos, Map<String, Object> data) {}

  private final List<java.util.function.Consumer<ConfigKey>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Calls {@code listener} with the key of every document written or deleted through this service
   * (on this replica), after the write. A listener that throws is logged and skipped.
   */
  public void addListener(java.util.function.Consumer<ConfigKey> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added with {@link #addListener}. */
  public void removeListener(java.util.function.Consumer<ConfigKey> listener) {
    listeners.remove(listener);
  }

  private void changed(ConfigKey key) {
    cache.clear();
    for (java.util.function.Consumer<ConfigKey> l : listeners) {
      try {
        l.accept(key);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(ConfigService.class)
            .warn("config listener failed for {}: {}", key, e.toString());
      }
    }
  }

  /** A service over the given store, caching {@link #effective} for 1 s. */
  public DefaultConfigService(ConfigStore store) {
    this(store, DEFAULT_EFFECTIVE_CACHE_TTL);
  }

  /**
   * A service over the given store.
   *
   * @param effectiveCacheTtl how long the per-job {@link #effective} lookup reuses a resolved
   *     config (zero: never); {@link #resolve} always reads the store
   */
  public DefaultConfigService(ConfigStore store, java.time.Duration effectiveCacheTtl) {
    this.store = Objects.requireNonNull(store, "store");
    if (effectiveCacheTtl.isNegative()) {
      throw new io.cordum.api.ValidationException(
          "effective_cache_ttl", "must not be negative, was " + effectiveCacheTtl);
    }
    this.cacheTtlNanos = effectiveCacheTtl.toNanos();
  }

  /** The document, if it exists. */
  @Override
  public Optional<ConfigDocument> find(ConfigKey key) {
    return store.get(key).map(DefaultConfigService::document);
  }

  /**
   * The document.
   *
   * @throws NotFoundException if it does not exist
   */
  @Override
  public ConfigDocument get(ConfigKey key) {
    return find(key).orElseThrow(() -> new NotFoundException("config not found: " + key));
  }

  /** Like {@link #get(ConfigKey)}; a blank system id means {@code default}. */
  @Override
  public ConfigDocument get(ConfigScope scope, String scopeId) {
    return get(ConfigKey.of(scope, scopeId));
  }

  /**
   * Replaces a document's data, whatever its revision.
   *
   * @throws ValidationException if the data is not valid (every problem listed)
   */
  @Override
  public ConfigDocument set(ConfigScope scope, String scopeId, Map<String, ?> data) {
    return set(ConfigWrite.builder(scope, scopeId).data(data).build());
  }

  /**
   * Writes a document.
   *
   * @throws ValidationException if the data is not valid (every problem listed)
   * @throws ConflictException if the write expects a revision that is not the current one
   */
  @Override
  public ConfigDocument set(ConfigWrite write) {
    String data = canonical(write.data());
    ConfigDocument out =
        document(store.put(write.key(), data, write.meta(), write.expectedRevision()));
    changed(write.key());
    return out;
  }

  /**
   * Read-modify-write: applies {@code edit} to the current data ({@code {}} if there is no
   * document) and writes the result if nobody wrote in between; otherwise reads again and retries.
   * Labels are kept.
   *
   * @param edit takes the current data (a mutable copy) and returns the new data
   * @throws ValidationException if the edited data is not valid
   * @throws ConflictException if it still conflicts after {@link #MAX_UPDATE_ATTEMPTS} attempts
   */
  @Override
  public ConfigDocument update(ConfigKey key, UnaryOperator<Map<String, Object>> edit) {
    for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      Optional<ConfigEntry> cur = store.get(key);
      Map<String, Object> data =
          new LinkedHashMap<>(cur.map(e -> JsonValues.parseObject(e.data())).orElse(Map.of()));
      String next = canonical(edit.apply(data));
      try {
        ConfigDocument out =
            document(
                store.put(
                    key,
                    next,
                    cur.map(ConfigEntry::meta).orElse(Map.of()),
                    cur.map(ConfigEntry::revision).orElse(ConfigStore.ABSENT)));
        changed(key);
        return out;
      } catch (ConflictException e) {
        // someone else wrote in between: read again
      }
    }
    throw new ConflictException(
        "config " + key + " kept changing; gave up after " + MAX_UPDATE_ATTEMPTS + " attempts");
  }

  /** Deletes a document, whatever its revision; {@code false} if there was none. */
  @Override
  public boolean delete(ConfigKey key) {
    return delete(key, ConfigStore.ANY_REVISION);
  }

  /**
   * Deletes a document if it is at {@code expectedRevision}.
   *
   * @throws ConflictException if it is at another revision
   */
  @Override
  public boolean delete(ConfigKey key, long expectedRevision) {
    boolean deleted = store.delete(key, expectedRevision);
    changed(key);
    return deleted;
  }

  /**
   * The effective config of a target: the system document, then the org's, team's, workflow's and
   * step's (those with a non-blank id), merged in that order. Missing documents are skipped.
   */
  @Override
  public EffectiveConfig resolve(ConfigTarget target) {
    List<ConfigKey> keys = new ArrayList<>(5);
    keys.add(ConfigKey.system());
    String[] ids = {target.orgId(), target.teamId(), target.workflowId(), target.stepId()};
    for (int i = 0; i < ids.length; i++) {
      if (!ids[i].isEmpty()) {
        keys.add(ConfigKey.of(ORDER.get(i + 1), ids[i]));
      }
    }
    Map<ConfigKey, ConfigEntry> found = store.getAll(keys);
    List<Map<String, Object>> layers = new ArrayList<>();
    long[] revisions = new long[ORDER.size()];
    for (ConfigKey k : keys) {
      ConfigEntry e = found.get(k);
      if (e != null) {
        layers.add(JsonValues.parseObject(e.data()));
        revisions[ORDER.indexOf(k.scope())] = e.revision();
      }
    }
    Map<String, Object> merged = ConfigMerge.merge(layers);
    StringBuilder version = new StringBuilder();
    for (int i = 0; i < ORDER.size(); i++) {
      version
          .append(i == 0 ? "" : "|")
          .append(ORDER.get(i).wireName())
          .append(':')
          .append(revisions[i]);
    }
    return new EffectiveConfig(version.toString(), CanonicalJson.sha256(merged), merged);
  }

  /**
   * The effective data, for the scheduler (see {@link EffectiveConfigProvider}): the merge of
   * {@link #resolve}, without the scheduler's own {@code pools} and {@code timeouts} sections (they
   * configure the control plane, not the job, and would bloat every job's env).
   */
  @Override
  public Map<String, Object> effective(
      String orgId, String teamId, String workflowId, String stepId) {
    ConfigTarget target = new ConfigTarget(orgId, teamId, workflowId, stepId);
    if (cacheTtlNanos == 0) {
      return forJobs(resolve(target).data());
    }
    long now = System.nanoTime();
    Cached c = cache.get(target);
    if (c != null && now - c.expiresAtNanos() < 0) {
      return c.data();
    }
    Map<String, Object> data = forJobs(resolve(target).data());
    if (cache.size() >= MAX_CACHED_TARGETS) {
      cache.clear();
    }
    cache.put(target, new Cached(now + cacheTtlNanos, data));
    return data;
  }

  private static Map<String, Object> forJobs(Map<String, Object> data) {
    if (!data.containsKey("pools") && !data.containsKey("timeouts")) {
      return data;
    }
    Map<String, Object> out = new LinkedHashMap<>(data);
    out.remove("pools");
    out.remove("timeouts");
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Checks data and returns its canonical JSON. */
  private static String canonical(@Nullable Map<String, ?> data) {
    if (data == null) {
      throw new ValidationException("data", "is required");
    }
    String json = CanonicalJson.write(data);
    List<Violation> errors = new ArrayList<>();
    for (String section : SECTIONS) {
      Object value = data.get(section);
      if (value != null) {
        errors.addAll(ConfigSchemas.checkSection(section, value, "data." + section));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return json;
  }

  private static ConfigDocument document(ConfigEntry e) {
    return new ConfigDocument(
        e.key(),
        JsonValues.parseObject(e.data()),
        e.revision(),
        e.updatedAt(),
        e.meta(),
        CanonicalJson.sha256Hex(e.data()));
  }
}
