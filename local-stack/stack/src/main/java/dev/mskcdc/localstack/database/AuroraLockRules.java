package dev.mskcdc.localstack.database;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * A database as RDS and Aurora MySQL present it to a snapshot: the global read lock
 * ({@code FLUSH TABLES WITH READ LOCK}) is refused for every user, while
 * {@code FLUSH TABLES <list> WITH READ LOCK}, {@code LOCK TABLES} and everything else work. Debezium
 * then takes the same code path as on RDS/Aurora: it logs "Unable to flush and acquire global read
 * lock, will use table read locks" and locks the captured tables.
 *
 * <p>No privilege setup of MariaDB 11.4 (or MySQL) does this: both statements need the global RELOAD
 * privilege there ({@code SQLCOM_FLUSH} checks RELOAD before the table-level LOCK TABLES check). So the
 * rule sits where RDS puts it, in front of the server: a loopback TCP relay that reads the client's
 * MySQL protocol packets and passes every other packet through unchanged (the local database is reached
 * without TLS and without protocol compression, so packets are readable). The binlog connection passes
 * through too. A {@code COM_QUERY} holding the global read lock statement is answered with an
 * access-denied error packet, after the relay sent the server a {@code COMMIT} in its place: in MySQL a
 * FLUSH statement commits the session's open transaction implicitly before its privilege check refuses it
 * ({@code stmt_causes_implicit_commit} in {@code mysql_execute_command}), and Debezium's RDS path relies on
 * that (its next statement, {@code SET TRANSACTION ISOLATION LEVEL}, fails inside an open transaction on
 * MySQL 8.0 with "Transaction characteristics can't be changed while a transaction is in progress").
 */
public final class AuroraLockRules implements Database {

    private static final int COM_QUERY = 0x03;
    private static final Pattern GLOBAL_READ_LOCK = Pattern.compile(
            "\\s*FLUSH\\s+(?:NO_WRITE_TO_BINLOG\\s+|LOCAL\\s+)?TABLES?\\s+WITH\\s+READ\\s+LOCK\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    static final String REFUSAL = "Access denied; FLUSH TABLES WITH READ LOCK is refused on RDS/Aurora"
            + " (local stack's Aurora lock rules)";

    private static final byte[] IMPLICIT_COMMIT = commitQuery();

    private volatile Database server;
    private volatile boolean unavailable;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private AuroraLockRules(Database server, ServerSocket listener) {
        this.server = server;
        this.listener = listener;
    }

    /** Puts the rules in front of {@code server}; closing the result closes both. */
    public static AuroraLockRules inFrontOf(Database server) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            AuroraLockRules rules = new AuroraLockRules(server, listener);
            Thread acceptor = new Thread(rules::acceptConnections, "aurora-lock-rules-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return rules;
        } catch (IOException e) {
            server.close();
            throw new LocalStackException(
                    "Cannot open a loopback port for the Aurora lock rules: " + e.getMessage(), e);
        }
    }

    /** The database behind the rules: the writer, which {@link #failOverTo} replaces. */
    public Database server() {
        return server;
    }

    @Override
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public String adminUser() {
        return server.adminUser();
    }

    @Override
    public String adminPassword() {
        return server.adminPassword();
    }

    @Override
    public String description() {
        return server.description() + " behind Aurora lock rules (global read lock refused) on " + host() + ":"
                + port();
    }

