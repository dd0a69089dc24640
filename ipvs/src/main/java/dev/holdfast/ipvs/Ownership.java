package dev.holdfast.ipvs;

/** Which kernel services the reconciler may change or remove. */
public enum Ownership {
    /** The desired table is the whole truth: services not in it are deleted. */
    ALL,
    /**
     * Only services in the desired table are managed (including all their destinations); other kernel
     * services are someone else's and left alone.
     */
    ONLY_CONFIGURED
}
