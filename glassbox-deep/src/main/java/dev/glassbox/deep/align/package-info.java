/**
 * Contrastive alignment of an image tower to a frozen text tower (CLIP's loss in LiT's
 * locked-tower setting): {@link dev.glassbox.deep.align.AlignmentTrainer} trains a small
 * convolutional network with DJL's PyTorch engine and returns an
 * {@link dev.glassbox.deep.align.AlignmentModel} whose inference weights run in plain Java through
 * {@link dev.glassbox.encode.convnet.ConvNet}.
 */
package dev.glassbox.deep.align;
