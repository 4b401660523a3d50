import type { NoticeDeadline } from '../../../src/domain/notices/notice';
import { countText, dueText, longDate, spanText } from '../../../src/domain/notices/notice-wording';
import { deadlinePicture, reasonCode, type CalendarDay, type MonthPicture } from './deadline-calendar';
import type { Canvas, FlowDocument, TextStyle } from './flow-document';

/**
 * Draws "picture the deadline": the month calendars of a deadline's count, day X marked X, each counted day shaded
 * and numbered, the due day dark, each skipped day grey with the letter of its reason, and a key that names every
 * skipped day and why. An arbitrator (or the grievant) sees the count at a glance and can check it by hand.
 */
const CELL_WIDTH = 20;
const CELL_HEIGHT = 17;
const MONTH_GAP = 14;
const TITLE_HEIGHT = 14;
const WEEKDAY_HEIGHT = 11;

const COLORS = {
  counted: '#dbe8f6',
  countedText: '#1f4e79',
  due: '#1f4e79',
  skipped: '#e4e4e4',
  skippedText: '#555555',
  outside: '#a0a0a0',
  grid: '#b8b8b8',
} as const;

const STYLES = {
  heading: { size: 10, style: 'bold', leading: 14 },
  month: { size: 8.5, style: 'bold', leading: 11 },
  weekday: { size: 6.5, style: 'regular', leading: 8, grey: 0.4 },
  dayNumber: { size: 5.5, style: 'regular', leading: 6 },
  mark: { size: 8, style: 'bold', leading: 9 },
  key: { size: 8, style: 'regular', leading: 10.5 },
} as const satisfies Record<string, TextStyle>;

/** The figure of one deadline: its heading, the months side by side, and its key. */
export function drawDeadlineFigure(doc: FlowDocument, deadline: NoticeDeadline, heading?: string): void {
  const picture = deadlinePicture(deadline);
  const monthWidth = 7 * CELL_WIDTH;
  const perRow = Math.max(1, Math.floor((doc.width + MONTH_GAP) / (monthWidth + MONTH_GAP)));
  const rows: MonthPicture[][] = [];
  for (let i = 0; i < picture.months.length; i += perRow) rows.push(picture.months.slice(i, i + perRow));
  const rowHeight = (row: readonly MonthPicture[]) => TITLE_HEIGHT + WEEKDAY_HEIGHT + Math.max(...row.map((m) => m.weeks.length)) * CELL_HEIGHT + 8;

  doc.paragraph(heading ?? `${deadline.label} (${deadline.rule}): ${countText(deadline.count, deadline.unit)}, day by day`, STYLES.heading, {
    before: 8,
    keepWith: rowHeight(rows[0]!),
  });
  for (const row of rows) {
    doc.block(rowHeight(row), (canvas, x, y) => row.forEach((month, i) => drawMonth(canvas, month, x + i * (monthWidth + MONTH_GAP), y)));
  }
  drawSwatches(doc);
  for (const line of keyLines(deadline, picture.counted, picture.monthsLeftOut)) doc.paragraph(line, STYLES.key);
}

function drawMonth(canvas: Canvas, month: MonthPicture, x: number, y: number): void {
  canvas.text(month.title, x, y, STYLES.month);
  ['S', 'M', 'T', 'W', 'T', 'F', 'S'].forEach((d, i) => canvas.centred(d, x + i * CELL_WIDTH, y + TITLE_HEIGHT, CELL_WIDTH, STYLES.weekday));
  month.weeks.forEach((week, row) =>
    week.forEach((day, column) => {
      if (day) drawDay(canvas, day, x + column * CELL_WIDTH, y + TITLE_HEIGHT + WEEKDAY_HEIGHT + row * CELL_HEIGHT);
    }),
  );
}

function drawDay(canvas: Canvas, day: CalendarDay, x: number, y: number): void {
  const { mark } = day;
  const centre = y + CELL_HEIGHT - 10;
  switch (mark.kind) {
    case 'outside':
      canvas.box(x, y, CELL_WIDTH, CELL_HEIGHT, undefined, COLORS.grid);
      canvas.centred(String(day.day), x, y + 5, CELL_WIDTH, STYLES.key, COLORS.outside);
      return;
    case 'trigger':
      canvas.box(x, y, CELL_WIDTH, CELL_HEIGHT, '#ffffff', '#000000');
      canvas.text(String(day.day), x + 1.5, y + 1, STYLES.dayNumber, '#555555');
      canvas.centred('X', x, centre, CELL_WIDTH, STYLES.mark, '#000000');
      return;
    case 'counted': {
      const fill = mark.due ? COLORS.due : COLORS.counted;
      const ink = mark.due ? '#ffffff' : COLORS.countedText;
      canvas.box(x, y, CELL_WIDTH, CELL_HEIGHT, fill, COLORS.grid);
      canvas.text(String(day.day), x + 1.5, y + 1, STYLES.dayNumber, mark.due ? '#ffffff' : '#555555');
      canvas.centred(String(mark.ordinal), x, centre, CELL_WIDTH, STYLES.mark, ink);
      return;
    }
    case 'skipped':
      canvas.box(x, y, CELL_WIDTH, CELL_HEIGHT, COLORS.skipped, COLORS.grid);
      canvas.text(String(day.day), x + 1.5, y + 1, STYLES.dayNumber, '#777777');
      canvas.centred(mark.code, x, centre, CELL_WIDTH, STYLES.mark, COLORS.skippedText);
      return;
    default: {
      const unknown: never = mark;
      throw new Error(`unknown day mark ${JSON.stringify(unknown)}`);
    }
  }
}

/** The key's swatches: what a shade means. */
function drawSwatches(doc: FlowDocument): void {
  doc.block(14, (canvas, x, y) => {
    const items: [string, string | undefined, string][] = [
      [COLORS.counted, undefined, 'counted (numbered)'],
      [COLORS.due, undefined, 'due day'],
      ['#ffffff', '#000000', 'day X: the count starts after it'],
      [COLORS.skipped, undefined, 'not counted (letter: why)'],
    ];
    let at = x;
    for (const [fill, stroke, label] of items) {
      canvas.box(at, y + 1, 9, 8, fill, stroke ?? COLORS.grid);
      at += 12 + canvas.text(label, at + 12, y, STYLES.key) + 12;
    }
  });
}

/** The key in words: day X, the count, the due day and instant, and every day that did not count and why. */
export function keyLines(deadline: NoticeDeadline, counted: number, monthsLeftOut: number): string[] {
  // Weeks and months are counted as calendar days in the end (deadlines.ts): the picture numbers days.
  const unit = deadline.unit === 'school-day' || deadline.unit === 'work-day' ? deadline.unit : 'calendar-day';
  const lines = [`X: ${longDate(deadline.trigger)}, day X (not counted). Counted: ${countText(counted, unit)}. Due: ${dueText(deadline)}.`];
  if (deadline.skipped.length > 0) {
    lines.push(`Not counted: ${deadline.skipped.map((s) => `${spanText(s.from, s.to)}, ${s.reason} (${reasonCode(s.reason)})`).join('; ')}.`);
  }
  if (monthsLeftOut > 0) lines.push(`The ${monthsLeftOut} months between the first and the last are not drawn; every day of them not listed above counts.`);
  return lines;
}
