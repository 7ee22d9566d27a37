/**
 * Documents inside documents (an e-mail's attachment, a workbook embedded in Word, a file attached
 * to a PDF, an Outlook message's attachment, a `data:` URI): what one gave, and how its container
 * reports it. The extractors of the anonymisation gate (extract-*.ts) share these.
 */

/** Something inside a file that could not be checked, said without its content or name. */
export interface InnerUnchecked {
  kind: 'unreadable' | 'binary';
  reason: string;
}

/** What a document inside another gave: its text, or why it could not be read (and what could be, as an image's metadata). */
export type InnerText =
  | { kind: 'text'; text: string; unchecked?: InnerUnchecked[] }
  | { kind: 'unreadable' | 'binary'; reason: string; text?: string };

/** Reads the bytes of a document inside another (its file name, when it has one, helps to tell its kind). */
export type InnerReader = (bytes: Uint8Array, name: string) => InnerText;

/**
 * What an inner document adds to its container: its text, and what could not be read, named by its
 * place (`where`: "attachment 2", "embedded object 1"), never by its own name, which may be a real name.
 */
export function fromInside(got: InnerText, where: string): { text?: string; unchecked: InnerUnchecked[] } {
  const text = got.text ? { text: got.text } : {};
  if (got.kind === 'text') return { ...text, unchecked: (got.unchecked ?? []).map((u) => ({ kind: u.kind, reason: `${u.reason} (in ${where})` })) };
  return { ...text, unchecked: [{ kind: got.kind, reason: `${where}: ${got.reason}` }] };
}
