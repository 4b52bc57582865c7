package io.cordum.core.internal.policy.engine;

import io.cordum.api.policy.SafetyDecision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged, compiled policy the evaluator runs: rules in evaluation order and tenant sections
 * keyed by lower-cased tenant id. Immutable; the kernel swaps whole instances.
 *
 * <p>Merging, in the order the documents are given (the loader gives base first, then bundles by
 * precedence): {@code version} and {@code default_tenant} keep the first non-empty value, rules are
 * concatenated, tenant sections of the same tenant (compared case-insensitively) are merged. When
 * no document has a rule, each tenant's {@code allow_topics} become allow rules ({@code
 * legacy:<tenant>:allow:<n>}), tenants in sorted order.
 */
public final class CompiledPolicy {
  /** The empty policy: no rules, allows everything. */
  public static final CompiledPolicy EMPTY = compile(List.of());

  private final String version;
  private final String defaultTenant;
  private final List<CompiledRule> rules;
  private final Map<String, TenantPolicy> tenants;
  private final Map<String, String> tenantNames;
  private final int explicitRules;

  /** Topic -> indexes of the rules whose topic criterion holds for it (bounded). */
  private final java.util.concurrent.ConcurrentHashMap<String, int[]> byTopic =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int TOPIC_INDEX_LIMIT = 10_000;

  private CompiledPolicy(
      String version,
      String defaultTenant,
      List<CompiledRule> rules,
      Map<String, TenantPolicy> tenants,
      Map<String, String> tenantNames,
      int explicitRules) {
    this.version = version;
    this.defaultTenant = defaultTenant;
    this.rules = List.copyOf(rules);
    this.tenants = Collections.unmodifiableMap(tenants);
    this.tenantNames = Collections.unmodifiableMap(tenantNames);
    this.explicitRules = explicitRules;
  }

  /** Merges and compiles documents given in evaluation order. */
  public static CompiledPolicy compile(List<SourcedDocument> docs) {
    String version = "";
    String defaultTenant = "";
    List<CompiledRule> rules = new ArrayList<>();
    Map<String, TenantPolicy> tenants = new TreeMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (SourcedDocument sd : docs) {
      PolicyDocument d = sd.document();
      if (version.isEmpty()) {
        version = d.version();
      }
      if (defaultTenant.isEmpty()) {
        defaultTenant = d.defaultTenant();
      }
      for (PolicyRule r : d.rules()) {
        rules.add(new CompiledRule(r, sd.source()));
      }
      d.tenants()
          .forEach(
              (name, tp) -> {
                String key = name.trim().toLowerCase(Locale.ROOT);
                names.putIfAbsent(key, name.trim());
                tenants.merge(key, tp, TenantPolicy::merge);
              });
    }
    int explicit = rules.size();
    if (explicit == 0) {
      tenants.forEach(
          (key, tp) -> {
            String name = names.get(key);
            int n = 1;
            for (String pattern : tp.allowTopics()) {
              rules.add(
                  new CompiledRule(
                      new PolicyRule(
                          "legacy:" + name + ":allow:" + n++,
                          new RuleMatch(
                              List.of(name),
                              List.of(pattern),
                              List.of(),
                              List.of(),
                              List.of(),
                              List.of(),
                              List.of(),
                              List.of(),
                              Map.of(),
                              null,
                              tp.mcp().isEmpty() ? null : tp.mcp()),
                          SafetyDecision.ALLOW,
                          "topic \"" + pattern + "\" allowed by tenant policy",
                          null,
                          List.of()),
                      "legacy"));
            }
          });
    }
    return new CompiledPolicy(version, defaultTenant, rules, tenants, names, explicit);
  }

  /** The first non-empty version of the documents. */
  public String version() {
    return version;
  }

  /** The tenant for requests without one ({@code default} if the policy names none). */
  public String defaultTenant() {
    return defaultTenant.isEmpty() ? "default" : defaultTenant;
  }

  /**
   * The positions of the rules whose topic criterion holds for {@code topic}, in evaluation order.
   * Computed by one scan the first time a topic is seen and then kept (up to 10,000 topics; topics
   * come from a bounded set of pools), so a decision only tries the rules that can match its topic.
   */
  public int[] candidates(String topic) {
    int[] c = byTopic.get(topic);
    if (c != null) {
      return c;
    }
    int[] found = new int[rules.size()];
    int n = 0;
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).topicMatches(topic)) {
        found[n++] = i;
      }
    }
    c = java.util.Arrays.copyOf(found, n);
    if (byTopic.size() < TOPIC_INDEX_LIMIT) {
      byTopic.putIfAbsent(topic, c);
    }
    return c;
  }

  /** The rules in evaluation order. */
  public List<CompiledRule> rules() {
    return rules;
  }

  /** How many rules came from the documents (not synthesized from tenant lists). */
  public int explicitRules() {
    return explicitRules;
  }

  /** The merged tenant section for a tenant (case-insensitive), or {@code null}. */
  public @org.jspecify.annotations.Nullable TenantPolicy tenant(String tenantLower) {
    return tenants.get(tenantLower);
  }

  /** The tenant id as written in the policy, for a lower-cased id. */
  public String tenantName(String tenantLower) {
    return tenantNames.getOrDefault(tenantLower, tenantLower);
  }
}
