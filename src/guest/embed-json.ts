/**
 * JSON safe to place inside `<script type="application/json">`: `<`, `>` and `&` become \u escapes so no
 * guest-supplied text can close the element or open a comment, and U+2028/U+2029 are escaped for old
 * JavaScript parsers. JSON.parse reads the result back unchanged.
 */
const UNSAFE = /[<>&\u2028\u2029]/g;

export function jsonForScriptElement(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
