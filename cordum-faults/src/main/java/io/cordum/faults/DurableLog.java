package io.cordum.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only file of tab-separated lines, each on disk ({@code force}) before {@link #append}
 * returns: a line written before a {@code kill -9} survives it. A torn last line (killed mid-write)
 * is skipped when reading.
 */
final class DurableLog implements AutoCloseable {
  private final FileChannel ch;
  private final ReentrantLock lock = new ReentrantLock();

  DurableLog(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void append(String... fields) {
    byte[] line = (String.join("\t", fields) + "\n").getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /** The complete lines of a log, split on tabs; an absent file has none. */
  static List<String[]> read(Path file) {
    List<String[]> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int start = 0;
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        out.add(text.substring(start, nl).split("\t", -1));
        start = nl + 1;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      ch.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
