package dev.holdfast.healthcheck.lvs;

/**
 * Where virtual servers send their decisions, on the scheduler thread and in the order keepalived would act:
 * destinations first, then the notifications that follow from the same change. Implementations must not block:
 * the scheduler thread also runs every check, so scripts, FIFO writes and netlink calls belong on another thread.
 */
public interface LvsOutput {

    void destinations(DesiredDestinations desired);

    void notify(Notification notification);
}
