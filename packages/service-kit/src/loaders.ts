// Helpers that keep every batch function honest to DataLoader's contract: one value per key, in the keys' order.
import DataLoader from 'dataloader';

/** One row (or null) per key. */
export function alignOne<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** All rows of each key, in the order the rows came. */
export function alignMany<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list) list.push(row);
    else byKey.set(keyOf(row), [row]);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/**
 * Loaders for a per-parent list whose arguments (filters, page) vary between fields of one request: one DataLoader
 * per distinct argument set, so that each batch shares its arguments and becomes one SQL statement.
 */
export function loaderFamily<A, K, V>(batch: (args: A, keys: readonly K[]) => Promise<V[]>): (args: A) => DataLoader<K, V> {
  const family = new Map<string, DataLoader<K, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = family.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => batch(args, keys));
      family.set(key, loader);
    }
    return loader;
  };
}
