package io.cordum.nats.internal;

import com.google.protobuf.UnknownFieldSet;
import io.cordum.api.cap.UnknownFields;
import java.util.function.IntFunction;

/**
 * Collects the unknown fields of one decoded message. An enum number this version does not know
 * decodes to the record's {@code UNRECOGNIZED} constant, which cannot hold the number; the number
 * is therefore kept as a varint at the enum's own field number in the unknown fields, where {@link
 * UnknownWriter} finds it again.
 */
final class UnknownReader {
  private final UnknownFieldSet.Builder fields;

  UnknownReader(UnknownFieldSet fields) {
    this.fields = UnknownFieldSet.newBuilder(fields);
  }

  /** The record constant for an enum number; an unknown number is kept in the unknown fields. */
  <E extends Enum<E>> E enumValue(
      int fieldNumber, int number, IntFunction<E> forNumber, E unrecognized) {
    E value = forNumber.apply(number);
    if (value == unrecognized) {
      fields.mergeField(fieldNumber, UnknownFieldSet.Field.newBuilder().addVarint(number).build());
    }
    return value;
  }

  UnknownFields build() {
    UnknownFieldSet set = fields.build();
    return set.asMap().isEmpty() ? UnknownFields.EMPTY : UnknownFields.of(set.toByteArray());
  }

  /** The unknown fields of a message without enum fields. */
  static UnknownFields of(UnknownFieldSet set) {
    return set.asMap().isEmpty() ? UnknownFields.EMPTY : UnknownFields.of(set.toByteArray());
  }
}
