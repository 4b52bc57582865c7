package io.cordum.cli;

import io.cordum.client.model.LockInfo;
import io.cordum.client.model.LockMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl lock ...}. */
@Command(
    name = "lock",
    aliases = "locks",
    description = "Inspect, take and release locks.",
    subcommands = {
      LockCommands.Get.class,
      LockCommands.Acquire.class,
      LockCommands.Renew.class,
      LockCommands.Release.class
    })
final class LockCommands extends Cmd.Group {

  static void print(Output out, LockInfo l) {
    out.emit(
        l,
        List.of(l.resource()),
        p ->
            Table.fields(
                p,
                "Resource",
                l.resource(),
                "Mode",
                l.mode().wireName(),
                "Owners",
                l.owners(),
                "Expires",
                Table.time(l.expiresAt()),
                "Fencing token",
                l.fencingToken()));
  }

  static @Nullable Duration ttl(@Nullable String v) {
    return v == null ? null : Inputs.duration("--ttl", v);
  }

  @Command(name = "get", description = "A lock and its owners.")
  static final class Get extends Cmd {
    @Parameters(paramLabel = "RESOURCE")
    String resource;

    @Override
    int run() {
      print(out(), client().locks().get(resource));
      return Exit.OK;
    }
  }

  @Command(name = "acquire", description = "Take a lock (exit 1 when another owner holds it).")
  static final class Acquire extends Cmd {
    @Parameters(paramLabel = "RESOURCE")
    String resource;

    @Option(names = "--owner", required = true)
    String owner;

    @Option(names = "--mode", defaultValue = "exclusive", description = "exclusive or shared")
    LockMode mode;

    @Option(names = "--ttl", paramLabel = "DURATION")
    @Nullable String ttl;

    @Override
    int run() {
      print(out(), client().locks().acquire(resource, owner, mode, ttl(ttl)));
      return Exit.OK;
    }
  }

  @Command(name = "renew", description = "Extend an owner's lease.")
  static final class Renew extends Cmd {
    @Parameters(paramLabel = "RESOURCE")
    String resource;

    @Option(names = "--owner", required = true)
    String owner;

    @Option(names = "--ttl", paramLabel = "DURATION")
    @Nullable String ttl;

    @Override
    int run() {
      print(out(), client().locks().renew(resource, owner, ttl(ttl)));
      return Exit.OK;
    }
  }

  @Command(name = "release", description = "Release one of an owner's holds.")
  static final class Release extends Cmd {
    @Parameters(paramLabel = "RESOURCE")
    String resource;

    @Option(names = "--owner", required = true)
    String owner;

    @Override
    int run() {
      Optional<LockInfo> after = client().locks().release(resource, owner);
      if (after.isPresent()) {
        print(out(), after.get());
      } else {
        out()
            .emit(
                Map.of("released", true),
                List.of(resource),
                p -> p.println(resource + ": released"));
      }
      return Exit.OK;
    }
  }
}
