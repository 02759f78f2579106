package dev.schedtune.dsl.config;

import java.util.Locale;

/** The two textual forms of a config. JSON is read strictly; YAML is read as YAML 1.2-style data. */
public enum ConfigFormat {
    /** JSON (RFC 8259): no comments, no trailing commas. */
    JSON,
    /** YAML: block or flow style; no tags, anchors or aliases. */
    YAML;

    /**
     * The format a file name implies: {@code .json} is JSON, {@code .yaml}/{@code .yml} YAML; any other
     * name is JSON when the text starts with '{' and YAML otherwise.
     */
    public static ConfigFormat guess(String fileName, CharSequence text) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{' ? JSON : YAML;
            }
        }
        return YAML;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return this == JSON ? "json" : "yaml";
    }
}
