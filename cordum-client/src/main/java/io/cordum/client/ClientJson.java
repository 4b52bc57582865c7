package io.cordum.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of the client's records: snake_case names, unknown fields and enum values
 * tolerated, times as RFC 3339. Use {@link #configure} to print records the way the gateway writes
 * them (in JSON or another Jackson format, such as YAML).
 */
public final class ClientJson {
  private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

  private ClientJson() {}

  /** The mapper the client uses. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Applies the client's settings to a mapper builder. */
  public static <M extends tools.jackson.databind.ObjectMapper, B extends MapperBuilder<M, B>>
      B configure(B b) {
    return b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
