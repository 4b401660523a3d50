import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateInZone, endOfDay, isValidTimeZone } from '../../../src/domain/calendar';

/**
 * CAL-1: the end of every due day is an instant in the district's time zone, computed through Intl. Intl is slow
 * (a formatter costs far more to build than to use, and a call about 10 microseconds), and the deadline engine asks
 * for the same few hundred dates over and over (`npm run bench`): so one formatter is kept per zone, and the ends of
 * days already computed are kept per zone, at most 4,096 of them (then the zone's cache starts again). These tests
 * hold the module to that, counting the calls it makes to Intl. Each uses a zone no other test of this file uses.
 */
describe('CAL-1: ends of days in a time zone, computed once', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('CAL-1: one formatter is built per time zone, however often the zone is used', () => {
    const Original = Intl.DateTimeFormat;
    const built: (string | undefined)[] = [];
    Intl.DateTimeFormat = class extends Original {
      constructor(locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions) {
        super(locales, options);
        built.push(options?.timeZone);
      }
    } as typeof Intl.DateTimeFormat;
    try {
      expect(isValidTimeZone('Europe/Vilnius')).toBe(true);
      expect(isValidTimeZone('Europe/Vilnius')).toBe(true);
      expect(endOfDay('2026-12-01', 'Europe/Vilnius').toISOString()).toBe('2026-12-01T21:59:59.000Z');
      expect(dateInZone(new Date('2026-12-01T21:59:59.000Z'), 'Europe/Vilnius')).toBe('2026-12-01');
    } finally {
      Intl.DateTimeFormat = Original;
    }
    expect(built).toEqual(['Europe/Vilnius']);
  });

  it('CAL-1: the end of a day already computed is not computed again, whatever was asked in between', () => {
    const parts = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    expect(endOfDay('2026-12-01', 'Asia/Tokyo').toISOString()).toBe('2026-12-01T14:59:59.000Z');
    const once = parts.mock.calls.length;
    expect(once).toBeGreaterThan(0);
    expect(endOfDay('2026-12-02', 'Asia/Tokyo').toISOString()).toBe('2026-12-02T14:59:59.000Z');
    const twice = parts.mock.calls.length;
    expect(twice).toBe(2 * once);
    expect(endOfDay('2026-12-01', 'Asia/Tokyo').toISOString()).toBe('2026-12-01T14:59:59.000Z');
    expect(endOfDay('2026-12-02', 'Asia/Tokyo').toISOString()).toBe('2026-12-02T14:59:59.000Z');
    expect(parts.mock.calls.length).toBe(twice);
  });

  it('CAL-1: a zone keeps at most 4,096 ends of days: the next one starts its cache again', () => {
    const zone = 'Africa/Nairobi';
    const start = Date.UTC(2026, 0, 1);
    const date = (i: number) => new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 4_096; i += 1) endOfDay(date(i), zone);
    const parts = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    // All 4,096 are kept: asking again computes nothing.
    expect(endOfDay(date(0), zone).toISOString()).toBe('2026-01-01T20:59:59.000Z');
    expect(endOfDay(date(4_095), zone).toISOString()).toBe(`${date(4_095)}T20:59:59.000Z`);
    expect(parts).not.toHaveBeenCalled();
    // The 4,097th empties the zone's cache before it is kept: the first date is computed anew.
    endOfDay(date(4_096), zone);
    const afterNew = parts.mock.calls.length;
    expect(afterNew).toBeGreaterThan(0);
    expect(endOfDay(date(4_096), zone).toISOString()).toBe(`${date(4_096)}T20:59:59.000Z`);
    expect(parts.mock.calls.length).toBe(afterNew);
    expect(endOfDay(date(0), zone).toISOString()).toBe('2026-01-01T20:59:59.000Z');
    expect(parts.mock.calls.length).toBeGreaterThan(afterNew);
  });

  it('CAL-1: an instant a fraction of a second into a day falls on that day', () => {
    expect(dateInZone(new Date('2026-12-02T06:00:00.500Z'), 'America/Chicago')).toBe('2026-12-02');
    expect(dateInZone(new Date('2026-12-02T05:59:59.999Z'), 'America/Chicago')).toBe('2026-12-01');
  });
});
