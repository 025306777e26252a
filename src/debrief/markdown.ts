/**
 * Making untrusted text (what players wrote, what a scenario file says) safe inside generated
 * Markdown: it must render as the same literal text, never as markup, links or HTML. Escapes are
 * kept to what can take effect, so the raw draft stays readable when pasted into a wiki.
 */

// Backslash escapes, code spans, emphasis, strikethrough, links and images ([ ] defuse both) and
// table cell separators. An underscore between two letters or digits can never start emphasis, so
// snake_case names stay as they are.
const MARKUP = /[\\`*~[\]|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
// Invisible controls and line/paragraph separators would break the layout or hide content.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g;
const LINE_BREAK = /\r\n?|\n/;
// A `<` that starts a tag, a closing tag, a comment, a declaration or an autolink (`<a`, `</`, `<!`, `<?`).
const HTML_OPEN = /<(?=[A-Za-z/!?])/g;
// A character or entity reference: `&amp;`, `&#62;`, `&#x3E;`.
const ENTITY = /&(?=#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;

/**
 * Text that starts a block (a list item, a paragraph, a quote): escaped, with line breaks as spaces
 * so nothing after one can open a heading or a list of its own.
 */
export function inline(text: string): string {
  const escaped = escapeText(String(text).split(LINE_BREAK).join(' '));
  // Where a block starts these would open a heading, a quote, a nested or numbered list, or a setext underline.
  return escaped.replace(/^(?:[-+=#>]|\d+(?=[.)]))/, (lead) => (/\d/.test(lead) ? `${lead}\\` : `\\${lead}`));
}

/** A table cell: escaped, with line breaks as <br> so the row stays one line but keeps its lines. */
export function cell(text: string): string {
  // Block syntax cannot start inside a cell, so unlike `inline` the first character needs no care.
  return String(text).split(LINE_BREAK).map(escapeText).join('<br>');
}

function escapeText(text: string): string {
  return (
    text
      .replace(CONTROLS, ' ')
      // Leading spaces go too: four of them at the start of a block would open a code block.
      .trim()
      .replace(MARKUP, (c) => `\\${c}`)
      // Plain Markdown, no HTML entities: a tracker shows `&gt;` as it is. A backslash defuses just
      // the `<` that could open a tag or an autolink and the `&` that could spell an entity.
      .replace(HTML_OPEN, '\\<')
      .replace(ENTITY, '\\&')
  );
}
