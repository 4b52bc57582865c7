package io.cordum.core.internal.policy.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed policy document (a policy file, or one bundle).
 *
 * @param version the document's version ({@code ""} if none); prefixes the snapshot id of a base
 *     policy
 * @param defaultTenant the tenant of requests that carry none ({@code ""} if not set)
 * @param rules the rules, in document order
 * @param tenants the tenant sections by tenant id
 */
public record PolicyDocument(
    String version,
    String defaultTenant,
    List<PolicyRule> rules,
    Map<String, TenantPolicy> tenants) {

  /** Copies the list and the map (keeping its order). */
  public PolicyDocument {
    rules = List.copyOf(rules);
    tenants = Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
  }
}
