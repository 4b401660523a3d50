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
