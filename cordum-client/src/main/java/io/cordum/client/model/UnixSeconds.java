package io.cordum.client.model;

import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/** Times Cordum sends as unix seconds ({@code deadline_unix}, {@code approval_at}). */
final class UnixSeconds {
  private UnixSeconds() {}

  static final class Read extends ValueDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctx) throws JacksonException {
      return Instant.ofEpochSecond(p.getValueAsLong());
    }
  }

  static final class Write extends ValueSerializer<Instant> {
    @Override
    public void serialize(Instant v, JsonGenerator g, SerializationContext ctx)
        throws JacksonException {
      g.writeNumber(v.getEpochSecond());
    }
  }
}
