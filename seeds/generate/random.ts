/**
 * Deterministic pseudo-random numbers inside DuckDB: uniform(i, k) = hash((i · 4096 + k) XOR mix(seed)),
 * top 53 bits scaled to (0, 1). DuckDB's one-argument integer hash is a MurmurHash64 finaliser: good
 * avalanche, cheap, stable for a DuckDB version. Its multi-argument form combines hashes too weakly
 * (hash(s, i, 1) and hash(s, i, 2) correlate at 0.59), so streams are packed into one integer instead.
 *
 * `i` is the entity (customer, event, response, ...) and `k` < 4096 a stream: every random quantity
 * has its own stream, and entity kinds use disjoint stream ranges (STREAMS) so that customer 7 and
 * response 7 never share a number. A normal draw uses streams k and k + 1 (Box–Muller).
 */
export const STREAMS = { customer: 0, event: 1000, response: 2000, month: 3000, other: 3500 } as const;

/** SplitMix64 of the seed, cut to 62 bits so it is a positive BIGINT literal. */
export function seedMix(seed: number): bigint {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
  const mask = (1n << 64n) - 1n;
  let z = (BigInt(seed) + 0x9e3779b97f4a7c15n) & mask;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
  z ^= z >> 31n;
  return z & ((1n << 62n) - 1n);
}

/** TEMP macros rnd_u(i, k) ∈ (0, 1) and rnd_z(i, k) ~ N(0, 1) for this seed (session-scoped, never stored). */
export function randomMacrosSql(seed: number): string[] {
  const mix = seedMix(seed);
  return [
    `CREATE OR REPLACE TEMP MACRO rnd_u(i, k) AS ((hash(xor((i)::BIGINT * 4096 + (k), ${mix}::BIGINT)) >> 11)::DOUBLE + 0.5) / 9007199254740992.0`,
    `CREATE OR REPLACE TEMP MACRO rnd_z(i, k) AS sqrt(-2.0 * ln(rnd_u(i, k))) * cos(2.0 * pi() * rnd_u(i, (k) + 1))`,
  ];
}
