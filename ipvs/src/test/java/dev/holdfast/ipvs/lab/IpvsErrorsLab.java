package dev.holdfast.ipvs.lab;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.kernel.IpvsClient;
import dev.holdfast.ipvs.kernel.IpvsException;
import java.net.InetAddress;

/**
 * Lab-only (test-lab/scenarios/ipvs-errors, run as root in a netns of the VM, real IPVS kernel): provokes one kernel
 * refusal through the Java API and prints the {@link IpvsException} message, the one line an operator reads.
 *
 * <pre>java -cp daemon/target/holdfast.jar:ipvs/target/test-classes dev.holdfast.ipvs.lab.IpvsErrorsLab CASE</pre>
 *
 * CASE is {@code duplicate-service} (add TCP 10.9.0.1:80 twice) or {@code missing-service} (add a destination to
 * TCP 10.9.0.2:80, which does not exist). Prints "holdfast: MESSAGE" on stderr and exits 1 when the kernel refused
 * as expected; exits 3 if the kernel accepted what it should have refused, 2 on a bad argument.
 */
public final class IpvsErrorsLab {
    private IpvsErrorsLab() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: IpvsErrorsLab duplicate-service|missing-service");
            System.exit(2);
        }
        ServiceKey first = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("10.9.0.1"), 80);
        ServiceKey missing = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("10.9.0.2"), 80);
        try (IpvsClient ipvs = IpvsClient.open()) {
            switch (args[0]) {
                case "duplicate-service" -> {
                    ipvs.addService(Service.of(first, "wrr"));
                    System.out.println("first add of service TCP 10.9.0.1:80: ok");
                    ipvs.addService(Service.of(first, "wrr"));
                }
                case "missing-service" -> ipvs.addDestination(missing,
                        Destination.of(InetAddress.getByName("192.168.9.1"), 80, Forwarding.NAT, 1));
                default -> {
                    System.err.println("unknown case " + args[0]);
                    System.exit(2);
                }
            }
        } catch (IpvsException e) {
            System.err.println("holdfast: " + e.getMessage());
            System.exit(1);
        }
        System.err.println("the kernel accepted what it should have refused");
        System.exit(3);
    }
}
