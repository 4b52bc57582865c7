/**
 * The JSON-schema registry ({@link io.cordum.core.internal.schema.SchemaRegistry}) and the compiler
 * behind it ({@link io.cordum.core.internal.schema.JsonSchemas}): schemas checked and compiled
 * once, then used to validate payloads with every violation reported by its JSON path.
 */
@NullMarked
package io.cordum.core.internal.schema;

import org.jspecify.annotations.NullMarked;
