package dev.mskcdc.packaging;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Expected JSON values, written inline in the tests. */
public final class TestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestJson() {}

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }
}
