package io.cordum.cli;

import io.cordum.client.ClientJson;
import io.cordum.client.model.BundleEdit;
import io.cordum.client.model.BundleListing;
import io.cordum.client.model.BundleSaved;
import io.cordum.client.model.BundleSnapshot;
import io.cordum.client.model.PolicyAuditEntry;
import io.cordum.client.model.PolicyBundle;
import io.cordum.client.model.PolicyCheckRequest;
import io.cordum.client.model.PolicyDecision;
import io.cordum.client.model.PolicyRuleListing;
import io.cordum.client.model.PublishResult;
import io.cordum.client.model.RollbackResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl policy ...}: the safety kernel and policy bundles. */
@Command(
    name = "policy",
    description = "Ask the safety kernel; manage policy bundles.",
    subcommands = {
      PolicyCommands.Evaluate.class,
      PolicyCommands.Simulate.class,
      PolicyCommands.Explain.class,
      PolicyCommands.Rules.class,
      PolicyCommands.Bundles.class,
      PolicyCommands.Bundle.class,
      PolicyCommands.Snapshot.class,
      PolicyCommands.Publish.class,
      PolicyCommands.Rollback.class,
      PolicyCommands.Audit.class,
      PolicyCommands.KernelSnapshots.class
    })
final class PolicyCommands extends Cmd.Group {

  /** The job to check: flags, or a whole request from a file. */
  static final class Check {
    @Option(names = "--topic", description = "the job's topic")
    @Nullable String topic;

    @Option(names = "--tenant")
    @Nullable String tenant;

    @Option(names = "--capability")
    @Nullable String capability;

    @Option(names = "--risk-tags", split = ",")
    List<String> riskTags = new ArrayList<>();

    @Option(names = "--requires", split = ",")
    List<String> requires = new ArrayList<>();

    @Option(names = "--actor-id")
    @Nullable String actorId;

    @Option(names = "--actor-type")
    @Nullable String actorType;

    @Option(names = "--pack-id")
    @Nullable String packId;

    @Option(
        names = {"--labels", "--label"},
        paramLabel = "k=v")
    List<String> labels = new ArrayList<>();

    @Option(
        names = {"--file", "-f"},
        paramLabel = "FILE|-",
        description = "the whole check request (policyCheckRequest JSON)")
    @Nullable String file;

    PolicyCheckRequest request(Cmd c) {
      if (file != null) {
        Map<String, Object> m = Inputs.object("--file", Inputs.file("--file", file, c.root().in));
        return ClientJson.mapper().convertValue(m, PolicyCheckRequest.class);
      }
      if (topic == null || topic.isBlank()) {
        throw CliException.usage("--topic is required (or --file)");
      }
      PolicyCheckRequest.Builder b =
          PolicyCheckRequest.builder(topic).riskTags(riskTags).requires(requires);
      if (tenant != null) {
        b.tenant(tenant);
      }
      if (capability != null) {
        b.capability(capability);
      }
      if (actorId != null || actorType != null) {
        b.actor(actorId == null ? "" : actorId, actorType == null ? "" : actorType);
      }
      if (packId != null) {
        b.packId(packId);
      }
      Inputs.labels("--labels", labels, c.root().in).forEach(b::label);
      return b.build();
    }
  }

  static void print(Output out, PolicyDecision d) {
    out.emit(
        d,
        List.of(d.outcome()),
        p -> {
          Table.fields(
              p,
              "Decision",
              d.outcome(),
              "Reason",
              d.reason(),
              "Rule",
              d.ruleId(),
              "Snapshot",
              d.policySnapshot(),
              "Approval",
              d.approvalRequired() ? "required" : "");
          if (!d.remediations().isEmpty()) {
            p.println("Remediations:");
            d.remediations()
                .forEach(
                    r ->
                        p.println(
                            "  "
                                + r.id()
                                + ": "
                                + r.title()
                                + (r.replacementTopic().isEmpty()
                                    ? ""
                                    : " (topic " + r.replacementTopic() + ")")));
          }
          if (!d.trace().isEmpty()) {
            p.println();
            Table t = new Table("RULE", "SOURCE", "MATCHED", "DECISIVE", "DETAIL");
            d.trace()
                .forEach(r -> t.row(r.ruleId(), r.source(), r.matched(), r.decisive(), r.detail()));
            t.print(p);
          }
        });
  }

  @Command(name = "evaluate", description = "The decision the kernel takes for a job.")
  static final class Evaluate extends Cmd {
    @Mixin Check check = new Check();

