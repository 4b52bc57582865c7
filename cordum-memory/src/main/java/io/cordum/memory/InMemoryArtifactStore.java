package io.cordum.memory;

import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.artifact.Artifact;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactMetadata;
import io.cordum.api.artifact.ArtifactPointers;
import io.cordum.api.artifact.ArtifactQuery;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.artifact.ArtifactSummary;
import io.cordum.api.artifact.ArtifactTooLargeException;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.Tenants;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * An {@link ArtifactStore} held in this JVM. Artifacts expire by the injected clock at the end of
 * their retention class's time; expired ones read as absent and are purged by later puts. Each
 * tenant has an index ordered by (creation time, id), so listings page exactly. Ids are random
 * UUIDs from a secure generator: a pointer should not be guessable.
 */
public final class InMemoryArtifactStore implements ArtifactStore {
  private final InstantSource clock;
  private final ArtifactConfig config;
  private final ConcurrentHashMap<String, Stored> artifacts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentSkipListSet<IndexKey>> byTenant =
      new ConcurrentHashMap<>();
  private final ExpiryQueue<String> expiries = new ExpiryQueue<>();

  /** A store with the default retention times and size limit. */
  public InMemoryArtifactStore(InstantSource clock) {
    this(clock, ArtifactConfig.DEFAULT);
  }

  /** A store with the given settings. */
  public InMemoryArtifactStore(InstantSource clock, ArtifactConfig config) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public String put(ArtifactUpload upload) {
    if (upload.size() == 0) {
      throw new ValidationException("content", "must not be empty");
    }
    if (upload.size() > config.maxBytes()) {
      throw new ArtifactTooLargeException(upload.size(), config.maxBytes());
    }
    Instant now = Micros.now(clock);
    purge(now);
    String id = UUID.randomUUID().toString();
    String tenant = tenant(upload.tenant());
    ArtifactMetadata meta =
        new ArtifactMetadata(
            upload.contentType(),
            upload.size(),
            upload.retention(),
            upload.labels(),
            tenant,
            now,
            now.plus(config.ttl(upload.retention())));
    IndexKey key = IndexKey.of(now, id);
    artifacts.put(id, new Stored(upload.content(), meta));
    byTenant.computeIfAbsent(tenant, t -> new ConcurrentSkipListSet<>()).add(key);
    expiries.add(id, meta.expiresAt());
    return ArtifactPointers.of(id);
  }

  @Override
  public Optional<Artifact> get(String pointer) {
    String id = ArtifactPointers.idOf(pointer);
    Stored s = artifacts.get(id);
    if (s == null || !s.liveAt(Micros.now(clock))) {
      return Optional.empty();
    }
    return Optional.of(new Artifact(ArtifactPointers.of(id), s.meta, s.data));
  }

  @Override
  public boolean delete(String pointer) {
    String id = ArtifactPointers.idOf(pointer);
    Instant now = Micros.now(clock);
    Stored s = artifacts.remove(id);
    if (s == null) {
      return false;
    }
    unindex(id, s);
    return s.liveAt(now);
  }

  @Override
  public Page<ArtifactSummary> list(ArtifactQuery query) {
    Instant now = Micros.now(clock);
    IndexKey after = query.cursor() == null ? null : IndexKey.decode(query.cursor());
    ConcurrentSkipListSet<IndexKey> index = byTenant.get(tenant(query.tenant()));
    if (index == null) {
      return new Page<>(List.of(), null);
    }
    Iterator<IndexKey> it =
        after == null
            ? index.descendingIterator()
            : index.headSet(after, false).descendingIterator();
    List<ArtifactSummary> items = new ArrayList<>();
    IndexKey last = null;
    while (it.hasNext()) {
      IndexKey k = it.next();
      Stored s = artifacts.get(k.id());
      if (s == null || !s.liveAt(now)) {
        continue;
      }
      if (items.size() == query.limit()) {
        return new Page<>(items, IndexKey.encode(Objects.requireNonNull(last)));
      }
      items.add(new ArtifactSummary(ArtifactPointers.of(k.id()), s.meta));
      last = k;
    }
    return new Page<>(items, null);
  }

  private void unindex(String id, Stored s) {
    expiries.remove(id, s.meta.expiresAt());
    ConcurrentSkipListSet<IndexKey> index = byTenant.get(s.meta.tenant());
    if (index != null) {
      index.remove(IndexKey.of(s.meta.createdAt(), id));
    }
  }

  private void purge(Instant now) {
    expiries.drain(
        now,
        id -> {
          Stored s = artifacts.get(id);
          if (s != null && !s.liveAt(now) && artifacts.remove(id, s)) {
            ConcurrentSkipListSet<IndexKey> index = byTenant.get(s.meta.tenant());
            if (index != null) {
              index.remove(IndexKey.of(s.meta.createdAt(), id));
            }
          }
        });
  }

  private static String tenant(String tenant) {
    return tenant.isBlank() ? Tenants.DEFAULT : tenant.trim();
  }

  /** Entries held, for tests that check expired artifacts are gone. */
  int footprint() {
    return artifacts.size()
        + expiries.size()
        + byTenant.values().stream().mapToInt(ConcurrentSkipListSet::size).sum();
  }

  /** The bytes and metadata of one artifact. */
  private record Stored(byte[] data, ArtifactMetadata meta) {
    boolean liveAt(Instant now) {
      return meta.expiresAt().isAfter(now);
    }
  }
}
