package io.cordum.api.config;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Named settings (such as {@code NATS_URL} or {@code JOB_META_TTL}) from one or more sources, in
 * order of precedence: flags over the environment over a file, for example. Every typed read goes
 * through a {@link Reader}, which validates the value and collects every problem, each naming the
 * setting, the rule, the value and where it came from:
 *
 * <pre>{@code
 * Settings settings = Settings.of("the command line", flags)
 *     .over(Settings.environment())
 *     .over(Settings.of("cordum.yaml", fileValues));
 * Settings.Reader r = settings.reader();
 * boolean jetStream = r.bool("NATS_USE_JETSTREAM", false);
 * Optional<Duration> ackWait = r.duration("NATS_JS_ACK_WAIT");
 * r.validate(); // one ValidationException listing every bad setting
 * }</pre>
 *
 * <p>A blank value counts as unset. Values of settings whose names suggest a secret ({@code KEY},
 * {@code SECRET}, {@code PASSWORD}, {@code TOKEN}) are never repeated in errors, and a password in
 * a URL is masked.
 */
public final class Settings {
  private static final Set<String> TRUE = Set.of("1", "true", "yes", "y", "on");
  private static final Set<String> FALSE = Set.of("0", "false", "no", "n", "off");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(KEY|SECRET|PASSWORD|TOKEN).*", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL_PASSWORD = Pattern.compile("(?<=://)([^@/:,]*):[^@/,]*@");
  private static final Pattern URL_SECRET = Pattern.compile("(?<=://)[^:@/,]+@");

  private final List<Source> sources;

  private Settings(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /**
   * Settings from one source.
   *
   * @param source where the values come from, as errors should name it ({@code the environment},
   *     {@code /etc/cordum.yaml})
   * @param values setting names to their text
   */
  public static Settings of(String source, Map<String, String> values) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(values, "values");
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            copy.put(k, v);
          }
        });
    return new Settings(List.of(new Source(source, Collections.unmodifiableMap(copy))));
  }

  /** The process environment ({@link System#getenv()}), named {@code the environment}. */
  public static Settings environment() {
    return of("the environment", System.getenv());
  }

  /** No settings at all. */
  public static Settings empty() {
    return new Settings(List.of());
  }

  /** These settings with {@code lower} underneath: a name set here wins over {@code lower}. */
  public Settings over(Settings lower) {
    Objects.requireNonNull(lower, "lower");
    List<Source> all = new ArrayList<>(sources);
    all.addAll(lower.sources);
    return new Settings(all);
  }

  /** The value of a setting, trimmed, from the first source that sets it (blank is unset). */
  public Optional<Value> get(String name) {
    Objects.requireNonNull(name, "name");
    for (Source s : sources) {
      String v = s.values.get(name);
      if (v != null && !v.isBlank()) {
        return Optional.of(new Value(name, v.trim(), s.name));
      }
    }
    return Optional.empty();
  }

  /** Whether any source sets the setting to a non-blank value. */
  public boolean isSet(String name) {
    return get(name).isPresent();
  }

  /** The names set (non-blank) in any source, sorted. */
  public Set<String> names() {
    Set<String> out = new TreeSet<>();
    for (Source s : sources) {
      s.values.forEach(
          (k, v) -> {
            if (!v.isBlank()) {
              out.add(k);
            }
          });
    }
    return Collections.unmodifiableSet(out);
  }

  /** A new reader over these settings, with no problems recorded yet. */
  public Reader reader() {
    return new Reader(this);
  }

  /**
   * One setting's value and where it came from.
   *
   * @param name the setting's name
   * @param text the value, trimmed, never blank
   * @param source where it came from, such as {@code the environment}
   */
  public record Value(String name, String text, String source) {
    /** The value as errors may show it: masked for secrets, with URL passwords hidden. */
    public String shown() {
      if (SECRET_NAME.matcher(name).matches()) {
        return "(hidden)";
      }
      String masked = URL_PASSWORD.matcher(text).replaceAll("$1:***@");
      return "\"" + URL_SECRET.matcher(masked).replaceAll("***@") + "\"";
    }
  }

  private record Source(String name, Map<String, String> values) {}

  /**
   * Reads typed values and collects every problem. Each read of a bad value records a {@link
   * Violation} (field: the setting's name) and returns empty, so that a caller can read everything
   * and report all problems at once with {@link #validate()}.
   */
  public static final class Reader {
    private final Settings settings;
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> read = new LinkedHashSet<>();

    private Reader(Settings settings) {
      this.settings = settings;
    }

    /** The settings being read. */
    public Settings settings() {
      return settings;
    }

    /** Whether the setting is set (non-blank); counts as reading it. */
    public boolean isSet(String name) {
      read.add(name);
      return settings.isSet(name);
    }

    /** The trimmed text of a setting. */
    public Optional<String> string(String name) {
      read.add(name);
      return settings.get(name).map(Value::text);
    }

    /**
     * A boolean: {@code 1, true, yes, y, on} or {@code 0, false, no, n, off}, in any case. Anything
     * else is a violation.
     */
    public Optional<Boolean> bool(String name) {
      return parse(
          name,
          "must be a boolean (1, true, yes, y, on or 0, false, no, n, off)",
          t -> {
            String v = t.toLowerCase(Locale.ROOT);
            if (TRUE.contains(v)) {
              return Boolean.TRUE;
            }
            if (FALSE.contains(v)) {
              return Boolean.FALSE;
            }
            throw new IllegalArgumentException();
          });
    }

    /** A boolean as {@link #bool(String)}, or {@code fallback} when unset or invalid. */
    public boolean bool(String name, boolean fallback) {
      return bool(name).orElse(fallback);
    }

    /**
     * A positive Go duration such as {@code 30s}, {@code 1h30m} or {@code 250ms} (zero and negative
     * values are violations).
     */
    public Optional<Duration> duration(String name) {
      return parse(
          name,
          "must be a positive duration such as 30s, 5m, 1h30m or 250ms",
          t -> {
            Duration d = GoDurations.parse(t).orElseThrow(IllegalArgumentException::new);
            if (d.isNegative() || d.isZero()) {
              throw new IllegalArgumentException();
            }
            return d;
          });
    }

    /** A Go duration that may be zero (such as {@code 0} to switch something off). */
    public Optional<Duration> nonNegativeDuration(String name) {
      return parse(
          name,
          "must be a duration of zero or more such as 0, 30s, 5m or 1h30m",
          t -> {
            Duration d = GoDurations.parse(t).orElseThrow(IllegalArgumentException::new);
            if (d.isNegative()) {
              throw new IllegalArgumentException();
            }
            return d;
          });
    }

    /** A whole number of seconds, at least 1, as a duration. */
    public Optional<Duration> seconds(String name) {
      return longInteger(name, 1, Long.MAX_VALUE / 1_000_000_000L).map(Duration::ofSeconds);
    }

    /** An integer in {@code [min, max]}. */
    public Optional<Integer> integer(String name, int min, int max) {
      return longInteger(name, min, max).map(Long::intValue);
    }

    /** A long integer in {@code [min, max]}. */
    public Optional<Long> longInteger(String name, long min, long max) {
      String range =
          max == Long.MAX_VALUE || max == Integer.MAX_VALUE
              ? (min == 0 ? "zero or more" : "at least " + min)
              : "from " + min + " to " + max;
      return parse(
          name,
          "must be a whole number " + range,
          t -> {
            long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            if (v < min || v > max) {
              throw new IllegalArgumentException();
            }
            return v;
          });
    }

    /** A file path; the file need not exist (see {@link #existingFile(String)}). */
    public Optional<Path> path(String name) {
      return parse(name, "must be a file path", Path::of);
    }

    /** A path to a regular file that exists and can be read. */
    public Optional<Path> existingFile(String name) {
      Optional<Path> p = path(name);
      if (p.isPresent() && !(Files.isRegularFile(p.get()) && Files.isReadable(p.get()))) {
        Value v = settings.get(name).orElseThrow();
        violations.add(
            new Violation(
                name,
                "must name a readable file, but "
                    + v.shown()
                    + (Files.exists(p.get()) ? " cannot be read" : " does not exist")
                    + from(v)));
        return Optional.empty();
      }
      return p;
    }

    /** An absolute URI whose scheme is one of {@code schemes} (lower case). */
    public Optional<URI> uri(String name, Set<String> schemes) {
      String rule =
          "must be a URL starting with " + String.join("://, ", new TreeSet<>(schemes)) + "://";
      return parse(
          name,
          rule,
          t -> {
            URI u;
            try {
              u = new URI(t);
            } catch (URISyntaxException e) {
              throw new IllegalArgumentException(e);
            }
            if (u.getScheme() == null
                || !schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))) {
              throw new IllegalArgumentException();
            }
            return u;
          });
    }

    /**
     * A value converted by {@code parser}. When the parser throws an {@link
     * IllegalArgumentException} (or a {@link ValidationException}, whose rules are kept), the
     * violation says {@code rule}.
     */
    public <T> Optional<T> parse(String name, String rule, Function<String, T> parser) {
      read.add(name);
      Optional<Value> v = settings.get(name);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(parser.apply(v.get().text()));
      } catch (ValidationException e) {
        for (Violation x : e.violations()) {
          violations.add(new Violation(name, x.rule() + from(v.get())));
        }
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(name, rule + ", was " + v.get().shown() + from(v.get())));
      }
      return Optional.empty();
    }

    /** Records a problem with a setting that the caller found itself. */
    public void reject(String name, String rule) {
      read.add(name);
      Optional<Value> v = settings.get(name);
      violations.add(new Violation(name, rule + v.map(Reader::from).orElse("")));
    }

    /** Every problem recorded so far. */
    public List<Violation> violations() {
      return List.copyOf(violations);
    }

    /** The names read so far (set or not), in the order first read. */
    public Set<String> readNames() {
      return Collections.unmodifiableSet(read);
    }

    /**
     * Throws if any problem was recorded.
     *
     * @throws ValidationException listing every problem, each naming its setting
     */
    public void validate() {
      if (!violations.isEmpty()) {
        throw new ValidationException(violations);
      }
    }

    private static String from(@Nullable Value v) {
      return v == null ? "" : " (from " + v.source() + ")";
    }
  }
}
