package io.cordum.core.internal.policy;

import io.cordum.api.ValidationException;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.core.internal.policy.engine.PolicyDocument;
import io.cordum.core.internal.policy.engine.PolicyParser;
import io.cordum.core.internal.policy.engine.SourcedDocument;
import io.cordum.core.policy.PolicySource;
import io.cordum.core.policy.SafetyKernelConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Loads the policy sources: the base policy (with its signature check) and the enabled bundles, and
 * computes the snapshot id. A bundle that fails to parse (or to verify) does not stop the load: its
 * last good version is used instead (or it is left out if it never had one), and a warning says so.
 * A failing base policy or bundle store fails the whole load.
 *
 * <p>Snapshot ids: the base part is {@code <version>:<sha256 hex of the bytes>} (just the hex when
 * the policy has no version); the bundle part is {@code cfg:<sha256 hex>} over, for each bundle
 * used in order, its id, priority and content; the two are joined by {@code |}. With no source at
 * all the id is {@code none}.
 */
final class PolicyLoader {
  private final SafetyKernelConfig config;
  private final @Nullable PolicyBundleStore store;
  private final @Nullable Ed25519 key;
  private final Map<String, Parsed> lastGood = new ConcurrentHashMap<>();

  private record Parsed(String contentHash, PolicyBundle bundle, @Nullable PolicyDocument doc) {}

  /** A bundle's parsed document (null when blank) in load order. */
  record BundleDoc(PolicyBundle bundle, @Nullable PolicyDocument doc) {}

  /** What a load produced. */
  record Loaded(
      @Nullable SourcedDocument base,
      List<BundleDoc> bundles,
      String snapshot,
      List<String> warnings) {}

  PolicyLoader(SafetyKernelConfig config, @Nullable PolicyBundleStore store) {
    this.config = config;
    this.store = config.useBundles() ? store : null;
    this.key = config.publicKey().isBlank() ? null : Ed25519.publicKey(config.publicKey());
  }

  /**
   * Loads every source.
   *
   * @throws io.cordum.api.CordumException when the base policy or the bundle store fails
   */
  Loaded load() {
    List<String> warnings = new ArrayList<>();
    SourcedDocument base = null;
    String baseSnap = "";
    PolicySource src = config.base();
    if (src != null) {
      byte[] bytes = src.fetch();
      verifyBase(src, bytes);
      PolicyDocument doc;
      try {
        doc = PolicyParser.parse(new String(bytes, StandardCharsets.UTF_8));
      } catch (ValidationException e) {
        throw new ValidationException(prefixed(src.name(), e));
      }
      String hex = Hashing.hex(bytes);
      baseSnap = doc != null && !doc.version().isEmpty() ? doc.version() + ":" + hex : hex;
      if (doc != null) {
        base = new SourcedDocument("base", doc);
      }
    }
    List<BundleDoc> bundles = new ArrayList<>();
    String bundleSnap = "";
    if (store != null) {
      List<PolicyBundle> enabled =
          store.read().bundles().values().stream()
              .filter(PolicyBundle::enabled)
              .sorted(BundleOrder.ORDER)
              .toList();
      lastGood.keySet().retainAll(enabled.stream().map(PolicyBundle::id).toList());
      MessageDigest md = Hashing.sha256();
      for (PolicyBundle b : enabled) {
        Optional<Parsed> p = parseBundle(b, warnings);
        if (p.isEmpty() || p.get().bundle().content().isBlank()) {
          continue;
        }
        Hashing.update(md, b.id());
        Hashing.update(md, Integer.toString(b.priority()));
        Hashing.update(md, p.get().bundle().content());
        bundles.add(
            new BundleDoc(
                p.get().bundle().toBuilder().priority(b.priority()).build(), p.get().doc()));
      }
      if (!bundles.isEmpty()) {
        bundleSnap = "cfg:" + HexFormat.of().formatHex(md.digest());
      }
    }
    String snapshot =
        baseSnap.isEmpty()
            ? bundleSnap
            : bundleSnap.isEmpty() ? baseSnap : baseSnap + "|" + bundleSnap;
    return new Loaded(base, bundles, snapshot.isEmpty() ? "none" : snapshot, warnings);
  }

  /** Parses one bundle, falling back to its last good version. */
  private Optional<Parsed> parseBundle(PolicyBundle b, List<String> warnings) {
    String hash = Hashing.hex(b.content());
    Parsed prev = lastGood.get(b.id());
    if (prev != null && prev.contentHash().equals(hash)) {
      return Optional.of(prev);
    }
    try {
      verifyBundle(b);
      Parsed p = new Parsed(hash, b, PolicyParser.parse(b.content()));
      lastGood.put(b.id(), p);
      return Optional.of(p);
    } catch (ValidationException e) {
      warnings.add(
          "bundle "
              + b.id()
              + " rejected ("
              + e.getMessage()
              + "); "
              + (prev == null ? "left out" : "its last good version is used"));
      return Optional.ofNullable(prev);
    }
  }

  /** Parses a draft bundle strictly (for simulations). */
  static BundleDoc parseDraft(PolicyBundle draft) {
    try {
      return new BundleDoc(draft, PolicyParser.parse(draft.content()));
    } catch (ValidationException e) {
      throw new ValidationException(prefixed("bundle " + draft.id(), e));
    }
  }

  private void verifyBase(PolicySource src, byte[] bytes) {
    if (key == null) {
      return;
    }
    byte[] sig;
    if (!config.signature().isBlank()) {
      sig = Ed25519.decode(config.signature(), 64, "signature");
    } else if (config.signaturePath() != null) {
      sig = Ed25519.signatureFile(PolicySource.file(config.signaturePath()).fetch());
    } else if (src.remote()) {
      throw new ValidationException(
          "signature", "signature required but none provided for " + src.name());
    } else {
      sig =
          src.adjacentSignature()
              .map(Ed25519::signatureFile)
              .orElseThrow(
                  () ->
                      new ValidationException(
                          "signature",
                          "signature required but " + src.name() + ".sig does not exist"));
    }
    if (!key.verify(bytes, sig)) {
      throw new ValidationException(
          "signature", "policy signature of " + src.name() + " does not verify");
    }
  }

  private void verifyBundle(PolicyBundle b) {
    if (!config.requireSignedBundles() || key == null) {
      return;
    }
    if (b.signature().isBlank()) {
      throw new ValidationException("signature", "bundle " + b.id() + " is not signed");
    }
    if (!key.verify(
        b.content().getBytes(StandardCharsets.UTF_8),
        Ed25519.decode(b.signature(), 64, "signature"))) {
      throw new ValidationException(
          "signature", "bundle " + b.id() + " signature does not" + " verify");
    }
  }

  private static List<ValidationException.Violation> prefixed(
      String source, ValidationException e) {
    return e.violations().stream()
        .map(v -> new ValidationException.Violation(source + ": " + v.field(), v.rule()))
        .toList();
  }
}
