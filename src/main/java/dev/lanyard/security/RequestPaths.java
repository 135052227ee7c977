package dev.lanyard.security;

import jakarta.servlet.http.HttpServletRequest;

/** The path of a request inside the application (without the context path), as the filters and the core match it. */
public final class RequestPaths {

    private RequestPaths() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
