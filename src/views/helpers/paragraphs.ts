/** {{#each (paragraphs text)}}<p>{{this}}</p>{{/each}}: text the owner typed, split at blank lines, each paragraph still escaped by {{ }}. */
export function paragraphs(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}
