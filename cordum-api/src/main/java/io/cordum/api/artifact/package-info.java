/**
 * The artifact store: {@link io.cordum.api.artifact.ArtifactStore}, tenant-owned blobs behind
 * {@code redis://art:<id>} pointers with retention classes and a size limit.
 */
@NullMarked
package io.cordum.api.artifact;

import org.jspecify.annotations.NullMarked;