    @Override
    int run() {
      print(out(), client().policy().evaluate(check.request(this)));
      return Exit.OK;
    }
  }

  @Command(name = "simulate", description = "The decision, without side effects.")
  static final class Simulate extends Cmd {
    @Mixin Check check = new Check();

    @Override
    int run() {
      print(out(), client().policy().simulate(check.request(this)));
      return Exit.OK;
    }
  }

  @Command(name = "explain", description = "The decision with every rule tried.")
  static final class Explain extends Cmd {
    @Mixin Check check = new Check();

    @Override
    int run() {
      print(out(), client().policy().explain(check.request(this)));
      return Exit.OK;
    }
  }

  @Command(name = "rules", description = "Every rule with its source.")
  static final class Rules extends Cmd {
    @Option(names = "--include-disabled")
    boolean includeDisabled;

    @Override
    int run() {
      PolicyRuleListing l = client().policy().rules(includeDisabled);
      out()
          .emit(
              l,
              l.items().stream().map(r -> String.valueOf(r.get("id"))).toList(),
              p -> {
                Table t = new Table("RULE", "DECISION", "ENABLED", "SOURCE");
                l.items()
                    .forEach(
                        r ->
                            t.row(
                                r.get("id"),
                                r.get("decision"),
                                r.get("enabled"),
                                r.get("source") instanceof Map<?, ?> s
                                    ? s.get("fragment_id")
                                    : ""));
                t.print(p);
                l.errors().forEach(e -> p.println("error in " + e.fragmentId() + ": " + e.error()));
              });
      return Exit.OK;
    }
  }

