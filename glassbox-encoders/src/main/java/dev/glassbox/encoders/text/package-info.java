/**
 * Tokenizers for text towers: CLIP's byte-level BPE in plain Java ({@link
 * dev.glassbox.encoders.text.ClipBpeTokenizer}) and Hugging Face {@code tokenizer.json} files through
 * DJL ({@link dev.glassbox.encoders.text.HuggingFaceJsonTokenizer}), behind one {@link
 * dev.glassbox.encoders.text.Tokenizer} interface giving padded ids and attention masks.
 */
package dev.glassbox.encoders.text;
