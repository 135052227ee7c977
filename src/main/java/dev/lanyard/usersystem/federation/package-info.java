/**
 * What the user systems that sign people in at another site (DingTalk, Alibaba Cloud RAM) share: the trip to the
 * provider and back (a state and a trip secret, single use, bound to the browser and to the authorization request that started
 * it), finding, creating and linking the Lanyard user behind an external identity, and the scan-with-your-phone flow.
 * A provider package supplies a {@link dev.lanyard.usersystem.federation.FederatedProvider} (its URLs, its API
 * client, its checks), a {@link dev.lanyard.security.LoginMethod} that hands its callbacks to
 * {@link dev.lanyard.usersystem.federation.FederatedSignIn}, and a servlet for its URLs.
 */
package dev.lanyard.usersystem.federation;
