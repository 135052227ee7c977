package dev.lanyard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A deliberately small HTTP/1.1 client for the benchmark: one kept-alive loopback connection per worker, blocking
 * reads, no pooling or async machinery. The load generator shares the machine's two cores with the server, so the
 * less CPU it spends per request, the more of the machine measures Lanyard. Not thread-safe: one per worker.
 */
final class LoopbackHttp implements AutoCloseable {

    /** A response; {@code retryAfter} is its Retry-After header, or null. */
    record Response(int status, String body, String retryAfter) {
    }

    private final int port;
    private final String host;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    LoopbackHttp(int port, String host) {
        this.port = port;
        this.host = host;
    }

    Response postForm(String path, String form) throws IOException {
        return post(path, "application/x-www-form-urlencoded", form, java.util.Map.of("Accept", "application/json"));
    }

    /** A POST with exactly these headers (besides Host and Content-Length). */
    Response post(String path, String contentType, String text, java.util.Map<String, String> headers) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return exchange(head.toString().getBytes(StandardCharsets.US_ASCII), body);
    }

    Response get(String path) throws IOException {
        String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n\r\n";
        return exchange(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
    }

    private Response exchange(byte[] head, byte[] body) throws IOException {
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        boolean reused = socket != null;
        try {
            return send(request);
        } catch (StaleConnection stale) {
            if (!reused) {
                throw stale;
            }
            // the server closed the kept-alive connection while it was idle, before reading this request: send it once
            // more on a new connection, as HTTP clients do
            return send(request);
        }
    }

    private Response send(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
        try {
            out.write(request);
            out.flush();
            int first = in.read();
            if (first < 0) {
                throw new StaleConnection();
            }
            return read((char) first);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The connection was closed before any byte of the answer came. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("connection closed by the server before it answered");
        }
    }

    private Response read(char first) throws IOException {
        String statusLine = first + line();
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int contentLength = -1;
        boolean chunked = false;
        boolean closes = false;
        String retryAfter = null;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("retry-after:")) {
                retryAfter = header.substring(12).trim();
            } else if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(contentLength, 256));
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (contentLength > 0) {
            body.write(in.readNBytes(contentLength));
        }
        if (closes) {
            close();
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8), retryAfter);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
