package io.cordum.bench;

import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.UnifiedJedis;

/**
 * What one run cost the Redis server: CPU seconds (user + sys), reads of client input (about one
 * per round trip: a pipelined batch that arrives at once is one read) and calls per command, taken
 * from {@code INFO cpu}, {@code INFO stats} and {@code INFO commandstats} before and after the run.
 * Commands called from Lua scripts are counted too, so this shows what each script really does; the
 * time of a script ({@code FCALL}, {@code EVALSHA}) includes its commands', so CPU minus the
 * scripts' time minus the commands sent outside scripts is what Redis spent outside commands
 * (reading, parsing, replying: the cost of round trips).
 */
final class RedisProfile {
  private final double cpu;
  private final long reads;
  private final Map<String, Long> calls;
  private final Map<String, Long> usec;

  private RedisProfile(double cpu, long reads, Map<String, Long> calls, Map<String, Long> usec) {
    this.cpu = cpu;
    this.reads = reads;
    this.calls = calls;
    this.usec = usec;
  }

  static RedisProfile take(UnifiedJedis jedis) {
    double cpu = 0;
    for (String line : jedis.info("cpu").split("\r?\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    long reads = 0;
    for (String line : jedis.info("stats").split("\r?\n")) {
      if (line.startsWith("total_reads_processed:")) {
        reads = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    Map<String, Long> calls = new TreeMap<>();
    Map<String, Long> usec = new TreeMap<>();
    for (String line : jedis.info("commandstats").split("\r?\n")) {
      // cmdstat_zadd:calls=12,usec=34,...
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      String name = line.substring("cmdstat_".length(), line.indexOf(':'));
      for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
        if (kv.startsWith("calls=")) {
          calls.put(name, Long.parseLong(kv.substring("calls=".length())));
        } else if (kv.startsWith("usec=")) {
          usec.put(name, Long.parseLong(kv.substring("usec=".length())));
        }
      }
    }
    return new RedisProfile(cpu, reads, calls, usec);
  }

  /**
   * Redis CPU microseconds per job, and per command the calls per job and µs per call, since {@code
   * before}.
   */
  String since(RedisProfile before, int jobs) {
    long scriptUsec = 0;
    for (String script : new String[] {"fcall", "evalsha"}) {
      scriptUsec += usec.getOrDefault(script, 0L) - before.usec.getOrDefault(script, 0L);
    }
    StringBuilder b =
        new StringBuilder(
            String.format(
                "redis: %.1f µs CPU/job, %.2f reads/job, scripts %.1f µs/job;",
                (cpu - before.cpu) * 1e6 / jobs,
                (double) (reads - before.reads) / jobs,
                (double) scriptUsec / jobs));
    calls.forEach(
        (name, n) -> {
          long d = n - before.calls.getOrDefault(name, 0L);
          if (d > 0) {
            long us = usec.getOrDefault(name, 0L) - before.usec.getOrDefault(name, 0L);
            b.append(String.format(" %s %.2f (%.1f µs)", name, (double) d / jobs, (double) us / d));
          }
        });
    return b.append(" per job").toString();
  }
}
