package dev.mskcdc.metrics;

import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** One number read from Debezium's MBeans, named as CloudWatch will show it. Never a string, never row data. */
public record Reading(String name, double value, StandardUnit unit) {}
