/**
 * Generated iCalendar files for the CAL-4 importer's tests: a school year's frame (time zone, first and last day of
 * school for 2026-2027) around the events a test asks for, CRLF-terminated as RFC 5545 writes them.
 */
export function icsFile(events: readonly (readonly string[])[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Case deadlines tests//Generated calendar//EN',
    'X-WR-TIMEZONE:America/Chicago',
    ...vevent('first-day', '20260819', 'First Day of School'),
    ...vevent('last-day', '20270603', 'Last Day of School'),
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** One all-day VEVENT (`date` as YYYYMMDD), with any more properties (RRULE, CATEGORIES, ...). */
export function vevent(uid: string, date: string, summary: string, ...more: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260601T120000Z', `DTSTART;VALUE=DATE:${date}`, `SUMMARY:${summary}`, ...more, 'END:VEVENT'];
}

/** The 1-based line of the file whose content is `content` (the first one). */
export function lineOf(text: string, content: string): number {
  const index = text.split('\r\n').indexOf(content);
  if (index < 0) throw new Error(`no line ${content}`);
  return index + 1;
}

/**
 * A district feed with everything in it: `count` events that are no day off (picture days, games, timed board
 * meetings) spread over the school year, about 88 bytes each, so 22,000 of them make a file of 1.9 MiB, just within
 * the API's 2 MiB body limit.
 */
export function districtFeed(count: number): string {
  const summaries = ['Picture Day', 'Basketball vs. Central', 'Science Fair', 'Band Concert'];
  const events = Array.from({ length: count }, (_, i) => {
    const date = schoolYearDate(i % 300);
    if (i % 5 === 4) return ['BEGIN:VEVENT', `UID:m${i}`, `DTSTART:${date}T180000Z`, 'SUMMARY:Board Meeting', 'END:VEVENT'];
    return ['BEGIN:VEVENT', `UID:e${i}`, `DTSTART;VALUE=DATE:${date}`, `SUMMARY:${summaries[i % summaries.length]}`, 'END:VEVENT'];
  });
  return icsFile(events);
}

/** `count` holidays, one a day from August 20: more days off than a calendar holds when past 500. */
export function manyHolidays(count: number): string {
  return icsFile(Array.from({ length: count }, (_, i) => vevent(`holiday-${i}`, schoolYearDate(i % 300), `Holiday ${i}`)));
}

/** `count` bare VEVENTs (54 bytes each): many events in few bytes, to pass the event cap within the body limit. */
export function bareEvents(count: number): string {
  return icsFile(Array.from({ length: count }, () => ['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261001', 'END:VEVENT']));
}

/** YYYYMMDD of the school year's `day`th day from 2026-08-20. */
function schoolYearDate(day: number): string {
  return new Date(Date.UTC(2026, 7, 20) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
}
