import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { findPackageRoot } from '../templates';

/**
 * The fonts letters and packets are set in: Noto Sans from npm packages (nothing is copied into the repository),
 * embedded as subsets of the glyphs used. Latin (with every diacritic Vietnamese needs), Greek and Cyrillic come
 * from Noto Sans; Arabic from Noto Sans Arabic; Chinese, Japanese kanji and kana from Noto Sans SC. Each character
 * is set in the first script font that has it, so "Nguyễn Thị Minh", "王小明" and "محمد" print as themselves.
 */
export type FontStyle = 'regular' | 'bold';
export type Script = 'latin' | 'arabic' | 'cjk';

/** In the order a character is looked for: the Latin font first, the large CJK font (10 MB) last. */
export const SCRIPTS: readonly Script[] = ['latin', 'arabic', 'cjk'];

const FILES: Readonly<Record<Script, Readonly<Record<FontStyle, string>>>> = {
  latin: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  arabic: {
    regular: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  },
  cjk: {
    regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
};

/** A font of one script and style: its bytes (for pdfkit to embed) and fontkit's reading (for coverage). */
export interface FontFace {
  /** The name the face is registered under in a document, e.g. `latin-bold`. */
  readonly name: string;
  readonly bytes: Buffer;
  /** The ascender, in ems: how far the baseline lies below the top of a line set in this face. */
  readonly ascent: number;
  has(codePoint: number): boolean;
}

// Resolved from the package root, so the same lookup works from the sources and from dist/.
const requireFromRoot = createRequire(path.join(findPackageRoot(__dirname), 'package.json'));
const loaded = new Map<string, FontFace>();

/** The face of a script and style, read from node_modules once per process (a worker prints many letters). */
export function fontFace(script: Script, style: FontStyle): FontFace {
  const name = `${script}-${style}`;
  let face = loaded.get(name);
  if (!face) {
    const bytes = readFileSync(requireFromRoot.resolve(FILES[script][style]));
    const font = fontkit.create(bytes);
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${FILES[script][style]} is a font collection, not a font`);
    face = { name, bytes, ascent: font.ascent / font.unitsPerEm, has: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
    loaded.set(name, face);
  }
  return face;
}

/** The script whose font sets a character: the first that has it; Latin (its missing-glyph box) when none does. */
export function scriptOf(codePoint: number): Script {
  for (const script of SCRIPTS) {
    // Most text is Latin: the Arabic and CJK fonts are only read when a character is not.
    if (fontFace(script, 'regular').has(codePoint)) return script;
  }
  return 'latin';
}
