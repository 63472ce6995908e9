package dev.mskcdc.packaging.fidelity;

import java.util.List;

import static dev.mskcdc.packaging.fidelity.Column.generated;
import static dev.mskcdc.packaging.fidelity.Column.of;
import static dev.mskcdc.packaging.fidelity.Decoding.BITS;
import static dev.mskcdc.packaging.fidelity.Decoding.BOOLEAN;
import static dev.mskcdc.packaging.fidelity.Decoding.BYTES;
import static dev.mskcdc.packaging.fidelity.Decoding.DATE;
import static dev.mskcdc.packaging.fidelity.Decoding.DATETIME;
import static dev.mskcdc.packaging.fidelity.Decoding.DECIMAL;
import static dev.mskcdc.packaging.fidelity.Decoding.DOUBLE;
import static dev.mskcdc.packaging.fidelity.Decoding.FLOAT;
import static dev.mskcdc.packaging.fidelity.Decoding.GEOMETRY;
import static dev.mskcdc.packaging.fidelity.Decoding.INTEGER;
import static dev.mskcdc.packaging.fidelity.Decoding.JSON_DOCUMENT;
import static dev.mskcdc.packaging.fidelity.Decoding.TEXT;
import static dev.mskcdc.packaging.fidelity.Decoding.TIME;
import static dev.mskcdc.packaging.fidelity.Decoding.TIMESTAMP;
import static dev.mskcdc.packaging.fidelity.Decoding.YEAR;

/**
 * The matrix: few tables, many columns. Every column that may have a DEFAULT has one, so the NULL edge
 * row checks that a NULL stays null. Edge values are the inputs (SQL); the expected values are read back
 * from the database, never written here. Rows are inserted with sql_mode='' so zero and invalid dates are
 * stored the way MySQL stores them without strict mode. TEXT, BLOB and JSON take their DEFAULT as an
 * expression in parentheses, the only form MySQL 8.0 (8.0.13 and later) accepts for them.
 */
final class MatrixTables {

    private MatrixTables() {}

    record Table(String name, List<Column> columns) {}

