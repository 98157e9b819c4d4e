/**
 * The column layout of an observation, derived once from OBSERVATION_FIELDS: text fields and numeric fields each
 * in table order. Batches store one column per field and the scanner one slot per field in these orders, so
 * their offsets are indexes into these lists, never numbers written by hand.
 */
import {
  OBSERVATION_FIELDS,
  type NumberField,
  type ObservationField,
  type ObservationFieldSpec,
  type ObservationLevel,
  type TextField,
} from './metric-observation.js';

const ALL = Object.keys(OBSERVATION_FIELDS) as ObservationField[];
const isText = (f: ObservationField): f is TextField => OBSERVATION_FIELDS[f].type === 'text';

export const TEXT_FIELDS: readonly TextField[] = ALL.filter(isText);
export const NUMBER_FIELDS: readonly NumberField[] = ALL.filter((f): f is NumberField => !isText(f));

export const textColumn = (f: TextField): number => TEXT_FIELDS.indexOf(f);
export const numberColumn = (f: NumberField): number => NUMBER_FIELDS.indexOf(f);

/** The text fields read at `level`, in table order. */
export const textFieldsAt = (level: ObservationLevel): TextField[] => TEXT_FIELDS.filter((f) => OBSERVATION_FIELDS[f].at === level);

/** A text field's value when the record has none (metric-level fields have no default: they are required). */
export const absentText = (f: TextField): string => {
  const spec: ObservationFieldSpec = OBSERVATION_FIELDS[f];
  return spec.absent ?? '';
};
