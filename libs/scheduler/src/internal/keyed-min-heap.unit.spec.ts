import { describe, expect, it } from 'vitest';
import { KeyedMinHeap } from './keyed-min-heap.js';

describe('KeyedMinHeap', () => {
  it('pops in deadline order, FIFO among equal deadlines, after arbitrary removals and moves', () => {
    const heap = new KeyedMinHeap<number>();
    const expected = new Map<string, number>();
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2_000; i++) {
      const key = `k${Math.floor(rand() * 800)}`;
      const op = rand();
      if (op < 0.6) {
        const at = Math.floor(rand() * 1_000);
        heap.set(key, at, at);
        expected.set(key, at);
      } else {
        expect(heap.remove(key)).toBe(expected.delete(key));
      }
    }
    expect(heap.size).toBe(expected.size);
    const out: number[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) {
      expect(expected.get(e.key)).toBe(e.at);
      out.push(e.at);
    }
    expect(out).toEqual([...expected.values()].sort((a, b) => a - b));
  });

  it('keeps insertion order among equal deadlines', () => {
    const heap = new KeyedMinHeap<string>();
    for (const k of ['a', 'b', 'c', 'd']) heap.set(k, 5, k);
    heap.set('b', 5, 'b'); // moved: now last among the 5s
    expect([heap.pop()?.key, heap.pop()?.key, heap.pop()?.key, heap.pop()?.key]).toEqual([
      'a',
      'c',
      'd',
      'b',
    ]);
  });
});
