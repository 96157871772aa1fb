import { defineMessages } from '../message';

/** Reading tables (CSV files) into samples. */
export default defineMessages({
  'table.csvQuotes': {
    en: 'The file has an unclosed quote (") starting on line {line}.',
    fr: 'Le fichier contient un guillemet (") non refermé à partir de la ligne {line}.',
  },
  'table.csvEmpty': { en: 'The file is empty: there is no row to read.', fr: 'Le fichier est vide : il n’y a aucune ligne à lire.' },
  'table.csvNoRows': {
    en: 'The file has a header but no data rows.',
    fr: 'Le fichier a une ligne d’en-tête mais aucune ligne de données.',
  },
  'table.csvTooWide': {
    en: 'The file has {count} columns; Layerwise reads tables of at most {max} columns.',
    fr: 'Le fichier a {count} colonnes ; Layerwise lit des tableaux d’au plus {max} colonnes.',
  },
  'table.csvTooLong': {
    en: 'The file has {count} rows; Layerwise reads tables of at most {max} rows.',
    fr: 'Le fichier a {count} lignes ; Layerwise lit des tableaux d’au plus {max} lignes.',
  },
  'table.csvRowWidth': {
    en: 'Line {line} has {found} cells but the table has {expected} columns (check the separators and quotes on that line).',
    fr: 'La ligne {line} a {found} cellules alors que le tableau a {expected} colonnes (vérifiez les séparateurs et les guillemets de cette ligne).',
  },
  'table.csvNoFeatures': {
    en: 'Choose at least one feature column (the numbers the network reads).',
    fr: 'Choisissez au moins une colonne de caractéristiques (les nombres que lit le réseau).',
  },
  'table.csvNotNumber': {
    en: 'Line {line}, column “{column}”: “{value}” is not a number.',
    fr: 'Ligne {line}, colonne « {column} » : « {value} » n’est pas un nombre.',
  },
  'table.csvOneClass': {
    en: 'The label column “{column}” holds a single class; a classification needs at least two.',
    fr: 'La colonne d’étiquettes « {column} » ne contient qu’une classe ; une classification en demande au moins deux.',
  },
  'table.csvTooManyClasses': {
    en: 'The label column has {count} different values; Layerwise classifies into at most {max} classes. Is it a number to predict (regression)?',
    fr: 'La colonne d’étiquettes a {count} valeurs différentes ; Layerwise classe en au plus {max} classes. Est-ce un nombre à prédire (régression) ?',
  },
  'table.csvUnknownClass': {
    en: 'Line {line}: the class “{value}” is not one of the training file’s classes.',
    fr: 'Ligne {line} : la classe « {value} » ne fait pas partie des classes du fichier d’entraînement.',
  },
  'table.testColumns': {
    en: 'The test file has {test} feature columns but the training file has {train}; both need the same columns.',
    fr: 'Le fichier de test a {test} colonnes de caractéristiques mais le fichier d’entraînement en a {train} ; il faut les mêmes colonnes dans les deux.',
  },
  'table.noSuchColumn': {
    en: 'There is no column “{column}” (the columns are: {columns}).',
    fr: 'Il n’y a pas de colonne « {column} » (les colonnes sont : {columns}).',
  },
  'table.unreadable': { en: 'Could not read {file}: {reason}', fr: 'Impossible de lire {file} : {reason}' },
  'table.notAFile': {
    en: '{file} is not a regular file (a folder, a device or a pipe); choose a CSV file.',
    fr: '{file} n’est pas un fichier ordinaire (un dossier, un périphérique ou un tube) ; choisissez un fichier CSV.',
  },
  'table.tooBig': {
    en: '{file} is {megabytes} MB; Layerwise reads tables of at most {max} MB.',
    fr: '{file} fait {megabytes} Mo ; Layerwise lit des tableaux d’au plus {max} Mo.',
  },
  'table.isLink': {
    en: '{file} is a link to another file; choose the file itself.',
    fr: '{file} est un lien vers un autre fichier ; choisissez le fichier lui-même.',
  },
  'table.labelIsFeature': {
    en: 'The column “{column}” cannot be both the label and a feature.',
    fr: 'La colonne « {column} » ne peut pas être à la fois l’étiquette et une caractéristique.',
  },
  'table.csvTitle': { en: 'Table {file}', fr: 'Tableau {file}' },
  'table.uploadTooBig': {
    en: '{file} is {kilobytes} KB; in the browser, Layerwise imports tables of at most {max} KB (the desktop app reads larger ones).',
    fr: '{file} fait {kilobytes} Ko ; dans le navigateur, Layerwise importe des tableaux d’au plus {max} Ko (l’application de bureau en lit de plus grands).',
  },
  'table.fileForgotten': {
    en: 'This table is no longer open (the app was restarted or too many tables were opened since); import it again.',
    fr: 'Ce tableau n’est plus ouvert (l’application a redémarré ou trop de tableaux ont été ouverts depuis) ; importez-le à nouveau.',
  },
  'table.browserDialog': {
    en: 'In the browser, the page itself picks and saves table files (the host has no dialog to show).',
    fr: 'Dans le navigateur, la page choisit et enregistre elle-même les fichiers de tableau (l’hôte n’a pas de fenêtre à afficher).',
  },
  'table.unwritable': { en: 'Could not write {file}: {reason}', fr: 'Impossible d’écrire {file} : {reason}' },
});
