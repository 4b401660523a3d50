import { describe, expect, it } from 'vitest';
import { indexLines, lineField, locateFault } from '../../src/calendar-import/ics-lines';

const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('line index of an .ics file (CAL-4: refusals name the line)', () => {
  it('CAL-4: lists each VEVENT with the physical line of BEGIN and of each property; a folded line counts where it starts', () => {
    const text = crlf(
      'BEGIN:VCALENDAR', // 1
      'BEGIN:VEVENT', // 2
      'SUMMARY:Professional', // 3
      '  Development', // 4 (folded)
      'DTSTART;VALUE=DATE:20260902', // 5
      'RRULE:FREQ=WEEKLY', // 6
      'BEGIN:VALARM', // 7
      'TRIGGER:-PT15M', // 8
      'END:VALARM', // 9
      'RRULE:FREQ=SECONDLY', // 10
      'END:VEVENT', // 11
      'END:VCALENDAR', // 12
    );
    const index = indexLines(text);
    expect(index.veventCount).toBe(1);
    expect(index.structure).toBeUndefined();
    expect(index.events).toHaveLength(1);
    const [event] = index.events;
    expect(event!.begin).toBe(2);
    expect(Object.fromEntries(event!.properties)).toEqual({ SUMMARY: [3], DTSTART: [5], RRULE: [6, 10] });
    expect(Object.fromEntries(event!.texts)).toEqual({ 6: 'RRULE:FREQ=WEEKLY', 10: 'RRULE:FREQ=SECONDLY' });
  });

  it('CAL-4: counts lines the same in a file with bare LF line ends', () => {
    const index = indexLines('BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:FREQ=DAILY\nEND:VEVENT\nEND:VCALENDAR\n');
    expect(index.events[0]!.properties.get('RRULE')).toEqual([3]);
  });

  it('CAL-4: names a component never closed, and an END that closes another one', () => {
    expect(indexLines(crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT')).structure).toEqual({ line: 1, message: 'BEGIN:VCALENDAR is never closed (END:VCALENDAR)' });
    expect(indexLines(crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VCALENDAR')).structure).toEqual({ line: 3, message: 'END:VCALENDAR closes BEGIN:VEVENT of line 2' });
  });

  it('CAL-4: locates the first line ical.js cannot read on its own, else the structural fault', () => {
    const text = crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260902', 'RRULE:FREQ=FOO', 'END:VEVENT', 'END:VCALENDAR');
    expect(locateFault(text, indexLines(text))).toEqual({ line: 4, message: expect.stringMatching(/^RRULE:FREQ=FOO: invalid frequency/) });
    const unclosed = crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT');
    expect(locateFault(unclosed, indexLines(unclosed))).toEqual({ line: 1, message: 'BEGIN:VCALENDAR is never closed (END:VCALENDAR)' });
  });

  it('CAL-4: a line is named as a JSON-pointer-shaped field, the whole file as /', () => {
    expect(lineField(57)).toBe('/line/57');
    expect(lineField(undefined)).toBe('/');
  });
});
