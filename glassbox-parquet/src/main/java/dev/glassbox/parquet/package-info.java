/**
 * Precomputed embeddings from Parquet files, read without Hadoop
 * ({@link dev.glassbox.parquet.ParquetEmbeddings}).
 */
package dev.glassbox.parquet;
