package io.cordum.client.model;

import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/** Job times on the wire: unix microseconds (Cordum's unit for jobs). */
final class UnixMicros {
  private UnixMicros() {}

  static Instant of(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  static final class Read extends ValueDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctx) throws JacksonException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        String s = p.getString().trim();
        return s.chars().allMatch(Character::isDigit) && !s.isEmpty()
            ? of(Long.parseLong(s))
            : Instant.parse(s);
      }
      return of(p.getLongValue());
    }
  }

  static final class Write extends ValueSerializer<Instant> {
    @Override
    public void serialize(Instant v, JsonGenerator g, SerializationContext ctx)
        throws JacksonException {
      g.writeNumber(micros(v));
    }
  }
}
