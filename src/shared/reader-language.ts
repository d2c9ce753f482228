// Which of the languages a recipient-facing page speaks (English, French, Dutch) to pick for a
// reader who is not a Glint user: the document viewer from navigator.languages, the server's
// small pages from Accept-Language. First of the reader's languages we have, by primary subtag.
export type ReaderLanguage = 'en' | 'fr' | 'nl';

const READER_LANGUAGES: readonly string[] = ['en', 'fr', 'nl'];

const isReaderLanguage = (value: string): value is ReaderLanguage => READER_LANGUAGES.includes(value);

/** The first of `languages` (most wanted first) we have ("fr-BE" -> fr), else English. */
export function pickLanguage(languages: readonly string[]): ReaderLanguage {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    if (isReaderLanguage(primary)) return primary;
  }
  return 'en';
}
