package io.cordum.gateway.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which role may do what: one table of data, read by the key-store provider before any handler runs
 * (routes never check roles themselves).
 *
 * <p>Two rules make up the table: each {@link Role} lists its permissions, and some permissions are
 * <em>platform</em> permissions: they change objects every tenant shares (policy bundles, schemas,
 * locks, config documents, packs), so they are granted only to cross-tenant keys (tenant {@code
 * *}), whatever their role. A tenant's admin therefore manages its own tenant (jobs, workflows,
 * runs, approvals, DLQ, artifacts, keys) but cannot change what other tenants run under.
 *
 * <p>{@link #standard()} is the table the docs show ({@code docs/rbac.md}); {@link #builder()}
 * makes another.
 */
public final class RoleTable {

  /**
   * One role.
   *
   * @param name the name keys carry, lowercase
   * @param description what the role is for
   * @param permissions what it may do (platform permissions only with a cross-tenant key)
   */
  public record Role(String name, String description, Set<Permission> permissions) {
    /** Checks and copies the values. */
    public Role {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      permissions = Set.copyOf(permissions);
      if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
        throw new IllegalArgumentException(
            "role name must be lowercase letters, digits, '_' " + "or '-', was " + name);
      }
    }
  }

  private static final Set<Permission> READS =
      Set.of(
          Permission.STATUS_READ,
          Permission.JOBS_READ,
          Permission.WORKFLOWS_READ,
          Permission.APPROVALS_READ,
          Permission.DLQ_READ,
          Permission.CONFIG_READ,
          Permission.SCHEMAS_READ,
          Permission.POLICY_READ,
          Permission.POLICY_EVALUATE,
          Permission.ARTIFACTS_READ,
          Permission.STREAM_READ);

  /** The permissions that change objects shared by every tenant. */
  public static final Set<Permission> PLATFORM =
      Set.of(
          Permission.POLICY_WRITE,
          Permission.SCHEMAS_WRITE,
          Permission.CONFIG_WRITE,
          Permission.LOCKS_READ,
          Permission.LOCKS_WRITE,
          Permission.PACKS_MANAGE);

  private static final RoleTable STANDARD =
      builder()
          .role(
              "viewer",
              "reads its tenant's jobs, runs, workflows, approvals, DLQ, artifacts, "
                  + "config, schemas and policy, and receives its tenant's stream",
              READS)
          .role(
              "operator",
              "a viewer that also submits, cancels and remediates jobs, reads job "
                  + "inputs and results, stores artifacts, edits workflows, runs them, decides "
                  + "approvals and retries dead letters",
              union(
                  READS,
                  Set.of(
                      Permission.JOBS_SUBMIT,
                      Permission.JOBS_MANAGE,
                      Permission.MEMORY_READ,
                      Permission.ARTIFACTS_WRITE,
                      Permission.WORKFLOWS_WRITE,
                      Permission.RUNS_MANAGE,
                      Permission.APPROVALS_DECIDE,
                      Permission.DLQ_MANAGE)))
          .role(
              "secops",
              "a viewer that also decides approvals, cancels jobs, reads job inputs "
                  + "and the audit log, and (with a cross-tenant key) edits and publishes policy",
              union(
                  READS,
                  Set.of(
                      Permission.APPROVALS_DECIDE,
                      Permission.JOBS_MANAGE,
                      Permission.MEMORY_READ,
                      Permission.AUDIT_READ,
                      Permission.POLICY_WRITE)))
          .role(
              "admin",
              "everything in its tenant, keys and audit log included; with a "
                  + "cross-tenant key (tenant *), everything in every tenant, shared objects included",
              everything())
          .build();

  private final Map<String, Role> roles;
  private final Set<Permission> platform;

  private RoleTable(Map<String, Role> roles, Set<Permission> platform) {
    this.roles = roles;
    this.platform = platform;
  }

  /** The standard table: {@code viewer}, {@code operator}, {@code secops}, {@code admin}. */
  public static RoleTable standard() {
    return STANDARD;
  }

  /** A builder of another table (the platform permissions default to {@link #PLATFORM}). */
  public static Builder builder() {
    return new Builder();
  }

  /** The role, if the table has it (names are matched case-insensitively, trimmed). */
  public Optional<Role> role(String name) {
    return Optional.ofNullable(roles.get(normalize(name)));
  }

  /** The roles, in table order. */
  public List<Role> roles() {
    return List.copyOf(roles.values());
  }

  /** The platform permissions of this table. */
  public Set<Permission> platform() {
    return platform;
  }

  /** Whether a key of the role grants the permission; unknown roles grant nothing. */
  public boolean grants(String role, boolean crossTenant, Permission permission) {
    Role r = roles.get(normalize(role));
    return r != null
        && r.permissions().contains(permission)
        && (crossTenant || !platform.contains(permission));
  }

  /** Every permission a key of the role has. */
  public Set<Permission> permissions(String role, boolean crossTenant) {
    Role r = roles.get(normalize(role));
    if (r == null) {
      return Set.of();
    }
    Set<Permission> out = new LinkedHashSet<>();
    for (Permission p : Permission.builtIn()) {
      if (grants(role, crossTenant, p)) {
        out.add(p);
      }
    }
    for (Permission p : r.permissions()) {
      if (grants(role, crossTenant, p)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The table as Markdown: one row per permission, one column per role, {@code yes}, {@code *}
   * (cross-tenant keys only) or empty. {@code docs/rbac.md} shows this text.
   */
  public String markdown() {
    StringBuilder sb = new StringBuilder("| permission |");
    StringBuilder sep = new StringBuilder("|---|");
    for (Role r : roles.values()) {
      sb.append(' ').append(r.name()).append(" |");
      sep.append("---|");
    }
    sb.append(" what it allows |\n").append(sep).append("---|\n");
    for (Permission p : Permission.builtIn()) {
      if (p.isPublic() || p.isAuthenticatedOnly()) {
        continue;
      }
      sb.append("| `").append(p.name()).append("` |");
      for (Role r : roles.values()) {
        String cell = !r.permissions().contains(p) ? "" : platform.contains(p) ? "*" : "yes";
        sb.append(' ').append(cell).append(" |");
      }
      sb.append(' ').append(p.description()).append(" |\n");
    }
    return sb.toString();
  }

  private static String normalize(String role) {
    return role == null ? "" : role.trim().toLowerCase(Locale.ROOT);
  }

  private static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
    Set<Permission> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return s;
  }

  private static Set<Permission> everything() {
    Set<Permission> s = new LinkedHashSet<>(Permission.builtIn());
    s.remove(Permission.PUBLIC);
    s.remove(Permission.AUTHENTICATED);
    return s;
  }

  /** Builds {@link RoleTable}s. */
  public static final class Builder {
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private Set<Permission> platform = PLATFORM;

    private Builder() {}

    /** Adds (or replaces) a role. */
    public Builder role(String name, String description, Collection<Permission> permissions) {
      Role r = new Role(normalize(name), description, new LinkedHashSet<>(permissions));
      roles.put(r.name(), r);
      return this;
    }

    /** The permissions granted only to cross-tenant keys. */
    public Builder platform(Collection<Permission> permissions) {
      this.platform = Set.copyOf(permissions);
      return this;
    }

    /** The table. */
    public RoleTable build() {
      if (roles.isEmpty()) {
        throw new IllegalStateException("a role table needs at least one role");
      }
      return new RoleTable(Collections.unmodifiableMap(new LinkedHashMap<>(roles)), platform);
    }
  }
}
