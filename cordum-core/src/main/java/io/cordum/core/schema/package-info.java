/**
 * The JSON-schema registry ({@link io.cordum.core.schema.SchemaRegistry}) and the compiler behind
 * it ({@link io.cordum.core.schema.JsonSchemas}): schemas checked and compiled once, then used to
 * validate payloads with every violation reported by its JSON path.
 */
@NullMarked
package io.cordum.core.schema;

import org.jspecify.annotations.NullMarked;
