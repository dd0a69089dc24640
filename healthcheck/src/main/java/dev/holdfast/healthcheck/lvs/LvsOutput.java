package dev.holdfast.healthcheck.lvs;

/**
 * Where virtual servers send their decisions, on the scheduler thread and in the order keepalived would act:
 * destinations first, then the notifications that follow from the same change.
 */
public interface LvsOutput {

    void destinations(DesiredDestinations desired);

    void notify(Notification notification);
}
