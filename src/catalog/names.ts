/**
 * Multi-part SQL Server names as the catalog inputs spell them: `[dbo].[Orders].[Id]` in model.xml,
 * plain parts from sys.* rows. Names compare case-insensitively, as in a default (CI) collation.
 */

/**
 * Splits a bracketed multi-part name. `]]` inside brackets is a literal `]`; unbracketed parts are
 * taken as written. Returns [] for an empty string.
 */
export function splitBracketedName(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      let part = '';
      i++;
      while (i < text.length) {
        if (text[i] === ']') {
          if (text[i + 1] === ']') {
            part += ']';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += text[i++];
      }
      parts.push(part);
    } else {
      const dot = text.indexOf('.', i);
      const end = dot < 0 ? text.length : dot;
      parts.push(text.slice(i, end));
      i = end;
    }
    if (text[i] === '.') i++;
  }
  return parts;
}

export function bracket(part: string): string {
  return `[${part.replace(/\]/g, ']]')}]`;
}

export function bracketName(...parts: string[]): string {
  return parts.map(bracket).join('.');
}

/** Lookup key for an object or column name: case-insensitive, parts joined unambiguously. */
export function nameKey(...parts: string[]): string {
  return parts.map((p) => p.toLowerCase()).join('\u0000');
}
