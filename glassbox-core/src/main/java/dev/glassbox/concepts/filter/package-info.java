/**
 * Concept filters: each removes candidates for one stated reason and reports every concept it
 * dropped, with the score that decided it.
 *
 * <p>The filters follow Label-free CBM (Oikarinen, Das, Nguyen and Weng, "Label-Free Concept
 * Bottleneck Models", ICLR 2023; its {@code GPT_conceptset_processor} and {@code train_cbm.py}, as
 * described in methods.md §2): length, class-name overlap, concept–concept redundancy and low
 * activation on training images. {@link dev.glassbox.concepts.filter.NonVisualFilter} is Glassbox's
 * own: it drops concepts whose text direction explains no more of the images' variation than an
 * average direction does. A {@link dev.glassbox.concepts.filter.FilterPipeline} runs filters in
 * order and merges their reports.
 */
package dev.glassbox.concepts.filter;
