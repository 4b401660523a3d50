import { scriptOf, type Script } from './pdf-fonts';

/** A stretch of text set in one script's font. */
export interface TextRun {
  readonly text: string;
  readonly script: Script;
}

// Spaces, punctuation, digits, symbols and combining marks exist in every script font: they stay in the run they
// follow, so "王小明, 2026" changes font once, not at every comma.
const NEUTRAL = /^[\s\p{P}\p{N}\p{S}\p{M}]$/u;

/** Splits text into runs of one script font each (an Arabic run is shaped right to left as a whole by fontkit). */
export function scriptRuns(text: string, scriptFor: (codePoint: number) => Script = scriptOf): TextRun[] {
  const runs: { text: string; script: Script }[] = [];
  for (const char of text) {
    const last = runs.at(-1);
    const script = last && NEUTRAL.test(char) ? last.script : scriptFor(char.codePointAt(0)!);
    if (last?.script === script) last.text += char;
    else runs.push({ text: char, script });
  }
  // Spaces and punctuation after an Arabic name belong to the text that follows: inside the right-to-left run they
  // would be set at its left end ("محمد ,at" instead of "محمد, at").
  for (let i = 0; i < runs.length; i += 1) {
    const run = runs[i]!;
    if (run.script !== 'arabic') continue;
    const tail = /[\s\p{P}\p{S}]+$/u.exec(run.text)?.[0];
    if (!tail || tail === run.text) continue;
    run.text = run.text.slice(0, -tail.length);
    const next = runs[i + 1];
    if (next?.script === 'latin') next.text = tail + next.text;
    else runs.splice(i + 1, 0, { text: tail, script: 'latin' });
  }
  return runs;
}

/**
 * Wraps one paragraph to `width`: greedily by words, a CJK character being a word of its own, a word wider than
 * the line broken by characters. `measure` gives the width of a text in the paragraph's font and size.
 */
export function wrapText(text: string, width: number, measure: (text: string) => number): string[] {
  // A piece is a word with the spaces before it, or one CJK character: text in those scripts has no spaces.
  const pieces = text.match(/\s*(?:[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|.)/gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  const fits = (candidate: string) => measure(candidate) <= width;
  for (const piece of pieces) {
    const candidate = line === '' ? piece.trimStart() : `${line}${piece}`;
    if (candidate === '' || fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = piece.trimStart();
    // A word longer than the line (a long URL): as many characters as fit on each line.
    while (!fits(rest)) {
      const chars = [...rest];
      let cut = 1;
      while (cut < chars.length && fits(chars.slice(0, cut + 1).join(''))) cut += 1;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
