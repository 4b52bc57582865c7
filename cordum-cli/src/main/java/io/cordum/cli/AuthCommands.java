package io.cordum.cli;

import io.cordum.client.model.ApiKeyInfo;
import io.cordum.client.model.AuditEvent;
import io.cordum.client.model.CreatedApiKey;
import io.cordum.client.model.NewApiKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl auth ...}: who am I, API keys and the audit log. */
@Command(
    name = "auth",
    description = "Who the key is, API keys (create, list, rotate, revoke) " + "and the audit log.",
    subcommands = {AuthCommands.WhoAmI.class, AuthCommands.Keys.class, AuthCommands.Audit.class})
final class AuthCommands extends Cmd.Group {

  static void print(Output out, ApiKeyInfo k) {
    out.emit(
        k,
        List.of(k.id()),
        p ->
            Table.fields(
                p,
                "Id",
                k.id(),
                "Tenant",
                k.tenant(),
                "Role",
                k.role(),
                "Principal",
                k.principal(),
                "Name",
                k.name(),
                "Scopes",
                k.scopes(),
                "Status",
                k.status(),
                "Created",
                Table.time(k.createdAt()),
                "Expires",
                Table.time(k.expiresAt()),
                "Last used",
                Table.time(k.lastUsedAt()),
                "Revoked",
                Table.time(k.revokedAt()),
                "Rotated",
                Table.time(k.rotatedAt())));
  }

  /** A new token: to stdout alone with -q (for scripts), else the key and the token. */
  static void printCreated(Cmd c, CreatedApiKey made) {
    Output out = c.out();
    out.emit(
        made,
        List.of(made.token()),
        p -> {
          Table.fields(
              p,
              "Id",
              made.key().id(),
              "Tenant",
              made.key().tenant(),
              "Role",
              made.key().role(),
              "Principal",
              made.key().principal(),
              "Expires",
              Table.time(made.key().expiresAt()),
              "Token",
              made.token());
        });
    if (!out.structured() && !out.quiet) {
      c.note("The token is shown this once; the gateway keeps only a hash.");
    }
  }

  @Command(name = "whoami", description = "The key's principal, tenant, role and permissions.")
  static final class WhoAmI extends Cmd {
    @Override
    int run() {
      Map<String, Object> me = client().auth().whoami();
      out()
          .emit(
              me,
              List.of(String.valueOf(me.get("principal"))),
              p ->
                  Table.fields(
                      p,
                      "Principal",
                      me.get("principal"),
                      "Tenant",
                      me.get("tenant"),
                      "Role",
                      me.get("role"),
                      "Key",
                      me.get("key_id"),
                      "Cross-tenant",
                      me.get("cross_tenant"),
                      "Permissions",
                      me.get("permissions")));
      return Exit.OK;
    }
  }

  /** {@code cordumctl auth keys ...}. */
  @Command(
      name = "keys",
      aliases = "key",
      description = "Manage API keys (the gateway must run " + "CORDUM_AUTH_PROVIDER=key-store).",
      subcommands = {
        Keys.Create.class,
        Keys.ListKeys.class,
        Keys.Get.class,
        Keys.Rotate.class,
        Keys.Revoke.class
      })
  static final class Keys extends Cmd.Group {

    @Command(name = "create", description = "Make a key; its token is printed this once.")
    static final class Create extends Cmd {
      @Option(names = "--role", required = true, description = "viewer, operator, secops or admin")
      String role;

      @Option(names = "--tenant", description = "default: the caller's; * for cross-tenant")
      @Nullable String tenant;

      @Option(names = "--principal", description = "default: key-<id>")
      @Nullable String principal;

      @Option(names = "--name", description = "a label")
      @Nullable String name;

      @Option(names = "--scope", paramLabel = "SCOPE", description = "repeatable")
      List<String> scopes = new ArrayList<>();

      @Option(names = "--ttl", paramLabel = "DURATION", description = "such as 720h")
      @Nullable String ttl;

