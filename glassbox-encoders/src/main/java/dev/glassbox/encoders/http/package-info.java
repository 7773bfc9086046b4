/**
 * Encoders served over HTTP by OpenAI-compatible embeddings endpoints
 * ({@link dev.glassbox.encoders.http.OpenAiEmbeddingClient}): text, and images sent as PNG data URLs
 * where the server accepts them; timeouts, retries with backoff and jitter, and errors that name the
 * model and quote the response.
 */
package dev.glassbox.encoders.http;
