package io.cordum.nats.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.cordum.api.cap.UnknownFields;
import java.util.List;

/**
 * The unknown fields of one message being encoded. Takes back out the enum numbers that {@link
 * UnknownReader} parked there, so that they are written at their own field, in field order, exactly
 * as they were read.
 */
final class UnknownWriter {
  private final UnknownFieldSet.Builder fields;

  UnknownWriter(UnknownFields unknown, String messageName) {
    if (unknown.isEmpty()) {
      fields = UnknownFieldSet.newBuilder();
      return;
    }
    try {
      fields = UnknownFieldSet.newBuilder().mergeFrom(unknown.toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "the unknownFields of a " + messageName + " are not protobuf-encoded fields", e);
    }
  }

  /**
   * The wire number to write for an enum field. {@code knownNumber} is the record constant's
   * number, or -1 for {@code UNRECOGNIZED}; then the number parked in the unknown fields is used (0
   * when there is none, which proto3 omits). A parked number is always removed, so a constant set
   * later on a decoded record wins over the number it was decoded with.
   */
  int enumNumber(int fieldNumber, int knownNumber) {
    UnknownFieldSet.Field field = fields.asMap().get(fieldNumber);
    List<Long> parked = field == null ? List.of() : field.getVarintList();
    if (field == null || parked.isEmpty()) {
      return Math.max(knownNumber, 0);
    }
    // Keep whatever else sits at this number (values of the wrong wire type), drop the varints.
    UnknownFieldSet.Field.Builder kept = UnknownFieldSet.Field.newBuilder();
    field.getFixed32List().forEach(kept::addFixed32);
    field.getFixed64List().forEach(kept::addFixed64);
    field.getLengthDelimitedList().forEach(kept::addLengthDelimited);
    field.getGroupList().forEach(kept::addGroup);
    UnknownFieldSet.Field remaining = kept.build();
    fields.clearField(fieldNumber);
    if (!remaining.equals(UnknownFieldSet.Field.getDefaultInstance())) {
      fields.addField(fieldNumber, remaining);
    }
    return knownNumber >= 0 ? knownNumber : (int) (long) parked.get(parked.size() - 1);
  }

  UnknownFieldSet build() {
    return fields.build();
  }

  /** The unknown fields of a message without enum fields. */
  static UnknownFieldSet of(UnknownFields unknown, String messageName) {
    return new UnknownWriter(unknown, messageName).build();
  }
}
