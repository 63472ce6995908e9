package dev.mskcdc.connector.preflight;

/**
 * One check of the preflight: what it looks at on the server and in the connector configuration, and what it finds.
 * Its id and its place in the checklist are given in {@link Preflight#CHECKLIST}.
 */
@FunctionalInterface
interface Check {

    Outcome run(ServerView server, ConnectorSettings settings);
}
