package com.profilebridge.resolve;

import org.springframework.stereotype.Component;

/** The resolve use case as the web adapter sees it: request in, JSON bytes (size-capped) out. */
@Component
public class ResolveEndpoint {

    private final ResolveService service;

    ResolveEndpoint(ResolveService service) {
        this.service = service;
    }

    /**
     * @param receivedNanos {@link System#nanoTime()} when the request arrived; the budget counts from it
     */
    public byte[] resolve(ResolveRequest request, String caller, long receivedNanos) {
        return service.resolve(request, caller, receivedNanos).body();
    }

    /** The same answer as a record (the demo desktop shows it field by field). */
    public ResolveResponse answer(ResolveRequest request, String caller) {
        return service.resolve(request, caller, System.nanoTime()).response();
    }
}