    static final List<Table> TABLES = List.of(
            new Table(
                    "numbers",
                    List.of(
                            of("tiny", "TINYINT", "DEFAULT 42", INTEGER, "-128", "127", "0"),
                            of("tiny_u", "TINYINT UNSIGNED", "DEFAULT 42", INTEGER, "0", "255", "1"),
                            of("small", "SMALLINT", "DEFAULT 42", INTEGER, "-32768", "32767", "0"),
                            of("small_u", "SMALLINT UNSIGNED", "DEFAULT 42", INTEGER, "0", "65535", "1"),
                            of("medium", "MEDIUMINT", "DEFAULT 42", INTEGER, "-8388608", "8388607", "0"),
                            of("medium_u", "MEDIUMINT UNSIGNED", "DEFAULT 42", INTEGER, "0", "16777215", "1"),
                            of("int_s", "INT", "DEFAULT 42", INTEGER, "-2147483648", "2147483647", "0"),
                            of("int_u", "INT UNSIGNED", "DEFAULT 42", INTEGER, "0", "4294967295", "1"),
                            of(
                                    "big",
                                    "BIGINT",
                                    "DEFAULT 42",
                                    INTEGER,
                                    "-9223372036854775808",
                                    "9223372036854775807",
                                    "0"),
                            of(
                                    "big_u",
                                    "BIGINT UNSIGNED",
                                    "DEFAULT 42",
                                    INTEGER,
                                    "0",
                                    "18446744073709551615",
                                    "9223372036854775808"),
                            of(
                                    "dec_max",
                                    "DECIMAL(65,30)",
                                    "DEFAULT 42",
                                    DECIMAL,
                                    "-99999999999999999999999999999999999.999999999999999999999999999999",
                                    "99999999999999999999999999999999999.999999999999999999999999999999",
                                    "0.000000000000000000000000000001"),
                            of(
                                    "dec_money",
                                    "DECIMAL(12,2)",
                                    "DEFAULT 100.50",
                                    DECIMAL,
                                    "-9999999999.99",
                                    "9999999999.99",
                                    "0.00"),
                            of("flt", "FLOAT", "DEFAULT 4.2", FLOAT, "-3.40282e38", "3.40282e38", "1.17549e-38"),
                            of(
                                    "dbl",
                                    "DOUBLE",
                                    "DEFAULT 4.2",
                                    DOUBLE,
                                    "-1.7976931348623157e308",
                                    "1.7976931348623157e308",
                                    "2.2250738585072014e-308"),
                            of("bit1", "BIT(1)", "DEFAULT b'1'", BOOLEAN, "b'0'", "b'1'", "b'0'"),
                            of(
                                    "bit64",
                                    "BIT(64)",
                                    "DEFAULT b'101'",
                                    BITS,
                                    "b'0'",
                                    "0xFFFFFFFFFFFFFFFF",
                                    "0x8000000000000001"),
                            of("yr", "YEAR", "DEFAULT 2000", YEAR, "1901", "2155", "0"),
                            generated("gen_stored", "INT", "tiny * 2", "STORED", INTEGER),
                            generated("gen_virtual", "INT", "tiny + 1", "VIRTUAL", INTEGER))),
            new Table(
                    "texts",
                    List.of(
                            of(
                                    "ch",
                                    "CHAR(8)",
                                    "CHARACTER SET utf8mb4 DEFAULT 'dflt'",
                                    TEXT,
                                    "'a'",
                                    "'😀𝄞文字éa✓'",
                                    "''"),
                            of(
                                    "vc",
                                    "VARCHAR(255)",
                                    "CHARACTER SET utf8mb4 DEFAULT 'dflt'",
                                    TEXT,
                                    "' '",
                                    "REPEAT('😀', 255)",
                                    "''"),
                            of(
                                    "tx",
                                    "TEXT",
                                    "CHARACTER SET utf8mb4 DEFAULT ('dflt')",
                                    TEXT,
                                    "'line 1\\nline 2\\t\"quoted\" \\\\ back\\\\slash'",
                                    "REPEAT('𝄞', 16383)",
                                    "''"),
                            of("lt", "LONGTEXT", "CHARACTER SET utf8mb4", TEXT, "'x'", "REPEAT('😀文', 20000)", "''"),
                            of(
                                    "vc_latin1",
                                    "VARCHAR(64)",
                                    "CHARACTER SET latin1 DEFAULT 'dflt'",
                                    TEXT,
                                    "'A'",
                                    "'ÀÿØñ¡¿ßæ'",
                                    "''"),
                            of(
                                    "en",
                                    "ENUM('a','b','ç😀')",
                                    "CHARACTER SET utf8mb4 DEFAULT 'a'",
                                    TEXT,
                                    "'a'",
                                    "'ç😀'",
                                    "'no-such-member'"),
                            of("st", "SET('x','y','z')", "DEFAULT 'x'", TEXT, "'x'", "'x,y,z'", "''"),
                            of(
                                    "js",
                                    "JSON",
                                    "DEFAULT ('{}')",
                                    JSON_DOCUMENT,
                                    "'[]'",
                                    "'{\"a\": [1, 2.5, \"😀\", null, true], \"n\": 18446744073709551615}'",
                                    "'{}'"))),
            new Table(
                    "binaries",
                    List.of(
                            of("bin", "BINARY(4)", "DEFAULT 'dflt'", BYTES, "x'00'", "x'FFFFFFFF'", "''"),
                            of("vbin", "VARBINARY(64)", "DEFAULT 'dflt'", BYTES, "x'00'", "x'00FF7F80'", "''"),
                            of("blb", "BLOB", "DEFAULT ('dflt')", BYTES, "x'00'", "x'FFFEFD00'", "''"),
                            of("lblb", "LONGBLOB", "", BYTES, "x'00'", "REPEAT(x'FF00', 50000)", "''"),
                            of(
                                    "pt",
                                    "POINT",
                                    "",
                                    GEOMETRY,
                                    "ST_GeomFromText('POINT(-180 -90)')",
                                    "ST_GeomFromText('POINT(180 90)')",
                                    "ST_GeomFromText('POINT(0 0)')"),
                            of(
                                    "geom",
                                    "GEOMETRY",
                                    "",
                                    GEOMETRY,
                                    "ST_GeomFromText('LINESTRING(0 0, 1 1, 2 2)')",
                                    "ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))')",
                                    "ST_GeomFromText('POINT(1 1)')"))),
            new Table(
                    "times",
                    List.of(
                            of(
                                    "d",
                                    "DATE",
                                    "DEFAULT '2000-01-01'",
                                    DATE,
                                    "'1000-01-01'",
                                    "'9999-12-31'",
                                    "'0000-00-00'"),
                            of(
                                    "d_early",
                                    "DATE",
                                    "DEFAULT '2000-01-01'",
                                    DATE,
                                    "'0050-06-15'",
                                    "'0099-12-31'",
                                    "'1969-12-31'"),
                            of(
                                    "d_invalid",
                                    "DATE",
                                    "DEFAULT '2000-01-01'",
                                    DATE,
                                    "'2024-02-30'",
                                    "'2024-00-10'",
                                    "'2024-02-29'"),
                            of(
                                    "dt",
                                    "DATETIME(6)",
                                    "DEFAULT '2000-01-01 00:00:00'",
                                    DATETIME,
                                    "'1000-01-01 00:00:00.000000'",
                                    "'9999-12-31 23:59:59.999999'",
                                    "'0000-00-00 00:00:00'"),
                            of(
                                    "ts",
                                    "TIMESTAMP(6)",
                                    "NULL DEFAULT '2000-01-01 00:00:00'",
                                    TIMESTAMP,
                                    "'1970-01-01 00:00:01.000000'",
                                    "'2038-01-19 03:14:07.999999'",
                                    "'0000-00-00 00:00:00'"),
                            of(
                                    "tm",
                                    "TIME(6)",
                                    "DEFAULT '01:00:00'",
                                    TIME,
                                    "'-838:59:59.000000'",
                                    "'838:59:59.000000'",
                                    "'00:00:00'"),
                            of(
                                    "tm_edge",
                                    "TIME(6)",
                                    "DEFAULT '01:00:00'",
                                    TIME,
                                    "'-00:00:00.000001'",
                                    "'23:59:59.999999'",
                                    "'24:00:00'"))));
}
