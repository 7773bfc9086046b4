/**
 * The concept world: procedurally drawn birds with exact ground truth, Glassbox's embedded default
 * data set (see {@code DESIGN.md}, "The embedded default").
 *
 * <p>Modelled on CUB-200's attribute structure: ten {@link dev.glassbox.world.Part parts}, a named
 * {@link dev.glassbox.world.BirdColor palette}, categorical {@link dev.glassbox.world.Attribute
 * attributes} and binary {@link dev.glassbox.world.WorldConcept concepts} ("yellow crown", "hooked
 * bill"), and {@link dev.glassbox.world.SpeciesCatalog species} defined by attribute probabilities.
 *
 * <p>Entry points: {@link dev.glassbox.world.World#generate World.generate(WorldConfig)} decides
 * every image from one seed; {@link dev.glassbox.world.World#render World.render(i)} draws one with
 * its part map; {@link dev.glassbox.world.CaptionGenerator} writes training captions from ground
 * truth (canonical phrases only); {@link dev.glassbox.world.FieldGuide} holds per-species text with
 * visual, non-visual and paraphrased statements, labelled; {@link dev.glassbox.world.WorldExporter}
 * and {@link dev.glassbox.world.WorldReader} write and verify an on-disk image-folder export.
 */
package dev.glassbox.world;
