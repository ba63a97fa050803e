// Files of many submissions as the engine's national calls take them: one
// file is handed over as its text (a JSON array, JSON Lines or one
// submission: the engine reads each, and names a bad line by its
// position), several files as the list of their submissions.

/** Read the files chosen in a file input: their texts, in order. */
export const readTexts = (input) => Promise.all([...input.files].map((f) => f.text()));

/** The `submissions` of a national call from the files' texts. */
export function submissionsOf(texts) {
  if (texts.length === 1) {
    const text = texts[0];
    return text.trimStart().startsWith("[") ? JSON.parse(text) : text;
  }
  return texts.map((text) => JSON.parse(text));
}
