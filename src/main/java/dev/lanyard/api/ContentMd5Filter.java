package dev.lanyard.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A request that sends Content-MD5 (RFC 1864) must carry the body it describes. For AccessKey-signed calls this is
 * what ties the body to the signature, which covers the header but not the body; a mismatch is refused before any
 * resource reads the body. Bodies are read into memory up to {@value #MAX_BODY} bytes for the check.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ContentMd5Filter implements ContainerRequestFilter {

    static final int MAX_BODY = 5 * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String claimed = request.getHeaderString("Content-MD5");
        if (claimed == null) {
            return;
        }
        byte[] body = request.getEntityStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new PdsException(413, "InvalidParameter.Body", "the body is larger than " + MAX_BODY + " bytes");
        }
        String actual = Base64.getEncoder().encodeToString(md5(body));
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), claimed.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new PdsException(400, "InvalidParameter.ContentMD5", "Content-MD5 does not match the body");
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
