package io.cordum.server.internal;

import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Logback configuration before the first logger exists: human-readable lines by
 * default, one JSON object per line with {@code CORDUM_LOG_FORMAT=json}. A {@code
 * -Dlogback.configurationFile} given by the operator wins.
 */
public final class Logging {
  private Logging() {}

  /** Sets the configuration file and the root level; call before any logger is made. */
  public static void configure(String format, String level) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile",
          format.trim().equalsIgnoreCase("json")
              ? "cordum-logback-json.xml"
              : "cordum-logback.xml");
    }
    System.setProperty("cordum.log.level", level.trim().toUpperCase(Locale.ROOT));
  }

  /** Writes out what is buffered and stops the appenders (before the JVM halts). */
  public static void flush() {
    ILoggerFactory f = LoggerFactory.getILoggerFactory();
    if (f instanceof LoggerContext c) {
      c.stop();
    }
  }
}
