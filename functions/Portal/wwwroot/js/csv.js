// The first rows of a file for the upload preview, read in the browser the way the server read it (its report names
// the encoding and the delimiter). RFC 4180 quoting; a quoted line break stays in its record, so records are the rows
// Excel shows, numbered from 1 (the header) as the report's cells are.
const decoders = { 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'windows-1252': 'windows-1252' };

export async function previewRows(file, report, maxRows = 15) {
  const buffer = await file.slice(0, 64 * 1024).arrayBuffer();
  const encoding = Object.keys(decoders).find((name) => (report?.encoding ?? '').toLowerCase().startsWith(name));
  let text = new TextDecoder(encoding ? decoders[encoding] : 'utf-8').decode(buffer);
  if (/^sep=.\r?\n/i.test(text)) text = text.slice(text.indexOf('\n') + 1);
  const delimiter = report?.delimiter?.length === 1 ? report.delimiter : guessDelimiter(text);
  return parse(text, delimiter, maxRows);
}

function guessDelimiter(text) {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return [',', ';', '\t', '|'].map((d) => [d, line.split(d).length]).sort((a, b) => b[1] - a[1])[0][0];
}

export function parse(text, delimiter, maxRows) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.length === 0) quoted = true;
    else if (c === delimiter) { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if ((cell.length > 0 || row.length > 0) && rows.length < maxRows) rows.push([...row, cell]);
  return rows;
}

/** Excel's column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index) {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
