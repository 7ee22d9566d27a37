/**
 * Character references in XML and HTML text, decoded as a reader sees them: `&#233;`, `&#xE9;`,
 * and named ones (`&amp;`, `&nbsp;`, `&eacute;`: HTML's list, which holds XML's five). A reference
 * to no character is U+FFFD; an unknown name is left as written. One decoder for every extractor
 * of the anonymisation gate (office XML, e-mail HTML, image XMP).
 */
import { characterEntities } from 'character-entities';

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));?/g;

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (all, dec: string, hex: string, name: string) => {
    if (name) return (characterEntities as Record<string, string>)[name] ?? all;
    const cp = dec ? Number(dec) : parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  });
}
