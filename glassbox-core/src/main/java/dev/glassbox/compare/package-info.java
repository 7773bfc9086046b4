/**
 * Comparing methods on one dataset: LaBo's few-shot protocol (1/2/4/8/16/all training items per
 * class, several seeds, mean ± std; {@link dev.glassbox.compare.FewShotProtocol}), a runner over any
 * registered method ({@link dev.glassbox.compare.Comparison}), and the report as JSON and a
 * self-contained HTML page with SVG charts ({@link dev.glassbox.compare.ComparisonReport}).
 */
package dev.glassbox.compare;
