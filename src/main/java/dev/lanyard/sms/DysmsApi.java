package dev.lanyard.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Alibaba Cloud SMS (dysmsapi) as a MicroProfile Rest Client: an RPC call is a signed form POST to "/". */
public interface DysmsApi {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response call(Form parameters);
}
