package dev.lanyard.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Every request body of the API, before any resource reads it: at most {@value #MAX_IMPORT_BODY} bytes for a domain
 * import and {@value JsonBody#MAX_BODY} bytes for anything else, else {@code 413 InvalidParameter.Body} (read no
 * further than that, so a huge or endless body costs no more memory); and when the request sends Content-MD5
 * (RFC 1864), the body it describes, else {@code 400 InvalidParameter.ContentMD5}. For AccessKey-signed calls that
 * header is what ties the body to the signature, which covers the header but not the body.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class RequestBodyFilter implements ContainerRequestFilter {

    static final int MAX_IMPORT_BODY = 5 * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int limit = request.getUriInfo().getPath().endsWith("domain/import") ? MAX_IMPORT_BODY : JsonBody.MAX_BODY;
        byte[] body = checkedBytes(request.hasEntity() ? request.getEntityStream() : InputStream.nullInputStream(), limit,
                request.getLength(), request.getHeaderString("Content-MD5"));
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /** The body as UTF-8 text, after the same checks, for the API's servlets (outside JAX-RS, where no filter runs). */
    static String checkedBody(InputStream entity, int limit, long declaredLength, String contentMd5) throws IOException {
        return new String(checkedBytes(entity, limit, declaredLength, contentMd5), StandardCharsets.UTF_8);
    }

    /** At most {@code limit} bytes of the body (413 beyond, read no further), matching its Content-MD5 when sent. */
    private static byte[] checkedBytes(InputStream entity, int limit, long declaredLength, String contentMd5) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        byte[] body = entity.readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        checkContentMd5(contentMd5, body);
        return body;
    }

    private static void checkContentMd5(String claimed, byte[] body) {
        if (claimed == null) {
            return;
        }
        String actual = Base64.getEncoder().encodeToString(md5(body));
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), claimed.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new PdsException(400, "InvalidParameter.ContentMD5", "Content-MD5 does not match the body");
        }
    }

    private static PdsException tooLarge(int limit) {
        return new PdsException(413, "InvalidParameter.Body", "the body is larger than " + limit + " bytes");
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
