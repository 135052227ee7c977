package dev.lanyard.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The PDS-compatible HTTP API under /v2 (OAuth endpoints first; the management API joins it). */
@ApplicationPath("v2")
public class LanyardApi extends Application {
}
