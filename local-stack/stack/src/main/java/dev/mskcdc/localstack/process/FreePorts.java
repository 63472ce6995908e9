package dev.mskcdc.localstack.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for the stack's listeners. */
public final class FreePorts {

    private FreePorts() {}

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("No free loopback port: " + e.getMessage(), e);
        }
    }

    /** Fails with a clear message when a port a person asked for is taken. */
    public static int require(int port, String usedFor) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new LocalStackException(
                    "Port " + port + " (for " + usedFor + ") is already in use on 127.0.0.1."
                            + " Stop what uses it, or leave the port unset to pick a free one.",
                    e);
        }
    }
}