  @Command(name = "bundles", description = "List the policy bundles.")
  static final class Bundles extends Cmd {
    @Override
    int run() {
      BundleListing l = client().policy().bundles();
      out()
          .emit(
              l,
              l.items().stream().map(b -> b.id()).toList(),
              p -> {
                Table t = new Table("ID", "ENABLED", "SOURCE", "VERSION", "AUTHOR", "UPDATED");
                l.items()
                    .forEach(
                        b ->
                            t.row(
                                b.id(),
                                b.enabled(),
                                b.source(),
                                b.version(),
                                b.author(),
                                b.updatedAt()));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(
      name = "bundle",
      description = "Read, write and try one policy bundle.",
      subcommands = {Bundle.Get.class, Bundle.Put.class, Bundle.SimulateBundle.class})
  static final class Bundle extends Cmd.Group {
    @Command(name = "get", description = "A bundle (its YAML with -o table).")
    static final class Get extends Cmd {
      @Parameters(paramLabel = "BUNDLE_ID")
      String id;

      @Override
      int run() {
        PolicyBundle b = client().policy().bundle(id);
        out()
            .emit(
                b,
                List.of(b.id()),
                p -> p.print(b.content().endsWith("\n") ? b.content() : b.content() + "\n"));
        return Exit.OK;
      }
    }

    @Command(name = "put", description = "Create or change a secops/ bundle from a YAML file.")
    static final class Put extends Cmd {
      @Parameters(paramLabel = "BUNDLE_ID")
      String id;

      @Option(
          names = {"--file", "-f"},
          required = true,
          paramLabel = "FILE|-")
      String file;

      @Option(names = "--disabled", description = "store it without enabling it")
      boolean disabled;

      @Option(names = "--message")
      @Nullable String message;

      @Option(names = "--version", description = "write only if the bundle is at this version")
      @Nullable Long version;

      @Override
      int run() {
        BundleEdit e = BundleEdit.of(Inputs.file("--file", file, root().in)).withEnabled(!disabled);
        if (message != null) {
          e = e.withMessage(message);
        }
        if (version != null) {
          e = e.withVersion(version);
        }
        BundleSaved s = client().policy().putBundle(id, e);
        out().emit(s, List.of(s.id()), p -> p.println(s.id() + ": version " + s.version()));
        return Exit.OK;
      }
    }

    @Command(
        name = "simulate",
        description =
            "The decision with this bundle replaced by a " + "draft (--draft) or as stored.")
    static final class SimulateBundle extends Cmd {
      @Parameters(paramLabel = "BUNDLE_ID")
      String id;

      @Option(names = "--draft", paramLabel = "FILE")
      @Nullable String draft;

      @Mixin Check check = new Check();

      @Override
      int run() {
        String content = draft == null ? null : Inputs.file("--draft", draft, root().in);
        print(out(), client().policy().simulateBundle(id, check.request(this), content));
        return Exit.OK;
      }
    }
  }

  @Command(
      name = "snapshot",
      aliases = "snapshots",
      description = "Bundle snapshots: list, take, get.",
      subcommands = {Snapshot.ListSnapshots.class, Snapshot.Take.class, Snapshot.Get.class})
  static final class Snapshot extends Cmd.Group {
    @Command(name = "list", aliases = "ls", description = "Snapshots, newest first.")
    static final class ListSnapshots extends Cmd {
      @Override
      int run() {
        List<BundleSnapshot> l = client().policy().snapshots();
        out()
            .emit(
                l,
                l.stream().map(BundleSnapshot::id).toList(),
                p -> {
                  Table t = new Table("ID", "CREATED", "NOTE");
                  l.forEach(s -> t.row(s.id(), s.createdAt(), s.note()));
                  t.print(p);
                });
        return Exit.OK;
      }
    }

    @Command(name = "take", description = "Take a snapshot of every bundle now.")
    static final class Take extends Cmd {
      @Option(names = "--note")
      @Nullable String note;

      @Override
      int run() {
        BundleSnapshot s = client().policy().takeSnapshot(note);
        out().emit(s, List.of(s.id()), p -> p.println(s.id()));
        return Exit.OK;
      }
    }

    @Command(name = "get", description = "A snapshot with its bundles.")
    static final class Get extends Cmd {
      @Parameters(paramLabel = "SNAPSHOT_ID")
      String id;

      @Override
      int run() {
        BundleSnapshot s = client().policy().snapshot(id);
        out()
            .emit(
                s,
                List.of(s.id()),
                p -> {
                  Table.fields(
                      p, "ID", s.id(), "Created", Table.time(s.createdAt()), "Note", s.note());
                  Table t = new Table("BUNDLE", "ENABLED", "VERSION");
                  s.bundles().forEach((bid, b) -> t.row(bid, b.enabled(), b.version()));
                  p.println();
                  t.print(p);
                });
        return Exit.OK;
      }
    }
  }

  @Command(name = "publish", description = "Enable secops/ bundles (all, or those named).")
  static final class Publish extends Cmd {
    @Parameters(paramLabel = "BUNDLE_ID", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Option(names = "--message")
    @Nullable String message;

    @Option(names = "--note")
    @Nullable String note;

    @Override
    int run() {
      PublishResult r = client().policy().publish(ids, message, note);
      out()
          .emit(
              r,
              r.published(),
              p -> {
                p.println("published: " + String.join(", ", r.published()));
                p.println("snapshot before: " + r.snapshotBefore());
                p.println("snapshot after:  " + r.snapshotAfter());
              });
      return Exit.OK;
    }
  }

  @Command(name = "rollback", description = "Restore the bundles of a snapshot.")
  static final class Rollback extends Cmd {
    @Parameters(paramLabel = "SNAPSHOT_ID")
    String id;

    @Option(names = "--message")
    @Nullable String message;

    @Option(names = "--note")
    @Nullable String note;

    @Override
    int run() {
      RollbackResult r = client().policy().rollback(id, message, note);
      out()
          .emit(
              r,
              List.of(r.rollbackTo()),
              p -> {
                p.println("rolled back to " + r.rollbackTo());
                p.println("snapshot before: " + r.snapshotBefore());
                p.println("snapshot after:  " + r.snapshotAfter());
              });
      return Exit.OK;
    }
  }

  @Command(name = "audit", description = "Policy changes, newest first.")
  static final class Audit extends Cmd {
    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    int run() {
      List<PolicyAuditEntry> l = client().policy().audit(limit);
      out()
          .emit(
              l,
              l.stream().map(PolicyAuditEntry::id).toList(),
              p -> {
                Table t = new Table("TIME", "ACTION", "ACTOR", "BUNDLES", "MESSAGE");
                l.forEach(
                    e ->
                        t.row(
                            e.createdAt(),
                            e.action(),
                            e.actorId(),
                            String.join(",", e.bundleIds()),
                            e.message()));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "kernel-snapshots", description = "The safety kernel's policy versions.")
  static final class KernelSnapshots extends Cmd {
    @Override
    int run() {
      List<String> l = client().policy().kernelSnapshots();
      out().emit(Map.of("snapshots", l), l, p -> l.forEach(p::println));
      return Exit.OK;
    }
  }
}
