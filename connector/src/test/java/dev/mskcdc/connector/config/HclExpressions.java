package dev.mskcdc.connector.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Evaluates the few Terraform expressions the module uses, on hcl2json's output, so a test can compare what the
 * module would send with what msk-deploy sends: references to {@code local}, {@code var}, {@code each} and to other
 * resources' arguments, string templates, {@code { for x in list : x.a => x.b }} and the functions file,
 * fileexists, jsondecode, base64decode, tomap, regex and try. A reference to a computed attribute (an ARN) becomes
 * the text {@code <type.name.attribute>}. Anything else is an error naming the expression: not a Terraform.
 */
final class HclExpressions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode module;
    private final Map<String, JsonNode> variables;
    private final Map<String, JsonNode> locals = new HashMap<>();

    /** {@code module}: the merged hcl2json body of the module's files; {@code variables}: var.* values. */
    HclExpressions(JsonNode module, Map<String, JsonNode> variables) {
        this.module = module;
        this.variables = variables;
    }

    /** The value of one argument as hcl2json wrote it, with {@code each.value} bound if not null. */
    JsonNode value(JsonNode argument, JsonNode eachValue) {
        Map<String, JsonNode> scope = new HashMap<>();
        if (eachValue != null) {
            scope.put("each", NODES.objectNode().set("value", eachValue));
        }
        return literal(argument, scope);
    }

    private JsonNode literal(JsonNode argument, Map<String, JsonNode> scope) {
        if (!argument.isTextual()) {
            return argument;
        }
        String text = argument.asText();
        if (text.startsWith("${") && interpolationEnd(text, 0) == text.length()) {
            return new Parser(text.substring(2, text.length() - 1), scope).whole();
        }
        return template(text, scope);
    }

    private TextNode template(String text, Map<String, JsonNode> scope) {
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (index < text.length()) {
            if (text.startsWith("${", index)) {
                int end = interpolationEnd(text, index);
                JsonNode value = new Parser(text.substring(index + 2, end - 1), scope).whole();
                out.append(value.asText());
                index = end;
            } else {
                out.append(text.charAt(index++));
            }
        }
        return new TextNode(out.toString());
    }

    /** The index after the '}' closing the interpolation that starts at {@code start} ("${"). */
    private static int interpolationEnd(String text, int start) {
        int depth = 0;
        int index = start + 1;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '"') {
                index = stringEnd(text, index);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return index + 1;
            }
            index++;
        }
        throw new IllegalArgumentException("unclosed interpolation in " + text);
    }

    /** The index after the '"' closing the string literal that starts at {@code start}. */
    private static int stringEnd(String text, int start) {
        int index = start + 1;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\\') {
                index += 2;
            } else if (c == '"') {
                return index + 1;
            } else if (text.startsWith("${", index)) {
                index = interpolationEnd(text, index);
            } else {
                index++;
            }
        }
        throw new IllegalArgumentException("unclosed string in " + text);
    }

    private JsonNode local(String name) {
        JsonNode cached = locals.get(name);
        if (cached != null) {
            return cached;
        }
        JsonNode definition = null;
        for (JsonNode block : module.path("locals")) {
            if (block.has(name)) {
                definition = block.get(name);
            }
        }
        if (definition == null) {
            throw new IllegalArgumentException("no local." + name);
        }
        JsonNode value = literal(definition, Map.of());
        locals.put(name, value);
        return value;
    }

    private JsonNode resourceAttribute(String type, String name, String attribute) {
        JsonNode body = module.path("resource").path(type).path(name).path(0);
        if (body.isMissingNode()) {
            throw new IllegalArgumentException("no resource " + type + "." + name);
        }
        if (body.has(attribute)) {
            return literal(body.get(attribute), Map.of());
        }
        return new TextNode("<" + type + "." + name + "." + attribute + ">");
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recursive descent over one expression. */
    private final class Parser {
        private final String text;
        private final Map<String, JsonNode> scope;
        private int position;

        Parser(String text, Map<String, JsonNode> scope) {
            this.text = text;
            this.scope = scope;
        }

        JsonNode whole() {
            JsonNode value = expression();
            skipSpace();
            if (position != text.length()) {
                throw unsupported();
            }
            return value;
        }

        private IllegalArgumentException unsupported() {
            return new IllegalArgumentException(
                    "expression not supported by the test's evaluator at " + position + ": " + text);
        }

        private void skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private boolean accept(String token) {
            skipSpace();
            if (text.startsWith(token, position)) {
                position += token.length();
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw unsupported();
            }
        }

        private String identifier() {
            skipSpace();
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || "_-".indexOf(text.charAt(position)) >= 0)) {
                position++;
            }
            if (start == position) {
                throw unsupported();
            }
            return text.substring(start, position);
        }

        private JsonNode expression() {
            skipSpace();
            JsonNode value;
            if (text.startsWith("\"", position)) {
                int end = stringEnd(text, position);
                String body = text.substring(position + 1, end - 1);
                position = end;
                value = template(body.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"), scope);
            } else if (accept("{")) {
                value = forExpression();
            } else if (Character.isDigit(text.charAt(position))) {
                int start = position;
                while (position < text.length() && Character.isDigit(text.charAt(position))) {
                    position++;
                }
                value = NODES.numberNode(Long.parseLong(text.substring(start, position)));
            } else {
                String name = identifier();
                if (accept("(")) {
                    value = call(name);
                } else if (name.equals("null")) {
                    value = NullNode.getInstance();
                } else {
                    value = root(name);
                }
            }
            return postfix(value);
        }

        private JsonNode root(String name) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
            switch (name) {
                case "local":
                    expect(".");
                    return local(identifier());
                case "var":
                    expect(".");
                    String variable = identifier();
                    if (!variables.containsKey(variable)) {
                        throw new IllegalArgumentException("no value for var." + variable);
                    }
                    return variables.get(variable);
                default:
                    expect(".");
                    String resourceName = identifier();
                    expect(".");
                    return resourceAttribute(name, resourceName, identifier());
            }
        }

        private JsonNode postfix(JsonNode value) {
            while (true) {
                skipSpace();
                if (text.startsWith("=>", position)) {
                    return value;
                }
                if (accept(".")) {
                    value = value.path(identifier());
                } else if (accept("[")) {
                    skipSpace();
                    int start = position;
                    while (Character.isDigit(text.charAt(position))) {
                        position++;
                    }
                    int index = Integer.parseInt(text.substring(start, position));
                    expect("]");
                    value = value.path(index);
                } else {
                    return value;
                }
            }
        }

        private List<JsonNode> arguments() {
            List<JsonNode> arguments = new ArrayList<>();
            if (accept(")")) {
                return arguments;
            }
            do {
                int start = position;
                try {
                    arguments.add(expression());
                } catch (RuntimeException e) {
                    // try() swallows the failure of an argument; skip to the argument's end.
                    position = start;
                    skipArgument();
                    arguments.add(MissingNode.getInstance());
                }
            } while (accept(","));
            expect(")");
            return arguments;
        }

        private void skipArgument() {
            int depth = 0;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '"') {
                    position = stringEnd(text, position);
                    continue;
                }
                if ("([{".indexOf(c) >= 0) {
                    depth++;
                } else if (")]}".indexOf(c) >= 0) {
                    if (depth == 0) {
                        return;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    return;
                }
                position++;
            }
        }

        private JsonNode call(String function) {
            List<JsonNode> arguments = arguments();
            if (!function.equals("try") && arguments.stream().anyMatch(JsonNode::isMissingNode)) {
                throw new IllegalArgumentException(function + "() of a missing value in " + text);
            }
            try {
                switch (function) {
                    case "file":
                        return new TextNode(readFile(arguments.get(0).asText()));
                    case "fileexists":
                        return NODES.booleanNode(
                                Files.exists(Path.of(arguments.get(0).asText())));
                    case "jsondecode":
                        return JSON.readTree(arguments.get(0).asText());
                    case "base64decode":
                        return new TextNode(new String(
                                Base64.getDecoder().decode(arguments.get(0).asText()), StandardCharsets.UTF_8));
                    case "tomap":
                        return arguments.get(0);
                    case "regex":
                        return regex(arguments.get(0).asText(), arguments.get(1).asText());
                    case "try":
                        return arguments.stream()
                                .filter(argument -> !argument.isMissingNode())
                                .findFirst()
                                .orElseThrow(() -> new IllegalArgumentException("try() without a value: " + text));
                    default:
                        throw unsupported();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private JsonNode regex(String pattern, String value) {
            Matcher matcher = Pattern.compile(pattern).matcher(value);
            if (!matcher.find()) {
                throw new IllegalArgumentException("regex " + pattern + " does not match " + value);
            }
            ArrayNode groups = NODES.arrayNode();
            for (int group = 1; group <= matcher.groupCount(); group++) {
                groups.add(matcher.group(group));
            }
            return groups;
        }

        /** {@code { for x in list : key => value }} after the '{'. */
        private JsonNode forExpression() {
            if (!accept("for")) {
                throw unsupported();
            }
            String variable = identifier();
            expect("in");
            JsonNode list = expression();
            expect(":");
            int keyStart = position;
            ObjectNode result = NODES.objectNode();
            if (list.isEmpty()) {
                skipArgument();
                expect("}");
                return result;
            }
            int end = keyStart;
            for (JsonNode element : list) {
                Map<String, JsonNode> inner = new HashMap<>(scope);
                inner.put(variable, element);
                Parser body = new Parser(text, inner);
                body.position = keyStart;
                String key = body.expression().asText();
                body.expect("=>");
                result.set(key, body.expression());
                body.expect("}");
                end = body.position;
            }
            position = end;
            return result;
        }
    }
}
