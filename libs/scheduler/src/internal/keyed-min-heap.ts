// A binary min-heap of keyed entries with removal by key. Peek is O(1), push,
// pop and remove are O(log n): the schedulers arm one OS timer for the head,
// so their cost per tick never depends on how many entries are pending.

interface Slot<T> {
  readonly key: string;
  readonly at: number;
  /** Insertion order, so equal deadlines come out first-in first-out. */
  readonly seq: number;
  readonly value: T;
}

export class KeyedMinHeap<T> {
  readonly #slots: Slot<T>[] = [];
  readonly #index = new Map<string, number>();
  #seq = 0;

  get size(): number {
    return this.#slots.length;
  }

  has(key: string): boolean {
    return this.#index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.#index.get(key);
    return i === undefined ? undefined : this.#slots[i]?.value;
  }

  /** The earliest entry, without removing it. */
  peek(): { readonly key: string; readonly at: number; readonly value: T } | undefined {
    return this.#slots[0];
  }

  /** Adds the entry, or moves it to its new deadline when the key is present. */
  set(key: string, at: number, value: T): void {
    this.remove(key);
    const slot: Slot<T> = { key, at, seq: this.#seq++, value };
    this.#slots.push(slot);
    this.#index.set(key, this.#slots.length - 1);
    this.#up(this.#slots.length - 1);
  }

  remove(key: string): boolean {
    const i = this.#index.get(key);
    if (i === undefined) return false;
    this.#index.delete(key);
    const last = this.#slots.pop() as Slot<T>;
    if (i < this.#slots.length) {
      this.#slots[i] = last;
      this.#index.set(last.key, i);
      this.#down(this.#up(i));
    }
    return true;
  }

  pop(): { readonly key: string; readonly at: number; readonly value: T } | undefined {
    const head = this.#slots[0];
    if (head) this.remove(head.key);
    return head;
  }

  #less(a: number, b: number): boolean {
    const x = this.#slots[a] as Slot<T>;
    const y = this.#slots[b] as Slot<T>;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  #swap(a: number, b: number): void {
    const x = this.#slots[a] as Slot<T>;
    const y = this.#slots[b] as Slot<T>;
    this.#slots[a] = y;
    this.#slots[b] = x;
    this.#index.set(y.key, a);
    this.#index.set(x.key, b);
  }

  #up(i: number): number {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
    return i;
  }

  #down(i: number): void {
    const n = this.#slots.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.#less(l, smallest)) smallest = l;
      if (r < n && this.#less(r, smallest)) smallest = r;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }
}