    /**
     * Resets every relayed connection (TCP RST, as a NAT gateway or a failed-over endpoint does to an idle or
     * broken flow); new connections are accepted as before. Returns how many sockets were reset.
     */
    public int resetConnections() {
        int reset = 0;
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // closed meanwhile: closing below is harmless
            }
            closeQuietly(socket);
            sockets.remove(socket);
            reset++;
        }
        return reset;
    }

    /**
     * An Aurora writer failover as the cluster endpoint shows it: every relayed connection is reset and new ones are
     * refused while {@code promotion} runs (the old writer stops, a replica is promoted), then the endpoint leads to
     * {@code newWriter}. Closing the rules then closes {@code newWriter}; the caller closes the old writer, which is
     * returned.
     */
    public synchronized Database failOverTo(Database newWriter, Runnable promotion) {
        unavailable = true;
        resetConnections();
        Database oldWriter = server;
        try {
            promotion.run();
            server = newWriter;
            return oldWriter;
        } finally {
            unavailable = false;
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(AuroraLockRules::closeQuietly);
        server.close();
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = connectUpstreamOrRefuse(client);
                if (upstream == null) {
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean refuseNextReply = new AtomicBoolean();
                start("aurora-lock-rules-client", () -> relayClientPackets(client, upstream, refuseNextReply));
                start("aurora-lock-rules-server", () -> relayServerPackets(upstream, client, refuseNextReply));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println(
                            "[local-stack] Aurora lock rules: accepting a connection failed: " + e.getMessage());
                }
            }
        }
    }

    /**
     * A connection to the database, or null when it does not answer (stopped, restarting, failing over): the client's
     * socket is then closed at once, as a real server's refusal would be, instead of leaving the client
     * waiting for a handshake that never comes.
     */
    private Socket connectUpstreamOrRefuse(Socket client) {
        if (unavailable) {
            closeQuietly(client);
            return null;
        }
        try {
            return new Socket(server.host(), server.port());
        } catch (IOException e) {
            closeQuietly(client);
            return null;
        }
    }

    /** Client to server, packet by packet: 3-byte little-endian payload length, sequence id, payload. */
    private void relayClientPackets(Socket client, Socket upstream, AtomicBoolean refuseNextReply) {
        try (client;
                upstream) {
            InputStream in = client.getInputStream();
            OutputStream toServer = upstream.getOutputStream();
            byte[] header = new byte[4];
            while (readFully(in, header)) {
                byte[] payload = new byte[payloadLength(header)];
                if (!readFully(in, payload)) {
                    return;
                }
                if (isGlobalReadLock(payload)) {
                    // The implicit commit of a FLUSH, then the refusal in place of the COMMIT's OK packet.
                    refuseNextReply.set(true);
                    payload = IMPLICIT_COMMIT;
                    header = new byte[] {(byte) payload.length, 0, 0, header[3]};
                }
                toServer.write(header);
                toServer.write(payload);
                toServer.flush();
            }
        } catch (IOException e) {
            // a side closed the connection
        } finally {
            sockets.remove(client);
            sockets.remove(upstream);
        }
    }

    /**
     * Server to client, packet by packet, buffered and flushed whenever the server has sent nothing more yet;
     * the reply to a COMMIT sent in place of the global read lock becomes the refusal.
     */
    private static void relayServerPackets(Socket upstream, Socket client, AtomicBoolean refuseNextReply) {
        try {
            InputStream in = new BufferedInputStream(upstream.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
            byte[] header = new byte[4];
            while (readFully(in, header)) {
                byte[] payload = new byte[payloadLength(header)];
                if (!readFully(in, payload)) {
                    return;
                }
                if (refuseNextReply.compareAndSet(true, false)) {
                    out.write(accessDenied(header[3]));
                } else {
                    out.write(header);
                    out.write(payload);
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // a side closed the connection
        } finally {
            closeQuietly(upstream);
            closeQuietly(client);
        }
    }

    private static int payloadLength(byte[] header) {
        return (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
    }

    static boolean isGlobalReadLock(byte[] payload) {
        return payload.length > 1
                && payload[0] == COM_QUERY
                && GLOBAL_READ_LOCK
                        .matcher(new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8))
                        .matches();
    }

    /** An ERR packet: 0xff, error 1045 (ER_ACCESS_DENIED_ERROR), '#', SQLSTATE 28000, message. */
    static byte[] accessDenied(int sequenceId) {
        byte[] message = REFUSAL.getBytes(StandardCharsets.UTF_8);
        int length = 1 + 2 + 1 + 5 + message.length;
        byte[] packet = new byte[4 + length];
        packet[0] = (byte) length;
        packet[1] = (byte) (length >> 8);
        packet[2] = (byte) (length >> 16);
        packet[3] = (byte) sequenceId;
        packet[4] = (byte) 0xff;
        packet[5] = (byte) (1045 & 0xff);
        packet[6] = (byte) (1045 >> 8);
        packet[7] = '#';
        System.arraycopy("28000".getBytes(StandardCharsets.US_ASCII), 0, packet, 8, 5);
        System.arraycopy(message, 0, packet, 13, message.length);
        return packet;
    }

    private static byte[] commitQuery() {
        byte[] sql = "COMMIT".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[1 + sql.length];
        payload[0] = COM_QUERY;
        System.arraycopy(sql, 0, payload, 1, sql.length);
        return payload;
    }

    private static boolean readFully(InputStream in, byte[] into) throws IOException {
        int offset = 0;
        while (offset < into.length) {
            int read = in.read(into, offset, into.length - offset);
            if (read < 0) {
                if (offset == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside a packet");
            }
            offset += read;
        }
        return true;
    }

    private static void start(String name, Runnable relay) {
        Thread thread = new Thread(relay, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
