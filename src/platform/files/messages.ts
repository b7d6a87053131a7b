import type { Catalogue } from '../i18n/index.js';

/** Messages of the file store (register with registerMessages). */
export const filesMessages: Catalogue = {
  nl: {
    'files.empty': 'Kies een bestand. Het bestand mag niet leeg zijn.',
    'files.tooLarge': 'Het bestand is te groot. Het mag hoogstens {maximum} {unit} zijn.',
    'files.typeNotAllowed': 'Dit soort bestand kan hier niet. Kies een bestand van het type {types}.',
    'files.damaged': 'Het bestand is beschadigd of niet compleet. Probeer het opnieuw of kies een ander bestand.',
    'files.privacy.data': 'Bestanden die u hebt geüpload',
  },
  en: {
    'files.empty': 'Choose a file. The file must not be empty.',
    'files.tooLarge': 'The file is too large. It may be at most {maximum} {unit}.',
    'files.typeNotAllowed': 'This kind of file cannot be used here. Choose a file of type {types}.',
    'files.damaged': 'The file is damaged or incomplete. Try again or choose another file.',
    'files.privacy.data': 'Files you uploaded',
  },
};
