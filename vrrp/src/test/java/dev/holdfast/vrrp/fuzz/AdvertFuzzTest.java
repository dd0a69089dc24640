package dev.holdfast.vrrp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.packet.Capture;
import dev.holdfast.vrrp.packet.DecodeError;
import dev.holdfast.vrrp.packet.DecodeResult;
import dev.holdfast.vrrp.packet.ReceivedAdvert;
import dev.holdfast.vrrp.packet.RejectCounts;
import dev.holdfast.vrrp.state.Action;
import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.InstanceConfig;
import dev.holdfast.vrrp.state.Scheduler;
import dev.holdfast.vrrp.state.VrrpInstance;
import dev.holdfast.vrrp.state.VrrpState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Feeds 1,000,000 mutations of the keepalived captures to the decoder and every decoded one to a running
 * state machine configured like the capture's peer: nothing may throw, every packet is either decoded or
 * counted under a rejection kind, every advert the state machine does not act on is counted too, and the
 * state machine keeps its VIP bookkeeping straight throughout.
 */
class AdvertFuzzTest {
    static final int TRIES = 1_000_000;

    private static List<Capture> captures;
    private static List<Mutation.Context> contexts;
    private static List<Peer> peers;
    private static final RejectCounts decoderRejects = new RejectCounts();
    private static final RejectCounts stateRejects = new RejectCounts();
    private static final AtomicLong packets = new AtomicLong();
    private static final AtomicLong decoded = new AtomicLong();
    private static final AtomicLong acted = new AtomicLong();
    private static final Map<VrrpState, AtomicLong> entered = new java.util.EnumMap<>(VrrpState.class);
    private static long startNanos;

    /** A state machine next to one capture's keepalived, with a fake clock and invariant checks. */
    static final class Peer implements Scheduler {
        final VrrpInstance instance;
        final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        final List<Runnable> tasks = new ArrayList<>();
        long now;
        boolean vipsUp;
        int ignoredThisEvent;

        Peer(InstanceConfig config) {
            instance = new VrrpInstance(config, this, this::check);
            instance.handle(new Event.Start());
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            tasks.add(task);
            long[] entry = {now + delay.toNanos(), tasks.size() - 1};
            due.add(entry);
            return () -> tasks.set((int) entry[1], null);
        }

        void advance(long nanos) {
            long target = now + nanos;
            while (!due.isEmpty() && due.peek()[0] <= target) {
                long[] e = due.poll();
                Runnable r = tasks.set((int) e[1], null);
                now = e[0];
                if (r != null) {
                    r.run();
                }
            }
            now = target;
            if (due.isEmpty()) {
                tasks.clear();
            }
        }

        private void check(Action a) {
            if (a instanceof Action.AddVips) {
                assertThat(vipsUp).as("VIPs added twice").isFalse();
                vipsUp = true;
            } else if (a instanceof Action.RemoveVips) {
                assertThat(vipsUp).as("VIPs removed while not up").isTrue();
                vipsUp = false;
            } else if (a instanceof Action.StateChanged s) {
                entered.computeIfAbsent(s.to(), k -> new AtomicLong()).incrementAndGet();
                assertThat(vipsUp).as("VIPs up exactly while MASTER").isEqualTo(s.to() == VrrpState.MASTER);
            } else if (a instanceof Action.SendAdvert s) {
                assertThat(s.priority()).isBetween(0, 255);
            } else if (a instanceof Action.AdvertIgnored ignored) {
                stateRejects.count(ignored.reason());
                ignoredThisEvent++;
            }
        }
    }

    @BeforeContainer
    static void load() throws UnknownHostException {
        captures = Capture.all();
        contexts = new ArrayList<>();
        peers = new ArrayList<>();
        for (Capture c : captures) {
            DecodeResult r = c.decode();
            ReceivedAdvert original = r instanceof DecodeResult.Decoded d ? d.advert() : null;
            contexts.add(new Mutation.Context(original, c.rules().authentication()));
            peers.add(new Peer(peerConfig(c, original)));
        }
        startNanos = System.nanoTime();
    }

