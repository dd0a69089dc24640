/**
 * From the resolved keepalived.conf model to the IPVS table it asks for: virtual servers (groups expanded) become
 * services, real servers destinations. Depends on config/ and the ipvs model; knows nothing of the kernel.
 */
package dev.holdfast.ipvs.config;
