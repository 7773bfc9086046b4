/**
 * Concepts from a language model over the OpenAI chat-completions protocol: LaBo's and Label-free
 * CBM's prompts, custom templates, answer parsing, an atomic on-disk response cache, retries with
 * backoff and a client-side rate limit.
 */
package dev.glassbox.sources.llm;
