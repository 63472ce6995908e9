package dev.mskcdc.configproviders;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Registered for every SDK client in tests (software/amazon/awssdk/global/handlers/execution.interceptors):
 * records the hosts requests are sent to, so tests can check endpoint selection without network access.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {

    public static final List<String> HOSTS = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        HOSTS.add(context.httpRequest().host());
    }
}
