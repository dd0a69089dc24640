package dev.holdfast.healthcheck.socket;

import java.util.Arrays;

/**
 * The loop's pending timers, earliest first: a binary heap in which every timer knows its slot, so calling one off
 * (the common case: a check answered before its timeout) costs log n and leaves nothing behind.
 */
final class TimerHeap {
    /** One pending task; ordered by deadline, then by the order they were set. */
    static final class Timer implements dev.holdfast.healthcheck.time.Scheduler.Cancellable {
        final long deadline;
        final long sequence;
        final Runnable task;
        int slot = -1;
        /** the loop that holds it, which cancel() asks */
        SocketLoop owner;

        Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            if (owner != null) {
                owner.cancel(this);
            }
        }

        boolean before(Timer other) {
            return deadline != other.deadline ? deadline - other.deadline < 0 : sequence < other.sequence;
        }
    }

    private Timer[] heap = new Timer[64];
    private int size;

    int size() {
        return size;
    }

    Timer peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Timer timer) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.slot = size;
        heap[size++] = timer;
        up(timer.slot);
    }

    /** Removes {@code timer} if it is still pending; true if it was. */
    boolean remove(Timer timer) {
        int slot = timer.slot;
        if (slot < 0 || slot >= size || heap[slot] != timer) {
            return false;
        }
        Timer last = heap[--size];
        heap[size] = null;
        timer.slot = -1;
        if (last != timer) {
            heap[slot] = last;
            last.slot = slot;
            if (!up(slot)) {
                down(slot);
            }
        }
        return true;
    }

    Timer poll() {
        Timer first = peek();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    private boolean up(int slot) {
        Timer moving = heap[slot];
        int start = slot;
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!moving.before(heap[parent])) {
                break;
            }
            place(heap[parent], slot);
            slot = parent;
        }
        place(moving, slot);
        return slot != start;
    }

    private void down(int slot) {
        Timer moving = heap[slot];
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].before(heap[child])) {
                child++;
            }
            if (!heap[child].before(moving)) {
                break;
            }
            place(heap[child], slot);
            slot = child;
        }
        place(moving, slot);
    }

    private void place(Timer timer, int slot) {
        heap[slot] = timer;
        timer.slot = slot;
    }
}
