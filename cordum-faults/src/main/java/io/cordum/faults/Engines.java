package io.cordum.faults;

import java.util.Map;

/** The NATS and Redis a run uses, started privately, and the faults that can hit them. */
interface Engines extends AutoCloseable {
  /** The variables that point a process at these engines. */
  Map<String, String> env(boolean jetStream);

  /** Kills NATS (a single server) or one node of it (a cluster) with SIGKILL. */
  void killNats();

  /** Starts what {@link #killNats()} killed again, with its store. */
  void restartNats();

  /** Kills Redis (a single server) or one master (a cluster) with SIGKILL. */
  void killRedis();

  /** Starts what {@link #killRedis()} killed again, with its data. */
  void restartRedis();

  /** For the results table. */
  String describe();

  @Override
  void close();
}
