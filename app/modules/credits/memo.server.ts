// A few seconds' memory for public figures that are costly to compute and the same for
// everyone (issue 11, section 4): the network's totals and series, and badges. Callers
// that arrive while a value is being computed share that one computation, so a burst of
// misses costs one query, not one per request. Per process, like the page cache (ADR 0009),
// and emptied with it by every real write (server/page-cache.ts), so a change made through
// this server shows at once.

type Entry = { expires: number; value: Promise<unknown> };

const shared = globalThis as { __commonsMemo?: Map<string, Entry> };
shared.__commonsMemo ??= new Map<string, Entry>();
const entries = shared.__commonsMemo;
const MAX_ENTRIES = 5_000;

export function memoized<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  const value = compute();
  entries.set(key, { expires: now + ttlMs, value });
  // A failure is not remembered: the next caller tries again.
  value.catch(() => entries.delete(key));
  return value;
}

/** Forgets everything (tests; a process that must show a change at once). */
export function forgetMemoized() {
  entries.clear();
}
