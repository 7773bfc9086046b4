/**
 * Glassbox's HTTP server: a REST API and a web UI over the models of one models directory.
 *
 * <p>{@link dev.glassbox.server.GlassboxServer} wires the parts: {@code ModelRegistry} loads and
 * verifies model versions ({@code MODELS/{name}/{version}/}) and saves edits as new versions with an
 * atomic rename; {@code ModelService} does predict, explain, intervene and edit on parsed request
 * records, free of HTTP; {@code HttpApi} holds the route table and the thin handlers that parse a
 * request, hand the computation to {@code Admission}'s computing threads (bounded concurrency and
 * queue), which call the service, and write JSON; {@code ImageEncoders} resolves a model's image
 * encoder from its provenance (explicit CLIP ONNX directories, then
 * {@link dev.glassbox.encode.ImageEncoderProvider}s);
 * {@code Metrics} renders Prometheus text. The web UI is static files under {@code /web} on the class
 * path, plain HTML, CSS and JavaScript with no build step, and {@code openapi.json} documents every
 * route.
 *
 * <p>Errors are {@link dev.glassbox.server.ApiException}s carrying the status, a code, the request
 * field at fault and a message; the HTTP layer writes them as {@code {error, field, message, id}},
 * and Jetty's own refusals (malformed or ambiguous URIs) take the same form.
 */
package dev.glassbox.server;