      @Option(names = "--expires-at", paramLabel = "TIME", description = "RFC 3339")
      @Nullable String expiresAt;

      @Override
      int run() {
        NewApiKey.Builder b =
            NewApiKey.builder(role).tenant(tenant).principal(principal).name(name).scopes(scopes);
        if (ttl != null) {
          b.ttl(Inputs.duration("--ttl", ttl));
        }
        if (expiresAt != null) {
          try {
            b.expiresAt(Instant.parse(expiresAt));
          } catch (DateTimeParseException e) {
            throw new CliException(
                Exit.USAGE,
                "--expires-at must be an RFC 3339 time such as "
                    + "2030-01-02T03:04:05Z, was "
                    + expiresAt);
          }
        }
        printCreated(this, client().auth().create(b.build()));
        return Exit.OK;
      }
    }

    @Command(
        name = "list",
        aliases = "ls",
        description = "Keys of your tenant (a cross-tenant " + "key: every tenant).")
    static final class ListKeys extends Cmd {
      @Option(names = "--tenant")
      @Nullable String tenant;

      @Override
      int run() {
        List<ApiKeyInfo> keys = client().auth().list(tenant);
        out()
            .emit(
                keys,
                keys.stream().map(ApiKeyInfo::id).toList(),
                p -> {
                  Table t =
                      new Table(
                          "ID",
                          "TENANT",
                          "ROLE",
                          "PRINCIPAL",
                          "NAME",
                          "STATUS",
                          "EXPIRES",
                          "LAST USED");
                  keys.forEach(
                      k ->
                          t.row(
                              k.id(),
                              k.tenant(),
                              k.role(),
                              k.principal(),
                              k.name(),
                              k.status(),
                              k.expiresAt(),
                              k.lastUsedAt()));
                  t.print(p);
                });
        return Exit.OK;
      }
    }

    @Command(name = "get", description = "One key (never its secret).")
    static final class Get extends Cmd {
      @Parameters(paramLabel = "KEY_ID")
      String id;

      @Override
      int run() {
        print(out(), client().auth().get(id));
        return Exit.OK;
      }
    }

    @Command(
        name = "rotate",
        description =
            "A new secret for the key; the old token fails at "
                + "once. The new token is printed this once.")
    static final class Rotate extends Cmd {
      @Parameters(paramLabel = "KEY_ID")
      String id;

      @Override
      int run() {
        printCreated(this, client().auth().rotate(id));
        return Exit.OK;
      }
    }

    @Command(name = "revoke", aliases = "rm", description = "Revoke a key at once (idempotent).")
    static final class Revoke extends Cmd {
      @Parameters(paramLabel = "KEY_ID")
      String id;

      @Override
      int run() {
        print(out(), client().auth().revoke(id));
        return Exit.OK;
      }
    }
  }

  @Command(
      name = "audit",
      description = "Recent authentication failures, denials and changes, " + "newest first.")
  static final class Audit extends Cmd {
    @Option(names = "--tenant")
    @Nullable String tenant;

    @Option(names = "--principal")
    @Nullable String principal;

    @Option(names = "--outcome", description = "ok, unauthenticated, denied or failed")
    @Nullable String outcome;

    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    int run() {
      List<AuditEvent> events = client().auth().audit(tenant, principal, outcome, limit);
      out()
          .emit(
              events,
              events.stream().map(AuditEvent::requestId).toList(),
              p -> {
                Table t =
                    new Table(
                        "TIME",
                        "OUTCOME",
                        "STATUS",
                        "METHOD",
                        "PATH",
                        "TENANT",
                        "PRINCIPAL",
                        "KEY",
                        "FROM");
                events.forEach(
                    e ->
                        t.row(
                            e.time(),
                            e.outcome(),
                            e.status(),
                            e.method(),
                            e.path(),
                            e.tenant(),
                            e.principal(),
                            e.keyId(),
                            e.remoteAddr()));
                t.print(p);
              });
      return Exit.OK;
    }
  }
}
