package io.cordum.core.internal.policy;

import io.cordum.api.policy.ListedRule;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyRuleListing;
import io.cordum.api.policy.PolicyRuleListing.FragmentError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Lists the rules of policy bundles as authored (what {@code GET /api/v1/policy/rules} returns):
 * each bundle's {@code rules} as generic trees, or, for a bundle without rules, the rules its
 * legacy {@code tenants.<t>.deny_topics} and {@code allow_topics} stand for (ids {@code
 * legacy:<tenant>:deny:<n>} and {@code legacy:<tenant>:allow:<n>}). Unreadable bundles become
 * errors, not failures.
 */
final class RuleListings {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private RuleListings() {}

  static PolicyRuleListing of(Iterable<PolicyBundle> bundles, boolean includeDisabled) {
    List<PolicyBundle> ordered = new ArrayList<>();
    bundles.forEach(ordered::add);
    ordered.sort(BundleOrder.ORDER);
    List<ListedRule> items = new ArrayList<>();
    List<FragmentError> errors = new ArrayList<>();
    for (PolicyBundle b : ordered) {
      if (!b.enabled() && !includeDisabled) {
        continue;
      }
      Map<String, Object> doc;
      try {
        JsonNode root = YAML.readTree(b.content());
        if (root == null || root.isNull() || root.isMissingNode()) {
          continue;
        }
        if (!root.isObject()) {
          errors.add(new FragmentError(b.id(), "content is not a mapping"));
          continue;
        }
        doc = YAML.convertValue(root, Map.class);
      } catch (JacksonException e) {
        errors.add(
            new FragmentError(
                b.id(), "content is not valid YAML or JSON: " + e.getOriginalMessage()));
        continue;
      }
      ListedRule.Source source = source(b);
      List<Map<String, Object>> rules = rules(doc);
      if (rules.isEmpty()) {
        rules = legacy(doc);
      }
      for (Map<String, Object> r : rules) {
        items.add(new ListedRule(String.valueOf(r.getOrDefault("id", "")), r, b.enabled(), source));
      }
    }
    return new PolicyRuleListing(items, errors);
  }

  private static ListedRule.Source source(PolicyBundle b) {
    int slash = b.id().indexOf('/');
    String pack = slash < 0 ? "" : b.id().substring(0, slash);
    String overlay = slash < 0 ? b.id() : b.id().substring(slash + 1);
    String kind =
        switch (BundleOrder.tier(b.id())) {
          case 0 -> "secops";
          case 1 -> "pack";
          default -> "core";
        };
    return new ListedRule.Source(
        b.id(),
        pack,
        overlay,
        kind,
        b.version(),
        b.createdAt(),
        b.updatedAt(),
        Hashing.hex(b.content().trim()));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(Map<String, Object> doc) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (doc.get("rules") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  private static List<Map<String, Object>> legacy(Map<String, Object> doc) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!(doc.get("tenants") instanceof Map<?, ?> tenants)) {
      return out;
    }
    new java.util.TreeMap<>(tenants)
        .forEach(
            (name, policy) -> {
              if (policy instanceof Map<?, ?> p) {
                add(out, String.valueOf(name), "deny", p.get("deny_topics"));
                add(out, String.valueOf(name), "allow", p.get("allow_topics"));
              }
            });
    return out;
  }

  private static void add(
      List<Map<String, Object>> out, String tenant, String decision, @Nullable Object topics) {
    if (!(topics instanceof List<?> list)) {
      return;
    }
    int n = 0;
    for (Object t : list) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", "legacy:" + tenant + ":" + decision + ":" + n++);
      r.put("match", Map.of("tenants", List.of(tenant), "topics", List.of(String.valueOf(t))));
      r.put("decision", decision);
      r.put("reason", "legacy tenant " + decision + "_topics");
      out.add(r);
    }
  }
}
