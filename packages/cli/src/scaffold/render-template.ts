const PLACEHOLDER = /\{\{([A-Za-z]+)\}\}/g;

/** Replaces every `{{name}}` in `text`; throws on a placeholder with no value (a template bug). */
export function renderTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Template placeholder ${match} has no value.`);
    return value;
  });
}
