package io.cordum.core.scheduler;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.cap.Subjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Which pools serve which topics, and what each pool offers: the {@code pools.yaml} file of Cordum
 * (env {@code POOL_CONFIG_PATH}), in YAML or JSON.
 *
 * <pre>
 * topics:                       # required, at least one
 *   job.default: default        # a pool name, or
 *   job.batch: [batch, batch-b] # a non-empty list of pool names
 * pools:                        # optional
 *   gpu:
 *     requires: [gpu, cuda]     # capabilities the pool offers; the only key allowed
 * </pre>
 *
 * @param topics topic to pool names, in file order
 * @param pools pool name to its capabilities ({@code requires})
 */
public record PoolConfig(Map<String, List<String>> topics, Map<String, List<String>> pools) {

  /** The shipped default: {@code job.default} served by pool {@code default}. */
  public static final PoolConfig DEFAULT =
      builder().topic("job.default", "default").pool("default").build();

  /** Copies the maps. */
  public PoolConfig {
    LinkedHashMap<String, List<String>> t = new LinkedHashMap<>();
    topics.forEach((k, v) -> t.put(k, List.copyOf(v)));
    LinkedHashMap<String, List<String>> p = new LinkedHashMap<>();
    pools.forEach((k, v) -> p.put(k, List.copyOf(v)));
    topics = Collections.unmodifiableMap(t);
    pools = Collections.unmodifiableMap(p);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads and parses a file. */
  public static PoolConfig load(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pool config " + path, e);
    }
  }

  /**
   * Parses YAML or JSON and validates it.
   *
   * @throws ValidationException listing every problem, each naming its path and rule
   */
  public static PoolConfig parse(String text) {
    if (text.isBlank()) {
      throw new ValidationException("pools", "the pool config is empty");
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JacksonException e) {
      throw new ValidationException(
          "pools", "is not valid YAML or JSON: " + e.getOriginalMessage());
    }
    List<Violation> errors = new ArrayList<>();
    Builder b = builder();
    if (root == null || !root.isObject()) {
      throw new ValidationException("pools", "must be a mapping with 'topics' and 'pools'");
    }
    for (String key : root.propertyNames()) {
      if (!key.equals("topics") && !key.equals("pools")) {
        errors.add(new Violation(key, "unknown key; only 'topics' and 'pools' are allowed"));
      }
    }
    JsonNode topics = root.get("topics");
    if (topics == null || !topics.isObject() || topics.isEmpty()) {
      errors.add(new Violation("topics", "is required and must map at least one topic to a pool"));
    } else {
      for (var e : topics.properties()) {
        String topic = e.getKey();
        String path = "topics." + topic;
        if (topic.isBlank() || !Subjects.isLiteral(topic)) {
          errors.add(new Violation(path, "the topic must be a valid subject without wildcards"));
          continue;
        }
        JsonNode v = e.getValue();
        List<String> pools = new ArrayList<>();
        if (v.isString() && !v.asString().isBlank()) {
          pools.add(v.asString().trim());
        } else if (v.isArray() && !v.isEmpty()) {
          int i = 0;
          for (JsonNode p : v) {
            if (p.isString() && !p.asString().isBlank()) {
              pools.add(p.asString().trim());
            } else {
              errors.add(new Violation(path + "[" + i + "]", "must be a non-empty pool name"));
            }
            i++;
          }
        } else {
          errors.add(new Violation(path, "must be a pool name or a non-empty list of pool names"));
        }
        if (!pools.isEmpty()) {
          b.topic(topic, pools.toArray(String[]::new));
        }
      }
    }
    JsonNode pools = root.get("pools");
    if (pools != null && !pools.isNull()) {
      if (!pools.isObject()) {
        errors.add(new Violation("pools", "must map pool names to {requires: [...]}"));
      } else {
        for (var e : pools.properties()) {
          String pool = e.getKey();
          String path = "pools." + pool;
          if (pool.isBlank()) {
            errors.add(new Violation(path, "the pool name must not be empty"));
            continue;
          }
          JsonNode spec = e.getValue();
          List<String> requires = new ArrayList<>();
          if (spec != null && !spec.isNull()) {
            if (!spec.isObject()) {
              errors.add(new Violation(path, "must be a mapping with an optional 'requires' list"));
              continue;
            }
            for (String k : spec.propertyNames()) {
              if (!k.equals("requires")) {
                errors.add(
                    new Violation(path + "." + k, "unknown key; only 'requires' is allowed"));
              }
            }
            JsonNode req = spec.get("requires");
            if (req != null && !req.isNull()) {
              if (!req.isArray()) {
                errors.add(new Violation(path + ".requires", "must be a list of capabilities"));
              } else {
                int i = 0;
                for (JsonNode r : req) {
                  if (r.isString() && !r.asString().isBlank()) {
                    requires.add(r.asString().trim());
                  } else {
                    errors.add(
                        new Violation(path + ".requires[" + i + "]", "must be a non-empty string"));
                  }
                  i++;
                }
              }
            }
          }
          b.pool(pool, requires.toArray(String[]::new));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return b.build();
  }

  /** Builds {@link PoolConfig}s. */
  public static final class Builder {
    private final Map<String, List<String>> topics = new LinkedHashMap<>();
    private final Map<String, List<String>> pools = new LinkedHashMap<>();

    private Builder() {}

    /** Maps a topic to one or more pools, tried in this order. */
    public Builder topic(String topic, String... poolNames) {
      if (poolNames.length == 0) {
        throw new IllegalArgumentException("topic " + topic + " needs at least one pool");
      }
      topics.put(topic, List.of(poolNames));
      return this;
    }

    /** Declares a pool and the capabilities it offers. */
    public Builder pool(String name, String... requires) {
      pools.put(name, List.of(requires));
      return this;
    }

    /** Builds the config. */
    public PoolConfig build() {
      if (topics.isEmpty()) {
        throw new ValidationException("topics", "must map at least one topic to a pool");
      }
      return new PoolConfig(topics, pools);
    }
  }
}
