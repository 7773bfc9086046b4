package dev.glassbox.pipeline;

/**
 * One setting a method accepts from the CLI or the server ({@code --set name=value}).
 *
 * @param name the option's name (kebab-case)
 * @param defaultValue its default, as text
 * @param description meaning, range and where the default comes from
 */
public record OptionSpec(String name, String defaultValue, String description) {}
