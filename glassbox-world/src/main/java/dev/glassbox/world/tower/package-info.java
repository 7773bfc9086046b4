/**
 * The concept world's image tower: {@link dev.glassbox.world.tower.WorldImageEncoder} loads the
 * shipped weights (plain Java, no libtorch), {@link dev.glassbox.world.tower.ImageTowerTrainer}
 * regenerates them with the contrastive alignment trainer of {@code glassbox-deep}, and
 * {@link dev.glassbox.world.tower.ImageTowerEvaluation} measures a tower on a world's exact ground
 * truth (zero-shot concept AUC with canonical phrases and paraphrases, species accuracy).
 */
package dev.glassbox.world.tower;
