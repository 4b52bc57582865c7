package io.cordum.core.internal.policy;

import io.cordum.api.policy.PolicyBundle;
import java.util.Comparator;

/**
 * The order in which bundles join the policy (their rules are tried in this order, after the base
 * policy's): higher {@link PolicyBundle#priority()} first; then by kind of id, admin-authored
 * {@code secops/...} before pack fragments ({@code <pack>/<name>}) before other ("core") ids; then
 * by id. So a pack can never pre-empt an administrator's rules by its name alone.
 */
final class BundleOrder {
  /** The comparator. */
  public static final Comparator<PolicyBundle> ORDER =
      Comparator.comparingInt((PolicyBundle b) -> -b.priority())
          .thenComparingInt(b -> tier(b.id()))
          .thenComparing(PolicyBundle::id);

  private BundleOrder() {}

  /** 0 for {@code secops/...}, 1 for a pack fragment, 2 for anything else. */
  public static int tier(String id) {
    if (id.startsWith("secops/")) {
      return 0;
    }
    return id.contains("/") ? 1 : 2;
  }

  /** Whether a bundle id names a pack fragment (managed by pack install, not by admins). */
  public static boolean isPackFragment(String id) {
    return tier(id) == 1;
  }
}
