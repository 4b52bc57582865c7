package io.cordum.memory;

import io.cordum.api.Page;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** One run's bounded, append-only timeline. */
final class TimelineLog {
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<TimelineEvent> events = new ArrayDeque<>();
  private final int limit;
  private long seq;

  TimelineLog(int limit) {
    this.limit = limit;
  }

  TimelineEvent append(TimelineEvent e, Instant now) {
    lock.lock();
    try {
      TimelineEvent stored = e.stored(++seq, now);
      events.addLast(stored);
      while (events.size() > limit) {
        events.removeFirst();
      }
      return stored;
    } finally {
      lock.unlock();
    }
  }

  Page<TimelineEvent> page(TimelineQuery q) {
    long cursor;
    try {
      cursor = q.cursor() == null ? -1 : Long.parseLong(q.cursor());
    } catch (NumberFormatException e) {
      cursor = -1;
    }
    lock.lock();
    try {
      List<TimelineEvent> out = new ArrayList<>();
      Iterator<TimelineEvent> it =
          q.newestFirst() ? events.descendingIterator() : events.iterator();
      boolean more = false;
      while (it.hasNext()) {
        TimelineEvent e = it.next();
        if (cursor >= 0 && (q.newestFirst() ? e.seq() >= cursor : e.seq() <= cursor)) {
          continue;
        }
        if (out.size() == q.limit()) {
          more = true;
          break;
        }
        out.add(e);
      }
      String next = more ? Long.toString(out.get(out.size() - 1).seq()) : null;
      return new Page<>(out, next);
    } finally {
      lock.unlock();
    }
  }
}
