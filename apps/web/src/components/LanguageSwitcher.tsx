import { locales } from '@notta/shared';
import { localeNames, useT } from '../i18n';

/** Language toggle: each language is named in itself, and the chosen one is pressed. */
export function LanguageSwitcher() {
  const { locale, setLocale, t } = useT();
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {locales.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="language-switcher__option"
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {localeNames[option]}
        </button>
      ))}
    </fieldset>
  );
}
