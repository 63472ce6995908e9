package dev.mskcdc.packaging.fidelity;

/** One column value of one row as the database gives it: CAST(c AS CHAR), HEX(c), and for floating point the JDBC value. */
record Expected(String text, String hex, Float floatValue, Double doubleValue) {}
