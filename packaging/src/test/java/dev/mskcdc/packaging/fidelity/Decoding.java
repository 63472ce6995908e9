package dev.mskcdc.packaging.fidelity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one decoding per column type that turns a field of a JSON change event back into the text the
 * database gives for the same value ({@link Expected}). A cell is exact when the decoded text equals the
 * database's, character for character. Each constant's {@link #rule} is printed in the generated doc.
 */
enum Decoding {
    INTEGER("JSON integer, all digits", "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            return field.isIntegralNumber() ? field.bigIntegerValue().toString() : mismatch(field);
        }
    },
    DECIMAL("JSON number, read as a decimal; same value as the database's", "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            return field.isNumber() ? field.decimalValue().toPlainString() : mismatch(field);
        }

        @Override
        boolean matches(String decoded, Expected expected) {
            try {
                return new BigDecimal(decoded).compareTo(new BigDecimal(expected.text())) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
    },
    FLOAT("JSON number, read as a 32-bit float; same float as JDBC getFloat", "ResultSet.getFloat") {
        @Override
        String decode(JsonNode field) {
            return field.isNumber() ? Float.toString(field.floatValue()) : mismatch(field);
        }

        @Override
        String expected(Expected expected) {
            return expected.floatValue() == null ? null : Float.toString(expected.floatValue());
        }
    },
    DOUBLE("JSON number, read as a 64-bit double; same double as JDBC getDouble", "ResultSet.getDouble") {
        @Override
        String decode(JsonNode field) {
            return field.isNumber() ? Double.toString(field.doubleValue()) : mismatch(field);
        }

        @Override
        String expected(Expected expected) {
            return expected.doubleValue() == null ? null : Double.toString(expected.doubleValue());
        }
    },
    BOOLEAN("JSON boolean; true for bit 1", "HEX(c)") {
        @Override
        String decode(JsonNode field) {
            return field.isBoolean() ? (field.booleanValue() ? "1" : "0") : mismatch(field);
        }

        @Override
        String expected(Expected expected) {
            return expected.hex();
        }
    },
    BITS("base64 text, bytes little-endian (Debezium's Bits); same bit pattern as HEX(c)", "HEX(c)") {
        @Override
        String decode(JsonNode field) {
            if (!field.isTextual()) {
                return mismatch(field);
            }
            byte[] littleEndian = Base64.getDecoder().decode(field.textValue());
            byte[] bigEndian = new byte[littleEndian.length];
            for (int i = 0; i < littleEndian.length; i++) {
                bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
            }
            return new BigInteger(1, bigEndian).toString(16).toUpperCase();
        }

        @Override
        String expected(Expected expected) {
            return expected.hex() == null
                    ? null
                    : new BigInteger(expected.hex(), 16).toString(16).toUpperCase();
        }
    },
    TEXT("JSON string", "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            return field.isTextual() ? field.textValue() : mismatch(field);
        }
    },
    BYTES("base64 text; same bytes as HEX(c)", "HEX(c)") {
        @Override
        String decode(JsonNode field) {
            return field.isTextual()
                    ? HexFormat.of()
                            .withUpperCase()
                            .formatHex(Base64.getDecoder().decode(field.textValue()))
                    : mismatch(field);
        }

        @Override
        String expected(Expected expected) {
            return expected.hex();
        }
    },
    JSON_DOCUMENT(
            "JSON string holding a JSON document; same document (parsed) as the database's text", "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            return field.isTextual() ? canonicalJson(field.textValue()) : mismatch(field);
        }

        @Override
        String expected(Expected expected) {
            return expected.text() == null ? null : canonicalJson(expected.text());
        }
    },
    DATE("JSON integer: days since 1970-01-01 (Debezium's Date)", "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            return field.isIntegralNumber()
                    ? LocalDate.ofEpochDay(field.longValue()).toString()
                    : mismatch(field);
        }
    },
    DATETIME(
            "JSON integer: microseconds since 1970-01-01 00:00 of the wall-clock value (Debezium's MicroTimestamp)",
            "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            if (!field.isIntegralNumber()) {
                return mismatch(field);
            }
            long micros = field.longValue();
            LocalDateTime wallClock = LocalDateTime.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            return MICROS.format(wallClock);
        }
    },
    TIMESTAMP(
            "JSON string: ISO-8601 instant in UTC (Debezium's ZonedTimestamp); read back with time_zone='+00:00'",
            "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            return field.isTextual()
                    ? MICROS.format(LocalDateTime.ofInstant(Instant.parse(field.textValue()), ZoneOffset.UTC))
                    : mismatch(field);
        }
    },
    TIME("JSON integer: signed microseconds (Debezium's MicroTime), printed as [-]H:MM:SS.ffffff", "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            if (!field.isIntegralNumber()) {
                return mismatch(field);
            }
            long micros = field.longValue();
            long magnitude = Math.abs(micros);
            return String.format(
                    "%s%02d:%02d:%02d.%06d",
                    micros < 0 ? "-" : "",
                    magnitude / 3_600_000_000L,
                    magnitude / 60_000_000L % 60,
                    magnitude / 1_000_000L % 60,
                    magnitude % 1_000_000L);
        }
    },
    YEAR("JSON integer (Debezium's Year)", "CAST(c AS CHAR)") {
        @Override
        String decode(JsonNode field) {
            return field.isIntegralNumber() ? String.format("%04d", field.intValue()) : mismatch(field);
        }
    },
    GEOMETRY(
            "JSON object {wkb: base64 WKB, srid} (Debezium's Geometry); same as ST_SRID(c) and HEX(ST_AsBinary(c))",
            "CONCAT(ST_SRID(c), ':', HEX(ST_AsBinary(c)))") {
        @Override
        String decode(JsonNode field) {
            if (!field.isObject() || !field.path("wkb").isTextual()) {
                return mismatch(field);
            }
            String srid = field.path("srid").isNull() || field.path("srid").isMissingNode()
                    ? "0"
                    : field.path("srid").asText();
            return srid + ":"
                    + HexFormat.of()
                            .withUpperCase()
                            .formatHex(
                                    Base64.getDecoder().decode(field.path("wkb").textValue()));
        }
    };

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final ObjectMapper JSON = new ObjectMapper();

    final String rule;
    /** The SQL expression ({@code c} is the column) the expected value is read with. */
    final String source;

    Decoding(String rule, String source) {
        this.rule = rule;
        this.source = source;
    }

    /** The event field as the database would print it; a text starting with "not " when the JSON kind is wrong. */
    abstract String decode(JsonNode field);

    /** The database's text for the value, or null for SQL NULL. */
    String expected(Expected expected) {
        return expected.text();
    }

    boolean matches(String decoded, Expected expected) {
        return decoded.equals(expected(expected));
    }

    /** Compares one event field with the database's value; null when exact, else what arrived. */
    String compare(JsonNode field, Expected expected) {
        boolean sqlNull = expected(expected) == null;
        if (field == null || field.isMissingNode()) {
            return "field missing";
        }
        if (field.isNull()) {
            return sqlNull ? null : "null";
        }
        if (sqlNull) {
            return "" + field;
        }
        String decoded;
        try {
            decoded = decode(field);
        } catch (RuntimeException e) {
            return field + " (" + e.getClass().getSimpleName() + ")";
        }
        return matches(decoded, expected) ? null : field.toString();
    }

    private static String mismatch(JsonNode field) {
        return "not " + field.getNodeType().name().toLowerCase() + " " + field;
    }

    private static String canonicalJson(String text) {
        try {
            return JSON.readTree(text).toString();
        } catch (Exception e) {
            return "invalid JSON " + text;
        }
    }
}
