/**
 * The checks a family's policy data goes through (PAR program policy, grievance procedure), by hand: these modules
 * run inside workflows, so no zod. Each problem names its field as a JSON pointer into what the district sent.
 */

/** A reason a policy is refused: the field as a JSON pointer, and what is wrong with it. */
export interface PolicyProblem {
  readonly field: string;
  readonly message: string;
}

export type Json = Record<string, unknown>;
export type Report = (field: string, message: string) => void;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Refuses every key not in `known`, so a misspelt setting is never ignored. */
export function unknownFields(value: Json, known: readonly string[], at: string, problem: Report, what = 'policy'): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) problem(`${at}/${key}`, `is not a ${what} setting`);
}

export function integer(value: unknown, field: string, min: number, max: number, problem: Report): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problem(field, 'must be a whole number');
    return undefined;
  }
  if (value < min || value > max) {
    problem(field, `must be between ${min} and ${max}`);
    return undefined;
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[], problem: Report): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problem(field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  return undefined;
}

/** An object with only the `known` settings, read by `read`; anything else is a problem at `field`. */
export function objectOf<T>(value: unknown, field: string, known: readonly string[], problem: Report, read: (value: Json) => T | undefined, what = 'policy'): T | undefined {
  if (!isObject(value)) {
    problem(field, `must be an object (${known.join(', ')})`);
    return undefined;
  }
  unknownFields(value, known, field, problem, what);
  return read(value);
}

/** A text of 1 to `max` characters, trimmed. */
export function text(value: unknown, field: string, max: number, problem: Report): string | undefined {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    problem(field, `must be a text of 1 to ${max} characters`);
    return undefined;
  }
  return value.trim();
}

/** Whether two policies hold the same settings, whatever the order of their keys (a retried request changes nothing). */
export function sameSettings(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  return value;
}
