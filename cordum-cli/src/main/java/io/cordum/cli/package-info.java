/**
 * Cordum cli module. See the project README and {@code docs/architecture.md} for the plan of this module.
 */
package io.cordum.cli;