    private static InstanceConfig peerConfig(Capture c, ReceivedAdvert original) throws UnknownHostException {
        // the other end of the capture's veth: same VRID, VIPs and interval, a priority near keepalived's
        InetAddress self = InetAddress.getByName(original.source() instanceof java.net.Inet4Address
                ? "192.168.77.2" : "fe80::ff:fe00:2");
        return InstanceConfig.builder("fuzz-" + c.file() + "-" + c.index(), original.advert().version(),
                        original.advert().vrid(), self)
                .vips(original.advert().addresses())
                .advertIntervalCentis(original.advert().intervalCentis())
                .priority(50 + 40 * c.index())
                .preemptDelay(c.index() == 1 ? Duration.ofSeconds(2) : Duration.ZERO)
                .skipCheckAdvAddr(c.index() == 2)
                .build();
    }

    @AfterContainer
    static void summary() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        assertThat(packets.get()).isEqualTo(TRIES);
        assertThat(decoded.get() + decoderRejects.total()).isEqualTo(TRIES);
        assertThat(stateRejects.total() + acted.get()).isEqualTo(decoded.get());
        System.out.printf("fuzz: %d packets in %.1f s; decoded %d (state machine acted on %d), rejected %d%n",
                packets.get(), seconds, decoded.get(), acted.get(), decoderRejects.total());
        System.out.println("  state machine entered: " + entered);
        assertThat(entered).containsKeys(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT);
        for (Map.Entry<DecodeError, Long> e : decoderRejects.snapshot().entrySet()) {
            System.out.printf("  decoder %-22s %d%n", e.getKey(), e.getValue());
        }
        for (Map.Entry<DecodeError, Long> e : stateRejects.snapshot().entrySet()) {
            System.out.printf("  state   %-22s %d%n", e.getKey(), e.getValue());
        }
    }

    /**
     * One fuzz input. jqwik draws only these primitives (drawing the mutations themselves through combinators
     * costs more than decoding them); the mutations are derived from {@code seed}, so a reported Step
     * reproduces its packet exactly.
     */
    record Step(int capture, int mutationCount, long seed, int advanceMillis, int event) {
        List<Mutation> mutations() {
            SplittableRandom random = new SplittableRandom(seed);
            List<Mutation> out = new ArrayList<>(mutationCount);
            for (int i = 0; i < mutationCount; i++) {
                out.add(Mutation.random(random));
            }
            return out;
        }
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF,
            edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void mutatedAdvertsAreDecodedOrCounted(@ForAll("steps") Step step) {
        packets.incrementAndGet();
        Capture capture = captures.get(step.capture());
        byte[] packet = capture.datagram();
        List<Mutation> mutations = step.mutations();
        for (Mutation m : mutations) {
            packet = m.apply(packet, contexts.get(step.capture()));
        }
        DecodeResult result = capture.decode(packet);
        assertThat(result).as("%s", mutations).isNotNull();
        Peer peer = peers.get(step.capture());
        if (decoderRejects.countIfRejected(result)) {
            assertThat(((DecodeResult.Rejected) result).detail()).isNotBlank();
        } else {
            decoded.incrementAndGet();
            peer.ignoredThisEvent = 0;
            peer.instance.handle(new Event.AdvertReceived(((DecodeResult.Decoded) result).advert()));
            assertThat(peer.ignoredThisEvent).isLessThanOrEqualTo(1);
            if (peer.ignoredThisEvent == 0) {
                acted.incrementAndGet();
            }
        }
        drive(peer, step);
        assertThat(peer.instance.effectivePriority()).isBetween(1, 255);
    }

    /** Other inputs, now and then, so the machine also moves through FAULT and priority changes. */
    private static void drive(Peer peer, Step step) {
        peer.advance(step.advanceMillis() * 1_000_000L);
        int e = step.event();
        if (e == 0) {
            peer.instance.handle(new Event.TrackerDown("link"));
        } else if (e <= 3) {
            peer.instance.handle(new Event.TrackerUp("link"));
        } else if (e == 4) {
            peer.instance.handle(new Event.WeightsChanged(e * 37 % 300 - 150));
        }
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(
                Arbitraries.integers().between(0, Capture.all().size() - 1),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(0, 99)).as(Step::new);
    }
}
