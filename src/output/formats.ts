/** The output formats, declared once: flags, help, validation and the renderer switch all read this list. */
export const FORMATS = ['table', 'csv', 'json', 'ndjson'] as const;
export type Format = (typeof FORMATS)[number];
