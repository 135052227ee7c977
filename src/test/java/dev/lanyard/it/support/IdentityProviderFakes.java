package dev.lanyard.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/** One WireMock on loopback serving both identity-provider fakes: Alibaba Cloud's paths, and DingTalk's for the rest. */
public final class IdentityProviderFakes implements AutoCloseable {

    public final DingTalkFake dingtalk = new DingTalkFake();
    public final AliyunOAuthFake aliyun = new AliyunOAuthFake();
    private final WireMockServer wireMock;

    private IdentityProviderFakes() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(dingtalk, aliyun));
    }

    public static IdentityProviderFakes start() {
        IdentityProviderFakes fakes = new IdentityProviderFakes();
        fakes.wireMock.start();
        fakes.wireMock.stubFor(any(urlPathMatching("/oauth2/v1/.*|/v1/.*")).atPriority(1)
                .willReturn(aResponse().withTransformers(AliyunOAuthFake.NAME)));
        fakes.wireMock.stubFor(any(urlPathMatching("/.*")).atPriority(5).willReturn(aResponse().withTransformers(DingTalkFake.NAME)));
        return fakes;
    }

    public String baseUrl() {
        return wireMock.baseUrl();
    }

    @Override
    public void close() {
        wireMock.stop();
    }
}
