/** The output formats, declared once: flags, help, validation and the renderer switch all read this list. */
export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'html', 'parquet'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * What an --output file's extension asks for when --format is not given. Formats named here but not (yet) in
 * FORMATS are refused before any request, naming what is available.
 */
export const FORMAT_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.csv': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.html': 'html',
  '.htm': 'html',
  '.parquet': 'parquet',
};

export const isFormat = (name: string): name is Format => (FORMATS as readonly string[]).includes(name);
