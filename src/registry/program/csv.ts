/**
 * A small RFC 4180 reader: quoted fields with `""` escapes and line breaks inside quotes, CRLF
 * or LF line ends, and a separator of `,` or `;` (SIPD and spreadsheet exports in an Indonesian
 * locale use `;`). Each record carries the file line it starts on, for error reports.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvResult {
  separator: ',' | ';';
  records: CsvRecord[];
  /** Line of a quote left open at the end of the file, if any. */
  unclosedQuoteLine: number | null;
}

/** `;` when the first line has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    // Blank lines are skipped.
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) return { separator, records, unclosedQuoteLine: quoteLine };
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return { separator, records, unclosedQuoteLine: null };
}
