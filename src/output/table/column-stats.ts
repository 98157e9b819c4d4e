import { cellWidth } from '../cell-width.js';

/**
 * What one column holds, gathered row by row so the table never needs an array of all widths (a spread of 1.4
 * million widths into Math.max overflowed the call stack).
 */
export class ColumnStats {
  /** Some cell is a number / some cell is non-empty text. */
  numbers = false;
  text = false;
  /** Every non-empty text cell is a whole-minute ISO time. */
  times = true;
  /** Widest text cell as stored (times in full). */
  textWidth = 0;
  /** Widest integer part and widest `.fraction` of the numbers, for alignment on the decimal point. */
  intWidth = 0;
  fracWidth = 0;
  /** Widest time as shown with and without its offset. */
  timeWidth = 0;
  timeOffsetWidth = 0;

  addNumber(text: string): void {
    this.numbers = true;
    if (text.length > this.textWidth) this.textWidth = text.length;
    const dot = text.indexOf('.');
    const int = dot < 0 ? text.length : dot;
    if (int > this.intWidth) this.intWidth = int;
    if (text.length - int > this.fracWidth) this.fracWidth = text.length - int;
  }

  /** `dateShown`: whether the time shows its date in this row (see timeShape). */
  addText(text: string, dateShown: boolean, offsetLength: number): void {
    if (text === '') return;
    this.text = true;
    const width = cellWidth(text);
    if (width > this.textWidth) this.textWidth = width;
    if (offsetLength < 0) {
      this.times = false;
      return;
    }
    const shown = (dateShown ? 11 : 0) + 5;
    if (shown > this.timeWidth) this.timeWidth = shown;
    if (shown + offsetLength > this.timeOffsetWidth) this.timeOffsetWidth = shown + offsetLength;
  }

  get kind(): 'number' | 'time' | 'text' {
    if (this.numbers && !this.text) return 'number';
    if (this.text && this.times && !this.numbers) return 'time';
    return 'text';
  }

  /** Cells the widest value needs as shown. */
  dataWidth(withOffset: boolean): number {
    switch (this.kind) {
      case 'number':
        return this.intWidth + this.fracWidth;
      case 'time':
        return withOffset ? this.timeOffsetWidth : this.timeWidth;
      case 'text':
        return this.textWidth;
    }
  }
}
