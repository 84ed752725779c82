/** A binary min-heap of non-negative integers (command indexes) under a given order. */
export class IntHeap {
  private items = new Int32Array(64);
  size = 0;

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  peek(): number {
    return this.size === 0 ? -1 : (this.items[0] as number);
  }

  push(item: number): void {
    if (this.size === this.items.length) {
      const items = new Int32Array(this.items.length * 2);
      items.set(this.items);
      this.items = items;
    }
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      const p = items[parent] as number;
      if (!this.before(item, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const n = --this.size;
    if (n > 0) {
      const item = items[n] as number;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n && this.before(items[right] as number, items[child] as number)) child = right;
        const c = items[child] as number;
        if (!this.before(c, item)) break;
        items[i] = c;
        i = child;
      }
      items[i] = item;
    }
    return top;
  }
}
