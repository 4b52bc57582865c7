/**
 * The values the gateway sends and takes, as records with the wire's field names in snake_case (the
 * policy decision routes use protobuf's lowerCamelCase). Absent strings read as {@code ""}, absent
 * lists and maps as empty ones, absent times as {@code null}; free-form JSON (inputs, results,
 * config data, schemas) is plain Java: maps, lists, strings, numbers, booleans and {@code null}.
 * Unknown fields are ignored, so a newer gateway does not break an older client.
 */
@NullMarked
package io.cordum.client.model;

import org.jspecify.annotations.NullMarked;
