package com.profilebridge.profile;

import java.util.List;
import java.util.function.Predicate;

/** This instance's in-memory caches: the profile L1 and every {@link LocalIdentifierCache}. */
final class MemoryCaches {

    private final ProfileService profiles;
    private final List<LocalIdentifierCache> others;

    MemoryCaches(ProfileService profiles, List<LocalIdentifierCache> others) {
        this.profiles = profiles;
        this.others = List.copyOf(others);
    }

    long count(Predicate<String> cacheKeyMatches) {
        return profiles.countLocal(cacheKeyMatches) + others.stream().mapToLong(c -> c.count(cacheKeyMatches)).sum();
    }

    long evict(Predicate<String> cacheKeyMatches) {
        return profiles.evictLocal(cacheKeyMatches) + others.stream().mapToLong(c -> c.evict(cacheKeyMatches)).sum();
    }

    ProfileService profiles() {
        return profiles;
    }
}
