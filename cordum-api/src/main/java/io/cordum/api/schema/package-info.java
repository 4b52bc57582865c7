/**
 * The JSON-schema registry's storage: the {@link io.cordum.api.schema.SchemaStore} SPI and its
 * {@link io.cordum.api.schema.SchemaEntry} records.
 */
@NullMarked
package io.cordum.api.schema;

import org.jspecify.annotations.NullMarked;
