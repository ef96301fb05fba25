// How much the matching pool adds to each initiative (issue 10, section 3; ADR 0014).
// Pure functions over integer minor units, so the worked examples in
// allocation.test.ts can be checked by hand.

/**
 * The raw quadratic match of one initiative: (Σ√pledgeᵢ)² − Σpledgeᵢ over distinct
 * organizations. Many small funders earn more than one large one; a single funder earns
 * nothing. Rounded down to whole minor units.
 */
export function rawQuadraticMatch(pledgesByOrganization: readonly number[]): number {
  let roots = 0;
  let sum = 0;
  for (const amount of pledgesByOrganization) {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new Error("pledges are non-negative minor units");
    roots += Math.sqrt(amount);
    sum += amount;
  }
  // Float error in the square roots is far below one minor unit for realistic sums;
  // the epsilon keeps (√a + √a)² − 2a = 2a exact instead of 2a − 1.
  return Math.max(0, Math.floor(roots * roots - sum + 1e-6));
}

export type QuadraticCandidate = {
  id: string;
  pledgesByOrganization: readonly number[];
  /** Most this initiative may take, in basis points of the pool; null for no cap. */
  capShareBp: number | null;
};

export type QuadraticAllocation = {
  id: string;
  raw: number;
  match: number;
  /** Held back by the initiative's cap. */
  capped: boolean;
  /** Scaled down because the raw matches of all initiatives exceed the pool. */
  scaled: boolean;
};

/**
 * Shares the pool among quadratic-matched initiatives: each gets its raw match, all
 * scaled by one factor when they do not fit the pool; an initiative over its cap is
 * held at the cap and what it gives up goes, by the same rule, to the others (never
 * beyond their raw match). Whatever rounding leaves stays in the pool.
 */
export function allocateQuadratic(
  poolMinor: number,
  candidates: readonly QuadraticCandidate[],
): QuadraticAllocation[] {
  const pool = Math.max(0, poolMinor);
  const rows = candidates.map((c) => ({
    id: c.id,
    raw: rawQuadraticMatch(c.pledgesByOrganization),
    cap: c.capShareBp === null ? Number.POSITIVE_INFINITY : Math.floor((pool * c.capShareBp) / 10_000),
    match: 0,
    capped: false,
    scaled: false,
  }));
  let remaining = pool;
  let active = rows.filter((r) => r.raw > 0);
  for (;;) {
    const rawTotal = active.reduce((sum, r) => sum + r.raw, 0);
    if (rawTotal === 0) break;
    const factor = Math.min(1, remaining / rawTotal);
    const over = active.filter((r) => r.raw * factor > r.cap);
    if (over.length === 0) {
      for (const r of active) {
        r.match = Math.floor(r.raw * factor);
        r.scaled = factor < 1;
      }
      break;
    }
    for (const r of over) {
      r.match = r.cap;
      r.capped = true;
      remaining -= r.cap;
    }
    active = active.filter((r) => !over.includes(r));
  }
  return rows.map(({ id, raw, match, capped, scaled }) => ({ id, raw, match, capped, scaled }));
}

export type OneToOneMatch = { match: number; capped: boolean; poolLimited: boolean };

/** 1:1 up to a cap, and never more than the pool holds. */
export function oneToOneMatch(
  pledgedMinor: number,
  capMinor: number | null,
  poolMinor: number,
): OneToOneMatch {
  const cap = capMinor ?? Number.POSITIVE_INFINITY;
  const match = Math.max(0, Math.min(pledgedMinor, cap, poolMinor));
  return {
    match,
    capped: match === cap && pledgedMinor > cap,
    poolLimited: match === poolMinor && match < Math.min(pledgedMinor, cap),
  };
}
