/**
 * `items` in lists by key, each list in the items' order and the keys in the order first seen. Node 20 has no
 * Map.groupBy (it came in Node 21), and the store, the services and the report layout all group rows this way.
 */
export function groupBy<T, K = string, V = T>(items: Iterable<T>, keyOf: (item: T) => K, valueOf?: (item: T) => V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) {
    const key = keyOf(item);
    const value = valueOf ? valueOf(item) : (item as unknown as V);
    const list = out.get(key);
    if (list) {
      list.push(value);
    } else {
      out.set(key, [value]);
    }
  }
  return out;
}
