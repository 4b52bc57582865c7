package io.cordum.redis.internal;

import io.cordum.api.BackendException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Group commit of the job store's per-job writes: when more threads write at once than {@code
 * inFlight} calls may be in flight, the writes made meanwhile go to Redis together, as one {@code
 * FCALL} of the library's {@code batch} function, which runs each of them with the same Lua
 * function as its own call would (see {@code job_batch.lua}).
 *
 * <p>Leaders and followers, with no thread of its own: a write made while fewer than {@code
 * inFlight} calls are in flight is sent at once by its own thread, alone, as the plain function
 * call (so a lone writer, or a few, pay nothing more than before). A write made while {@code
 * inFlight} calls are in flight waits in a queue; when one of those calls' reply comes, the thread
 * that sent it hands the lead to the oldest waiting write, whose thread sends its own write with up
 * to {@code maxBatch - 1} of those queued behind it, and the others wait for their outcome. So the
 * batches grow with the load, and the job store never holds more than {@code inFlight} of the
 * pool's connections for its writes.
 *
 * <p>Each write keeps its own outcome: a conflict or an invalid transition is its own reply, and a
 * Lua error in one write's function is that write's failure only. A failure of the call itself (the
 * connection, a timeout) fails exactly the writes of that batch, each with the {@link
 * BackendException} its own call would have thrown; a missing library is loaded and the batch run
 * again ({@link LuaLibrary#call}: the server refused the whole call, so nothing runs twice). All
 * job-store keys share one hash tag, so on Redis Cluster a batch is one slot on one node like each
 * of its writes.
 */
public final class JobWrites {
  private final UnifiedJedis redis;
  private final List<String> globals;
  private final LuaFunction batch;
  private final int maxBatch;
  private final int inFlight;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Write> queue = new ArrayDeque<>();

  /** How many threads are sending a batch (or have been handed the lead); guarded by lock. */
  private int leaders;

  /**
   * @param redis the client
   * @param globals the global keys every per-job function gets before the job's own
   * @param batch the library's batch function
   * @param maxBatch the most writes sent in one call; 1 sends every write on its own, at once
   * @param inFlight how many calls may be in flight at once before writes wait and batch
   */
  public JobWrites(
      UnifiedJedis redis, List<String> globals, LuaFunction batch, int maxBatch, int inFlight) {
    if (maxBatch < 1 || inFlight < 1) {
      throw new IllegalArgumentException(
          "maxBatch and inFlight must be at least 1, were " + maxBatch + ", " + inFlight);
    }
    this.redis = redis;
    this.globals = List.copyOf(globals);
    this.batch = batch;
    this.maxBatch = maxBatch;
    this.inFlight = inFlight;
  }

  /**
   * Runs per-job function {@code fn} with the global keys, then {@code ownKeys}, and {@code args},
   * alone or in a batch, and returns its reply.
   *
   * @throws BackendException if Redis could not run it
   */
  public Object run(LuaFunction fn, List<String> ownKeys, List<String> args) {
    if (maxBatch == 1) {
      return fn.run(redis, allKeys(ownKeys), args);
    }
    Write w = new Write(fn, ownKeys, args);
    boolean lead;
    lock.lock();
    try {
      lead = leaders < inFlight;
      if (lead) {
        leaders++;
      } else {
        queue.add(w);
      }
    } finally {
      lock.unlock();
    }
    if (lead || w.awaitTurn()) {
      lead(w);
    }
    return w.outcome();
  }

  /** How many writes are waiting for a batch (for tests). */
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Sends {@code own} with what is queued, hands the lead on, then wakes the batch's writers. */
  private void lead(Write own) {
    List<Write> writes = new ArrayList<>();
    writes.add(own);
    lock.lock();
    try {
      while (writes.size() < maxBatch && !queue.isEmpty()) {
        writes.add(queue.poll());
      }
    } finally {
      lock.unlock();
    }
    try {
      send(writes);
    } catch (RuntimeException | Error e) { // send() answers every write; this is a bug's backstop
      for (Write w : writes) {
        if (!w.answered()) {
          w.failure = new BackendException("redis: job write batch failed: " + e, e);
        }
      }
    } finally {
      Write next;
      lock.lock();
      try {
        next = queue.poll();
        if (next == null) {
          leaders--;
        }
      } finally {
        lock.unlock();
      }
      if (next != null) {
        next.wake(true);
      }
      for (int i = 1; i < writes.size(); i++) {
        writes.get(i).wake(false);
      }
    }
  }

  private void send(List<Write> writes) {
    if (writes.size() == 1) {
      Write w = writes.get(0);
      try {
        w.reply = w.fn.run(redis, allKeys(w.ownKeys), w.args);
      } catch (RuntimeException e) {
        w.failure = e;
      }
      return;
    }
    List<String> keys = new ArrayList<>(globals.size() + writes.size() * 5);
    keys.addAll(globals);
    List<String> args = new ArrayList<>(writes.size() * 22);
    for (Write w : writes) {
      keys.addAll(w.ownKeys);
      args.add(w.fn.name());
      args.add(Integer.toString(w.ownKeys.size()));
      args.add(Integer.toString(w.args.size()));
      args.addAll(w.args);
    }
    List<?> replies;
    try {
      replies = (List<?>) batch.run(redis, keys, args);
    } catch (BackendException e) {
      // What each write's own call would have thrown: the same cause, the write's own function.
      Throwable cause = e.getCause();
      for (Write w : writes) {
        w.failure =
            cause instanceof Exception c
                ? RedisCalls.failure("function " + w.fn.name(), c)
                : new BackendException(e.getMessage(), e);
      }
      return;
    }
    if (replies.size() != writes.size()) {
      throw new BackendException(
          "redis: the batch function replied " + replies.size() + " results to " + writes.size(),
          null);
    }
    for (int i = 0; i < writes.size(); i++) {
      Write w = writes.get(i);
      Object r = replies.get(i);
      if (r instanceof List<?> l && !l.isEmpty() && "ERR".equals(String.valueOf(l.get(0)))) {
        w.failure =
            RedisCalls.failure(
                "function " + w.fn.name(), new JedisDataException(String.valueOf(l.get(1))));
      } else {
        w.reply = r;
      }
    }
  }

  private List<String> allKeys(List<String> ownKeys) {
    List<String> k = new ArrayList<>(globals.size() + ownKeys.size());
    k.addAll(globals);
    k.addAll(ownKeys);
    return k;
  }

  /** One write and, once sent, its outcome. */
  private static final class Write {
    final LuaFunction fn;
    final List<String> ownKeys;
    final List<String> args;
    final Thread thread = Thread.currentThread();

    /** Written by the leader before {@link #wake}, read by this write's thread after it. */
    @Nullable Object reply;

    @Nullable RuntimeException failure;

    /** 0 waiting, 1 answered, 2 handed the lead. */
    volatile int state;

    Write(LuaFunction fn, List<String> ownKeys, List<String> args) {
      this.fn = fn;
      this.ownKeys = ownKeys;
      this.args = args;
    }

    boolean answered() {
      return reply != null || failure != null;
    }

    void wake(boolean lead) {
      state = lead ? 2 : 1;
      LockSupport.unpark(thread);
    }

    /** Waits until answered (false) or handed the lead (true). Not interruptible: it is sent. */
    boolean awaitTurn() {
      boolean interrupted = false;
      int s;
      while ((s = state) == 0) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return s == 2;
    }

    Object outcome() {
      if (failure != null) {
        throw failure;
      }
      if (reply == null) {
        throw new BackendException("redis: job write got no reply", null);
      }
      return reply;
    }
  }
}
