/**
 * A reading as typed: `71.5`, `71,5` (a decimal comma, as most of the world writes it) or `-3`.
 * A number input would read `71,5` as 715 in some browsers and locales, so readings are typed as text.
 */
const READING = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** The number typed, null when the field is empty, undefined when it is not a number. */
export function parseReading(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!READING.test(trimmed)) return undefined;
  return Number(trimmed.replace(',', '.'));
}

/** How a stored reading appears in the field. */
export function readingText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A form validator: `{ reading: true }` unless the text is empty or a number. */
export function readingValidator(control: { value: unknown }): { reading: true } | null {
  return parseReading(String(control.value ?? '')) === undefined ? { reading: true } : null;
}

export const READING_ERROR = 'Enter a number, like 71.5 or 71,5.';
