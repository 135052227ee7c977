/**
 * JWT-bearer assertions of JWT apps (RFC 7523, as PDS's docs describe them): the apps' keys (uploaded PEMs or a
 * JWKS URL), the checks an assertion must pass, and the record that makes each jti one-time.
 */
package dev.lanyard.assertion;
