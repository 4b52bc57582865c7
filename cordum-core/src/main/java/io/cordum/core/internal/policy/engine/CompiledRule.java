package io.cordum.core.internal.policy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rule prepared for fast matching: lower-cased sets and compiled globs. Criteria are tested
 * cheapest first; the first failing one is reported by {@link #firstMiss} for explanations.
 */
public final class CompiledRule {
  private final PolicyRule rule;
  private final String source;
  private final Set<String> tenants;
  private final Glob[] topics;
  private final Set<String> capabilities;
  private final Set<String> riskTags;
  private final Set<String> requires;
  private final Set<String> packIds;
  private final Set<String> actorIds;
  private final Set<String> actorTypes;
  private final Map<String, String> labels;
  private final @Nullable Boolean secretsPresent;
  private final @Nullable McpPolicy mcp;

  /**
   * Prepares a rule.
   *
   * @param rule the rule
   * @param source where it comes from ({@code base}, {@code bundle:<id>}, {@code legacy})
   */
  public CompiledRule(PolicyRule rule, String source) {
    this.rule = rule;
    this.source = source;
    RuleMatch m = rule.match();
    this.tenants = RequestView.lower(m.tenants());
    List<Glob> globs = new ArrayList<>();
    for (String t : m.topics()) {
      globs.add(Glob.compile(t));
    }
    this.topics = globs.toArray(Glob[]::new);
    this.capabilities = RequestView.lower(m.capabilities());
    this.riskTags = RequestView.lower(m.riskTags());
    this.requires = RequestView.lower(m.requires());
    this.packIds = RequestView.lower(m.packIds());
    this.actorIds = RequestView.lower(m.actorIds());
    this.actorTypes = RequestView.lower(m.actorTypes());
    this.labels = m.labels();
    this.secretsPresent = m.secretsPresent();
    this.mcp = m.mcp();
  }

  /** The rule. */
  public PolicyRule rule() {
    return rule;
  }

  /** Where the rule comes from. */
  public String source() {
    return source;
  }

  /** Whether the rule matches (all criteria hold); builds no messages. */
  public boolean matches(RequestView v, String tenantLower) {
    return matchesExceptTopic(v, tenantLower) && (topics.length == 0 || anyTopic(v.topic()));
  }

  /** Whether the topic criterion holds (no topics: any topic). */
  boolean topicMatches(String topic) {
    return topics.length == 0 || anyTopic(topic);
  }

  /** Whether every criterion but the topic holds. */
  boolean matchesExceptTopic(RequestView v, String tenantLower) {
    if (!tenants.isEmpty() && !tenants.contains(tenantLower)) {
      return false;
    }
    if (!capabilities.isEmpty() && !capabilities.contains(v.capability())) {
      return false;
    }
    if (!riskTags.isEmpty() && !intersects(riskTags, v.riskTags())) {
      return false;
    }
    if (!requires.isEmpty() && !v.requires().containsAll(requires)) {
      return false;
    }
    if (!packIds.isEmpty() && !packIds.contains(v.packId())) {
      return false;
    }
    if (!actorIds.isEmpty() && !actorIds.contains(v.actorId())) {
      return false;
    }
    if (!actorTypes.isEmpty() && !actorTypes.contains(v.actorType())) {
      return false;
    }
    if (secretsPresent != null && secretsPresent != v.secretsPresent()) {
      return false;
    }
    if (!labels.isEmpty()) {
      if (v.labels().isEmpty()) {
        return false;
      }
      for (var e : labels.entrySet()) {
        if (!e.getValue().equals(v.labels().getOrDefault(e.getKey(), ""))) {
          return false;
        }
      }
    }
    return mcp == null || v.mcp().blockedBy(mcp) == null;
  }

  /** The first criterion that fails, described, or {@code null} when the rule matches. */
  public @Nullable String firstMiss(RequestView v, String tenantLower) {
    if (!tenants.isEmpty() && !tenants.contains(tenantLower)) {
      return "tenants: \"" + tenantLower + "\" is not one of " + rule.match().tenants();
    }
    if (!capabilities.isEmpty() && !capabilities.contains(v.capability())) {
      return "capabilities: \""
          + v.capability()
          + "\" is not one of "
          + rule.match().capabilities();
    }
    if (topics.length > 0 && !anyTopic(v.topic())) {
      return "topics: \"" + v.topic() + "\" matches none of " + rule.match().topics();
    }
    if (!riskTags.isEmpty() && !intersects(riskTags, v.riskTags())) {
      return "risk_tags: " + v.riskTags() + " has none of " + rule.match().riskTags();
    }
    if (!requires.isEmpty() && !v.requires().containsAll(requires)) {
      return "requires: " + v.requires() + " lacks some of " + rule.match().requires();
    }
    if (!packIds.isEmpty() && !packIds.contains(v.packId())) {
      return "pack_ids: \"" + v.packId() + "\" is not one of " + rule.match().packIds();
    }
    if (!actorIds.isEmpty() && !actorIds.contains(v.actorId())) {
      return "actor_ids: \"" + v.actorId() + "\" is not one of " + rule.match().actorIds();
    }
    if (!actorTypes.isEmpty() && !actorTypes.contains(v.actorType())) {
      return "actor_types: \"" + v.actorType() + "\" is not one of " + rule.match().actorTypes();
    }
    if (secretsPresent != null && secretsPresent != v.secretsPresent()) {
      return "secrets_present: request has "
          + v.secretsPresent()
          + ", rule wants "
          + secretsPresent;
    }
    if (!labels.isEmpty()) {
      if (v.labels().isEmpty()) {
        return "labels: the request has no labels";
      }
      for (var e : labels.entrySet()) {
        if (!e.getValue().equals(v.labels().getOrDefault(e.getKey(), ""))) {
          return "labels: "
              + e.getKey()
              + " is \""
              + v.labels().getOrDefault(e.getKey(), "")
              + "\", rule wants \""
              + e.getValue()
              + "\"";
        }
      }
    }
    if (mcp != null) {
      String blocked = v.mcp().blockedBy(mcp);
      if (blocked != null) {
        return "mcp: " + blocked;
      }
    }
    return null;
  }

  private boolean anyTopic(String topic) {
    for (Glob g : topics) {
      if (g.matches(topic)) {
        return true;
      }
    }
    return false;
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    for (String s : b) {
      if (a.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
