package com.profilebridge.profile;

import com.profilebridge.cdp.CdpIdentifier;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** Without a shared cache there is one instance (the embedded default): its memory is all there is. */
final class LocalProfileInvalidation implements ProfileInvalidation {

    private final MemoryCaches memory;

    LocalProfileInvalidation(MemoryCaches memory) {
        this.memory = memory;
    }

    @Override
    public Eviction evict(Collection<CdpIdentifier> identifiers) {
        return new Eviction(memory.evict(keysOf(identifiers)::contains), 0, 1);
    }

    @Override
    public Holdings count(Collection<CdpIdentifier> identifiers) {
        return new Holdings(memory.count(keysOf(identifiers)::contains), 0);
    }

    @Override
    public Set<CdpIdentifier> cachedRoutesTo(String userId) {
        return memory.profiles().localRoutesTo(userId);
    }

    static Set<String> keysOf(Collection<CdpIdentifier> identifiers) {
        return identifiers.stream().map(CdpIdentifier::cacheKey).collect(Collectors.toUnmodifiableSet());
    }
}
