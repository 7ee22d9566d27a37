/**
 * The fonts the writers embed: DejaVu, from the `dejavu-fonts-ttf` package, so output never
 * depends on the fonts of the machine that builds it (and no PDF standard-14 font is used).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ttf = (name: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

export const DEJAVU = {
  sans: {
    normal: ttf('DejaVuSans'),
    bold: ttf('DejaVuSans-Bold'),
    italics: ttf('DejaVuSans-Oblique'),
    bolditalics: ttf('DejaVuSans-BoldOblique'),
  },
  mono: {
    normal: ttf('DejaVuSansMono'),
    bold: ttf('DejaVuSansMono-Bold'),
    italics: ttf('DejaVuSansMono-Oblique'),
    bolditalics: ttf('DejaVuSansMono-BoldOblique'),
  },
  serif: {
    normal: ttf('DejaVuSerif'),
    bold: ttf('DejaVuSerif-Bold'),
    italics: ttf('DejaVuSerif-Italic'),
    bolditalics: ttf('DejaVuSerif-BoldItalic'),
  },
} as const;
