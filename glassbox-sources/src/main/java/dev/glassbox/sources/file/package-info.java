/**
 * Concept files: plain text, Glassbox JSON, CSV/TSV, LaBo's {@code class2concepts.json} and
 * Label-free CBM's concept sets and GPT outputs, detected by extension and content.
 */
package dev.glassbox.sources.file;
