import ICAL from 'ical.js';

/**
 * CAL-4: where things are in an .ics file, by physical line (1-based, as an editor numbers them), so a refusal can
 * name the line to fix. ical.js parses without line numbers; this one pass over the text supplies them.
 */
export interface VeventLines {
  /** The line of `BEGIN:VEVENT`. */
  readonly begin: number;
  /** Property name (upper case) -> the lines where it starts (a folded property starts on its first line). */
  readonly properties: ReadonlyMap<string, readonly number[]>;
  /** The content of the recurrence lines (RRULE, RDATE, EXDATE), as written, to quote in a refusal. */
  readonly texts: ReadonlyMap<number, string>;
}

const QUOTED: ReadonlySet<string> = new Set(['RRULE', 'RDATE', 'EXDATE']);

export interface IcsLineIndex {
  /** Every VEVENT directly inside the top-level component, in file order (the order ical.js lists them in). */
  readonly events: readonly VeventLines[];
  /** Every `BEGIN:VEVENT` anywhere: what the event cap counts. */
  readonly veventCount: number;
  /** The first structural fault: an END that closes another component, or a component never closed. */
  readonly structure?: { readonly line: number; readonly message: string } | undefined;
}

/** `/line/57`: the JSON-pointer-shaped field of a problem in line 57 of the file (the body is text, not JSON). */
export function lineField(line: number | undefined): string {
  return line === undefined ? '/' : `/line/${line}`;
}

export function indexLines(text: string): IcsLineIndex {
  const events: VeventLines[] = [];
  const stack: { name: string; line: number }[] = [];
  let current: { properties: Map<string, number[]>; texts: Map<number, string> } | undefined;
  let veventCount = 0;
  let structure: IcsLineIndex['structure'];
  forEachContentLine(text, (content, line) => {
    const { name, value } = nameAndValue(content);
    if (name === 'BEGIN') {
      const component = value.trim().toUpperCase();
      stack.push({ name: component, line });
      if (component !== 'VEVENT') return;
      veventCount += 1;
      if (stack.length === 2) {
        current = { properties: new Map(), texts: new Map() };
        events.push({ begin: line, ...current });
      }
    } else if (name === 'END') {
      const component = value.trim().toUpperCase();
      const open = stack.pop();
      if (!open) structure ??= { line, message: `END:${component} closes no component` };
      else if (open.name !== component) structure ??= { line, message: `END:${component} closes BEGIN:${open.name} of line ${open.line}` };
      if (stack.length < 2) current = undefined;
    } else if (current && stack.length === 2) {
      const lines = current.properties.get(name);
      if (lines) lines.push(line);
      else current.properties.set(name, [line]);
      if (QUOTED.has(name)) current.texts.set(line, content);
    }
  });
  const unclosed = stack.at(-1);
  if (unclosed) structure ??= { line: unclosed.line, message: `BEGIN:${unclosed.name} is never closed (END:${unclosed.name})` };
  return { events, veventCount, structure };
}

/**
 * After ical.js refused the whole file: the first content line it cannot read on its own (an invalid RRULE value,
 * a line with no `:`), or else the structural fault. Only run on that error path: it parses line by line.
 */
export function locateFault(text: string, index: IcsLineIndex): { line: number; message: string } | undefined {
  let found: { line: number; message: string } | undefined;
  forEachContentLine(text, (content, line) => {
    if (found) return;
    const { name } = nameAndValue(content);
    if (name === 'BEGIN' || name === 'END') return;
    try {
      ICAL.parse.property(content);
    } catch (error) {
      found = { line, message: `${excerpt(content)}: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
  return found ?? index.structure;
}

/** A line as a refusal quotes it: long values cut, so a problem stays readable. */
export function excerpt(content: string): string {
  return content.length > 80 ? `${content.slice(0, 77)}...` : content;
}

/** Unfolds content lines (RFC 5545 3.1: a line starting with a space or tab continues the one before). */
function forEachContentLine(text: string, visit: (content: string, line: number) => void) {
  const physical = text.split(/\r\n|\n|\r/);
  let content: string | undefined;
  let start = 0;
  physical.forEach((raw, i) => {
    if (content !== undefined && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      content += raw.slice(1);
      return;
    }
    if (content !== undefined) visit(content, start);
    content = raw.length > 0 ? raw : undefined;
    start = i + 1;
  });
  if (content !== undefined) visit(content, start);
}

function nameAndValue(content: string): { name: string; value: string } {
  const colon = content.indexOf(':');
  const semicolon = content.indexOf(';');
  const end = colon < 0 ? (semicolon < 0 ? content.length : semicolon) : semicolon >= 0 && semicolon < colon ? semicolon : colon;
  return { name: content.slice(0, end).toUpperCase(), value: colon < 0 ? '' : content.slice(colon + 1) };
}
